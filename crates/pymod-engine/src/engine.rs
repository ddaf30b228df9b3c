//! Running the enabled rules over a file until nothing changes, and judging
//! the result.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use pymod_syntax::line_index::{point_after, LineIndex};
use pymod_syntax::parse::{first_error, parse, parse_incremental, python_language};
use pymod_syntax::{strict, SyntaxIssue};
use thiserror::Error;
use tree_sitter::{InputEdit, Tree};

use crate::checker::{Checker, FileFacts};
use crate::edit::{apply_edits, ranges_conflict, Edit, Fix, Safety};
use crate::prefilter::Prefilter;
use crate::rule::Rule;
use crate::settings::Settings;
use crate::traverse::{index_file, Dispatch, FileIndex, KindTable};

/// Passes after which a file that still changes is given up on.
pub const MAX_PASSES: usize = 24;

/// Something the engine has to tell about a file it still fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The result of fixing one file.
#[derive(Debug, Clone, Default)]
pub struct FixOutcome {
    /// The fixed text, or `None` when nothing changed.
    pub fixed: Option<String>,
    /// The names of the rules whose fixes were applied, once each, in order of first use.
    pub applied_rules: Vec<&'static str>,
    /// How many fixes were applied.
    pub fix_count: usize,
    /// Fixes that were dropped because they broke the code (engine or rule bugs).
    pub dropped: Vec<Diagnostic>,
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum FixError {
    #[error("{}:{}: syntax error, skipped", .0.line, .0.column)]
    Syntax(SyntaxIssue),
    /// Valid Python that tree-sitter-python cannot parse (a grammar gap).
    #[error("{}:{}: syntax tree-sitter-python cannot parse, skipped", .0.line, .0.column)]
    Unsupported(SyntaxIssue),
    /// A carriage return not followed by a line feed in a comment: Python
    /// ends the line there, tree-sitter-python runs the comment on past it.
    #[error("{}:{}: carriage return without line feed, skipped", .0.line, .0.column)]
    LoneCarriageReturn(SyntaxIssue),
    #[error("failed to converge after {MAX_PASSES} passes (rules: {})", .0.join(", "))]
    NoConvergence(Vec<&'static str>),
}

/// The enabled rules for one run, ready to be applied to many files in parallel.
pub struct Engine {
    rules: Vec<&'static dyn Rule>,
    dispatch: Dispatch,
    kinds: KindTable,
    prefilter: Prefilter,
    settings: Settings,
}

impl Engine {
    /// Keeps the rules that apply to `settings` and indexes them by node kind.
    pub fn new(candidates: &[&'static dyn Rule], settings: Settings) -> Engine {
        let rules: Vec<&'static dyn Rule> = candidates
            .iter()
            .copied()
            .filter(|r| settings.target >= r.meta().min_version && r.enabled(&settings))
            .collect();
        let language = python_language();
        let mut dispatch: Dispatch = vec![Vec::new(); language.node_kind_count()];
        for (id, subscribers) in dispatch.iter_mut().enumerate() {
            let Ok(id) = u16::try_from(id) else { break };
            if !language.node_kind_is_named(id) && !language.node_kind_is_visible(id) {
                continue;
            }
            let Some(kind) = language.node_kind_for_id(id) else {
                continue;
            };
            for (index, rule) in rules.iter().enumerate() {
                if rule.meta().kinds.contains(&kind) {
                    subscribers.push(index as u16);
                }
            }
        }
        let prefilter = Prefilter::new(&rules);
        Engine {
            rules,
            dispatch,
            kinds: KindTable::new(&language),
            prefilter,
            settings,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn rule_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rules.iter().map(|r| r.meta().name)
    }

    /// Whether some enabled rule could fire on `src` at all.
    pub fn might_apply(&self, src: &str) -> bool {
        self.prefilter.active_rules(src).contains(&true)
    }

    /// Fixes `src`. Files that do not parse are refused; fixes that would
    /// break the code are dropped and reported in the outcome.
    pub fn fix(&self, src: &str, facts: &FileFacts) -> Result<FixOutcome, FixError> {
        let active = self.prefilter.active_rules(src);
        if !active.contains(&true) {
            return Ok(FixOutcome::default());
        }
        let tree = parse(src).ok_or_else(|| syntax_at(src, 0, "parser gave up"))?;
        if let Some(node) = first_error(&tree) {
            // The strict parser locates errors better; when it accepts the
            // file, tree-sitter's grammar has a gap and we still cannot fix it.
            return Err(match strict::check(src) {
                Err(issue) => FixError::Syntax(issue),
                Ok(()) => FixError::Unsupported(SyntaxIssue::at(src, node.start_byte(), "")),
            });
        }
        let mut judge = Judge::Strict {
            pep701: self.settings.target >= crate::settings::PyVersion::py3(12),
        };
        let outcome = self.fixpoint(src, tree, facts, &active, &mut judge, &mut Careful::No)?;
        let Some(fixed) = &outcome.fixed else {
            return Ok(outcome);
        };
        if judge.accepts(fixed) {
            return Ok(outcome);
        }
        // The result is not valid: either the input was not valid to begin
        // with, or a fix broke it.
        if matches!(judge, Judge::Strict { .. }) {
            strict::check(src).map_err(FixError::Syntax)?;
        }
        let tree = parse(src).ok_or_else(|| syntax_at(src, 0, "parser gave up"))?;
        let mut careful = Careful::Yes {
            rejected: HashSet::new(),
            dropped: Vec::new(),
        };
        let mut outcome = self.fixpoint(src, tree, facts, &active, &mut judge, &mut careful)?;
        if let Careful::Yes { dropped, .. } = careful {
            outcome.dropped = dropped;
        }
        Ok(outcome)
    }

    fn fixpoint(
        &self,
        original: &str,
        mut tree: Tree,
        facts: &FileFacts,
        initially_active: &[bool],
        judge: &mut Judge,
        careful: &mut Careful,
    ) -> Result<FixOutcome, FixError> {
        let mut text = original.to_owned();
        let mut outcome = FixOutcome::default();
        let mut fixes = Vec::new();
        let mut active = initially_active.to_vec();
        // Debug builds: what the last pass's fixes claimed to feed, checked
        // against a pass that runs every rule anyway.
        let mut claim: Option<FeedClaim> = None;
        for pass in 0..MAX_PASSES {
            let index = index_file(&tree, &text, &self.dispatch, &self.kinds);
            if let Some(offset) = index.too_deep_at {
                return Err(syntax_at(&text, offset, "too deeply nested"));
            }
            if let (0, Some(offset)) = (pass, index.invalid_at) {
                return Err(syntax_at(&text, offset, "not valid Python 3"));
            }
            if let (0, Some(offset)) = (pass, index.carriage_return_in_comment_at) {
                return Err(FixError::LoneCarriageReturn(SyntaxIssue::at(
                    &text, offset, "",
                )));
            }
            if pass == 0 {
                self.check_input(&text, &index, judge)?;
            }
            fixes.clear();
            self.run_rules(&text, &index, facts, &active, &mut fixes);
            drop(index);
            fixes.retain(|f| {
                (f.safety == Safety::Safe || self.settings.unsafe_fixes) && !f.is_noop(&text)
            });
            if let Careful::Yes { rejected, .. } = careful {
                fixes.retain(|f| !rejected.contains(&fix_key(&text, f)));
            }
            if let Some(claim) = claim.take() {
                claim.check(&self.rules, &fixes);
            }
            if fixes.is_empty() {
                break;
            }
            if pass + 1 == MAX_PASSES {
                let mut rules: Vec<&'static str> = fixes.iter().map(|f| f.rule).collect();
                rules.sort_unstable();
                rules.dedup();
                return Err(FixError::NoConvergence(rules));
            }
            let accepted = select_compatible(&mut fixes);
            // What is left in `fixes` waits for the next pass.
            let fed = match careful {
                Careful::No => self.fed_rules(&accepted, &fixes),
                Careful::Yes { .. } => None,
            };
            let accepted = match careful {
                Careful::No => accepted,
                Careful::Yes { rejected, dropped } => {
                    keep_valid_fixes(&text, accepted, *judge, rejected, dropped)
                }
            };
            if accepted.is_empty() {
                continue;
            }
            for fix in &accepted {
                if !outcome.applied_rules.contains(&fix.rule) {
                    outcome.applied_rules.push(fix.rule);
                }
            }
            outcome.fix_count += accepted.len();
            let mut edits: Vec<&Edit> = accepted.iter().flat_map(|f| &f.edits).collect();
            edits.sort_by_key(|e| e.range.start);
            let new_text = apply_edits(&text, &edits);
            // A full scan of the new text: keeping rules active once they
            // were (and scanning only around the edits) measured slower,
            // since later passes then run rules whose substrings are gone.
            let could_fire = self.prefilter.active_rules(&new_text);
            match fed {
                Some(fed) if cfg!(debug_assertions) => {
                    claim = Some(FeedClaim {
                        applied: accepted.iter().map(|f| f.rule).collect(),
                        fed,
                    });
                    active = could_fire;
                }
                Some(fed) => {
                    active = could_fire.iter().zip(&fed).map(|(c, f)| *c && *f).collect();
                    if !active.contains(&true) {
                        // Nothing the fixes fed could fire: no re-parse.
                        text = new_text;
                        break;
                    }
                }
                None => active = could_fire,
            }
            tree = reparse(&text, &new_text, tree, &edits);
            text = new_text;
            if tree.root_node().has_error() {
                // Either a fix produced something tree-sitter cannot read (the
                // caller then starts over, validating fix by fix), or, when
                // already validating, the judge accepts what tree-sitter
                // cannot parse: stop here with what the judge accepted.
                break;
            }
        }
        if text != original {
            outcome.fixed = Some(text);
        }
        Ok(outcome)
    }

    /// Refuses input that tree-sitter accepts but Python 3 does not, and
    /// picks the judge for the result.
    fn check_input(
        &self,
        text: &str,
        index: &FileIndex<'_>,
        judge: &mut Judge,
    ) -> Result<(), FixError> {
        if index.newer_syntax {
            if strict::check(text).is_err() {
                *judge = Judge::TreeSitter;
            }
            return Ok(());
        }
        if index.python2_suspect {
            strict::check(text).map_err(FixError::Syntax)?;
        }
        Ok(())
    }

    /// For each rule, whether the `applied` fixes can have given it something
    /// new to fix or one of the `waiting` fixes is its own; `None` when a
    /// fix may feed any rule.
    fn fed_rules(&self, applied: &[Fix], waiting: &[Fix]) -> Option<Vec<bool>> {
        let mut fed = vec![false; self.rules.len()];
        let mut mark = |name: &str| {
            if let Some(i) = self.rules.iter().position(|r| r.meta().name == name) {
                fed[i] = true;
            }
        };
        for fix in applied {
            for &name in fix.feeds? {
                mark(name);
            }
        }
        for fix in waiting {
            mark(fix.rule);
        }
        Some(fed)
    }

    fn run_rules(
        &self,
        text: &str,
        index: &FileIndex<'_>,
        facts: &FileFacts,
        active: &[bool],
        fixes: &mut Vec<Fix>,
    ) {
        for &node in &index.visits {
            let Some(subscribers) = self.dispatch.get(node.kind_id() as usize) else {
                continue;
            };
            for &rule_index in subscribers {
                if !active.get(rule_index as usize).copied().unwrap_or(false) {
                    continue;
                }
                let rule = self.rules[rule_index as usize];
                let mut checker = Checker {
                    src: text,
                    settings: &self.settings,
                    imports: &index.imports,
                    facts,
                    comments: &index.comments,
                    fstring_fields: &index.fstring_fields,
                    rule: rule.meta(),
                    rules: &self.rules,
                    fixes,
                };
                rule.check(node, &mut checker);
            }
        }
    }
}

/// What the fixes of a pass claimed to feed (see `RuleMeta::feeds`).
struct FeedClaim {
    applied: Vec<&'static str>,
    fed: Vec<bool>,
}

impl FeedClaim {
    /// Panics when a rule the claim left out found a fix: the claim of one
    /// of the applied rules is false.
    fn check(&self, rules: &[&'static dyn Rule], fixes: &[Fix]) {
        for fix in fixes {
            let position = rules.iter().position(|r| r.meta().name == fix.rule);
            if position.is_some_and(|i| !self.fed.get(i).copied().unwrap_or(false)) {
                let mut applied = self.applied.clone();
                applied.sort_unstable();
                applied.dedup();
                panic!(
                    "fixes of {} claimed not to feed {}, which then found a fix",
                    applied.join(", "),
                    fix.rule
                );
            }
        }
    }
}

/// Who decides whether a result is valid Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judge {
    /// rustpython-parser: the default. With `pep701` (a target of 3.12 or
    /// later) it is not asked about f-strings that only Python 3.12 reads
    /// (a quote or backslash inside a replacement field), which it does not
    /// know: those are judged by tree-sitter.
    Strict { pep701: bool },
    /// tree-sitter alone, for inputs that use syntax newer than the strict
    /// parser knows (PEP 701 f-strings).
    TreeSitter,
}

impl Judge {
    fn accepts(self, text: &str) -> bool {
        match self {
            Judge::Strict { pep701 } => {
                strict::check(text).is_ok()
                    || (pep701 && strict_accepts_without_pep701_strings(text))
            }
            Judge::TreeSitter => parse(text).is_some_and(|t| !t.root_node().has_error()),
        }
    }
}

/// Whether each fix is validated on its own (after a result failed validation).
enum Careful {
    No,
    Yes {
        rejected: HashSet<(String, String)>,
        dropped: Vec<Diagnostic>,
    },
}

/// Identifies a fix across passes by its rule and what it replaces with what.
fn fix_key(text: &str, fix: &Fix) -> (String, String) {
    let mut old = String::from(fix.rule);
    let mut new = String::new();
    for edit in &fix.edits {
        old.push('\0');
        old.push_str(text.get(edit.range.clone()).unwrap_or(""));
        new.push('\0');
        new.push_str(&edit.text);
    }
    (old, new)
}

/// Whether `text` parses with tree-sitter and, once every f-string that
/// needs Python 3.12's grammar is replaced by an empty string, with the
/// strict parser too.
fn strict_accepts_without_pep701_strings(text: &str) -> bool {
    let Some(tree) = parse(text) else {
        return false;
    };
    if tree.root_node().has_error() {
        return false;
    }
    let mut masked = String::with_capacity(text.len());
    let mut copied_up_to = 0;
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let masked_here =
            node.kind() == "string" && crate::traverse::string_needs_pep701(node, text);
        if masked_here {
            masked.push_str(text.get(copied_up_to..node.start_byte()).unwrap_or(""));
            masked.push_str("\"\"");
            copied_up_to = node.end_byte();
        }
        if !masked_here && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                if copied_up_to == 0 {
                    return false;
                }
                masked.push_str(text.get(copied_up_to..).unwrap_or(""));
                return strict::check(&masked).is_ok();
            }
        }
    }
}

/// Keeps the fixes whose result the judge accepts, adding them one by one
/// so each is judged together with those kept. Every candidate is applied
/// to `text` with the kept ones: a fix's edits may lie on both sides of
/// another fix's, so fixes cannot be applied one after the other.
fn keep_valid_fixes(
    text: &str,
    accepted: Vec<Fix>,
    judge: Judge,
    rejected: &mut HashSet<(String, String)>,
    dropped: &mut Vec<Diagnostic>,
) -> Vec<Fix> {
    let mut kept: Vec<Fix> = Vec::new();
    for fix in accepted {
        let mut edits: Vec<&Edit> = kept
            .iter()
            .chain(std::iter::once(&fix))
            .flat_map(|f| &f.edits)
            .collect();
        edits.sort_by_key(|e| e.range.start);
        if judge.accepts(&apply_edits(text, &edits)) {
            kept.push(fix);
            continue;
        }
        let issue = SyntaxIssue::at(text, fix.start(), "");
        dropped.push(Diagnostic {
            line: issue.line,
            column: issue.column,
            message: format!(
                "internal error: a fix of rule {} produced invalid code; fix dropped",
                fix.rule
            ),
        });
        rejected.insert(fix_key(text, &fix));
    }
    kept
}

/// Takes the fixes that do not conflict with an earlier one; the others are
/// left in `fixes`: they wait for the next pass, when they are proposed
/// again against the new text.
fn select_compatible(fixes: &mut Vec<Fix>) -> Vec<Fix> {
    fixes.sort_by_key(Fix::start);
    // Accepted edit ranges, by start.
    let mut taken: BTreeMap<usize, Range<usize>> = BTreeMap::new();
    let mut accepted = Vec::new();
    let mut waiting = Vec::new();
    for fix in fixes.drain(..) {
        let conflicts = fix.edits.iter().any(|edit| {
            let before = taken.range(..=edit.range.start).next_back();
            let after = taken.range(edit.range.start..).next();
            before
                .into_iter()
                .chain(after)
                .any(|(_, r)| ranges_conflict(r, &edit.range))
                || taken
                    .range(edit.range.start..edit.range.end)
                    .any(|(_, r)| ranges_conflict(r, &edit.range))
        });
        if conflicts {
            waiting.push(fix);
            continue;
        }
        for edit in &fix.edits {
            taken.insert(edit.range.start, edit.range.clone());
        }
        accepted.push(fix);
    }
    *fixes = waiting;
    accepted
}

/// Re-parses `new_text`, telling tree-sitter which ranges changed so it can
/// reuse the rest of the old tree.
fn reparse(old_text: &str, new_text: &str, mut tree: Tree, sorted_edits: &[&Edit]) -> Tree {
    let index = LineIndex::new(old_text);
    // From the last edit to the first: each edit's coordinates are then
    // still those of the text the tree describes.
    for edit in sorted_edits.iter().rev() {
        let start_position = index.point(edit.range.start);
        tree.edit(&InputEdit {
            start_byte: edit.range.start,
            old_end_byte: edit.range.end,
            new_end_byte: edit.range.start + edit.text.len(),
            start_position,
            old_end_position: index.point(edit.range.end),
            new_end_position: point_after(start_position, &edit.text),
        });
    }
    match parse_incremental(new_text, Some(&tree)) {
        Some(new_tree) => new_tree,
        None => parse(new_text).unwrap_or(tree),
    }
}

fn syntax_at(text: &str, offset: usize, message: &str) -> FixError {
    FixError::Syntax(SyntaxIssue::at(text, offset, message))
}
