use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::six_names::line_end_after;
use crate::helpers::version_expr::{always_false, always_true};

declare_rule! {
    /// Removes `if` branches that test for a Python version the target excludes.
    ///
    /// ## What it does
    /// For conditions such as `six.PY2`, `six.PY3`, `sys.version_info[0] == 2`
    /// or `sys.version_info >= (3, 6)` that are always true or always false
    /// on the target version, keeps only the branch that runs: the dead
    /// branch is deleted and the surviving block is dedented into place.
    /// An `elif` whose condition is always true becomes `else`; one whose
    /// condition is always false is dropped.
    ///
    /// ## Why is this bad?
    /// Code for interpreters you no longer support is never executed; it
    /// only costs reading time and keeps old workarounds alive.
    ///
    /// ## Example
    /// ```python
    /// if six.PY2:
    ///     text = unicode(value)
    /// else:
    ///     text = str(value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// text = str(value)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3; `sys.version_info` comparisons with a minor version are
    /// decided against the target (`--py36-plus` settles `< (3, 6)`).
    ///
    /// ## When it refuses
    /// An always-false `if` without `else` is only removed at module level.
    /// A branch followed by an `elif` is only rewritten when that `elif`
    /// starts its line (an indented chain is left alone), and an
    /// always-true `elif` followed by another `elif` is never unwrapped.
    /// It refuses when an `else` holds nothing but another `if` (which is
    /// indistinguishable from `elif` for Python), when a one-line branch
    /// would lose its indentation, and when the kept block's lines cannot
    /// be dedented consistently.
    ///
    /// ## Fix safety
    /// Safe for the declared target versions: the removed code could only
    /// run on older interpreters. Comments inside removed branches go too.
    pub struct VersionedBranches {
        name: "versioned-branches",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["if_statement"],
        prefilter: ["PY2", "PY3", "version_info"],
    }
}

/// One `if` / `elif` / `else` header with its block.
#[derive(Clone, Copy)]
struct Clause<'t> {
    keyword: Node<'t>,
    colon: Node<'t>,
    body: Node<'t>,
    condition: Option<Node<'t>>,
    is_else: bool,
}

/// A clause's extent in the text, the way pyupgrade's token blocks see it.
#[derive(Clone, Copy)]
struct Block {
    /// The start of the header (its line's start when only indentation
    /// precedes the keyword).
    start: usize,
    /// The first byte of the block's content (the next line for a
    /// multi-line block).
    block: usize,
    /// The start of the next line holding code after the block (blank and
    /// comment lines included), or past the newline for a one-line block.
    end: usize,
    /// The header's indentation width.
    indent: usize,
    /// Whether the block is on the header's line.
    one_line: bool,
    /// The end of the block's last code line, newline included.
    last_code_line_end: usize,
}

impl Rule for VersionedBranches {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(clauses) = clauses(node) else {
            return;
        };
        // pyupgrade rewrites the later clauses of a chain before the
        // earlier ones (an earlier fix sees the later one's result), so only
        // the last clause that can be fixed is fixed in this pass.
        for index in (0..clauses.len()).rev() {
            let Some(clause) = clauses.get(index) else {
                return;
            };
            let Some(condition) = clause.condition else {
                continue;
            };
            let edits = if always_false(cx, condition) {
                dead_branch(cx, node, &clauses, index)
            } else if always_true(cx, condition) {
                live_branch(cx, node, &clauses, index)
            } else {
                continue;
            };
            if let Some(edits) = edits {
                cx.fix(edits);
                return;
            }
        }
    }
}

fn clauses(node: Node<'_>) -> Option<Vec<Clause<'_>>> {
    let mut cursor = node.walk();
    let keyword = node.child(0).filter(|k| k.kind_name() == "if")?;
    let colon = node.children(&mut cursor).find(|c| c.kind_name() == ":")?;
    let mut out = vec![Clause {
        keyword,
        colon,
        body: node.field("consequence")?,
        condition: node.field("condition"),
        is_else: false,
    }];
    let mut cursor = node.walk();
    for alternative in node.children_by_field_name("alternative", &mut cursor) {
        let keyword = alternative.child(0)?;
        let mut inner = alternative.walk();
        let colon = alternative
            .children(&mut inner)
            .find(|c| c.kind_name() == ":")?;
        let is_else = alternative.kind_name() == "else_clause";
        let body = if is_else {
            alternative.field("body")?
        } else {
            alternative.field("consequence")?
        };
        out.push(Clause {
            keyword,
            colon,
            body,
            condition: alternative.field("condition"),
            is_else,
        });
    }
    Some(out)
}

/// What follows clause `index`: nothing, an `elif`, an `else` holding only
/// an `if` (Python's tree cannot tell it from `elif`), or a plain `else`.
enum Orelse<'a, 't> {
    Nothing,
    Elif(&'a Clause<'t>),
    ElseIf,
    Else(&'a Clause<'t>),
}

fn orelse<'a, 't>(clauses: &'a [Clause<'t>], index: usize) -> Orelse<'a, 't> {
    match clauses.get(index + 1) {
        None => Orelse::Nothing,
        Some(next) if !next.is_else => Orelse::Elif(next),
        Some(next) => {
            let mut cursor = next.body.walk();
            let mut statements = next
                .body
                .named_children(&mut cursor)
                .filter(|n| n.kind_name() != "comment");
            match (statements.next(), statements.next()) {
                (Some(only), None) if only.kind_name() == "if_statement" => Orelse::ElseIf,
                _ => Orelse::Else(next),
            }
        }
    }
}

fn dead_branch(
    cx: &Checker<'_>,
    statement: Node<'_>,
    clauses: &[Clause<'_>],
    index: usize,
) -> Option<Vec<Edit>> {
    let clause = clauses.get(index)?;
    let block = find_block(cx, clause)?;
    match orelse(clauses, index) {
        Orelse::ElseIf => None,
        Orelse::Elif(next) => elif_at_line_start(next).then(|| {
            vec![
                Edit::delete(block.start..block.end),
                Edit::replace(next.keyword.byte_range(), cx.text(clause.keyword)),
            ]
        }),
        Orelse::Else(else_clause) => {
            let else_block = trim_end(cx, find_block(cx, else_clause)?);
            if index == 0 {
                if else_block.one_line && block.indent > 0 {
                    return None;
                }
                let mut edits = dedent(cx, statement, &else_block)?;
                edits.push(Edit::delete(block.start..else_block.block));
                Some(edits)
            } else {
                Some(vec![Edit::delete(block.start..else_block.start)])
            }
        }
        Orelse::Nothing => (clause.keyword.start_position().column == 0)
            .then(|| vec![Edit::delete(block.start..block.end)]),
    }
}

fn live_branch(
    cx: &Checker<'_>,
    statement: Node<'_>,
    clauses: &[Clause<'_>],
    index: usize,
) -> Option<Vec<Edit>> {
    let clause = clauses.get(index)?;
    let block = find_block(cx, clause)?;
    let to_else = || {
        Edit::replace(
            clause.keyword.start_byte()..clause.colon.start_byte(),
            "else",
        )
    };
    let unwrap_header = |mut edits: Vec<Edit>| {
        if block.one_line && block.indent > 0 {
            return None;
        }
        edits.extend(dedent(cx, statement, &block)?);
        edits.push(Edit::delete(block.start..block.block));
        Some(edits)
    };
    match orelse(clauses, index) {
        Orelse::ElseIf => None,
        // Unwrapping an `elif` would leave its block between an `if` and
        // the next `elif`; pyupgrade's output for that does not parse.
        Orelse::Elif(next) if index == 0 && elif_at_line_start(next) => {
            unwrap_header(vec![Edit::replace(next.keyword.byte_range(), "if")])
        }
        Orelse::Elif(_) => None,
        Orelse::Else(else_clause) => {
            let else_block = trim_end(cx, find_block(cx, else_clause)?);
            let drop_else = Edit::delete(block.end..else_block.end);
            if index == 0 {
                unwrap_header(vec![drop_else])
            } else {
                Some(vec![drop_else, to_else()])
            }
        }
        Orelse::Nothing if index == 0 => unwrap_header(Vec::new()),
        Orelse::Nothing => Some(vec![to_else()]),
    }
}

/// pyupgrade only turns the `elif` after a removed or unwrapped branch into
/// an `if` when nothing (not even indentation) precedes it on its line; an
/// indented chain is left alone.
fn elif_at_line_start(next: &Clause<'_>) -> bool {
    next.keyword.start_position().column == 0
}

/// The end of the last token of `node` that is not a comment.
fn last_code_end(node: Node<'_>) -> usize {
    let mut current = node;
    loop {
        let count = current.child_count();
        let last = (0..count)
            .rev()
            .filter_map(|i| current.child(i))
            .find(|c| c.kind_name() != "comment");
        match last {
            Some(child) => current = child,
            None => return current.end_byte(),
        }
    }
}

fn line_start(src: &str, at: usize) -> usize {
    src.get(..at)
        .and_then(|before| before.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1)
}

/// The start of the next line after `from` that holds code (not blank, not
/// only a comment), or the end of the text.
fn next_code_line(src: &str, from: usize) -> usize {
    let bytes = src.as_bytes();
    let mut at = line_end_after(src, from);
    loop {
        let mut p = at;
        while matches!(bytes.get(p), Some(b' ' | b'\t' | b'\x0c')) {
            p += 1;
        }
        match bytes.get(p) {
            None => return src.len(),
            Some(b'#' | b'\n' | b'\r') => {
                let next = line_end_after(src, p);
                if next <= at {
                    return at;
                }
                at = next;
            }
            Some(_) => return at,
        }
    }
}

fn find_block(cx: &Checker<'_>, clause: &Clause<'_>) -> Option<Block> {
    let src = cx.src;
    let keyword_start = clause.keyword.start_byte();
    let line = line_start(src, keyword_start);
    let leading = src.get(line..keyword_start)?;
    let (start, indent) = if leading.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c')) {
        (line, leading.len())
    } else {
        (keyword_start, 0)
    };
    let code_end = last_code_end(clause.body);
    let last_code_line_end = line_end_after(src, code_end);
    let one_line = clause.body.start_position().row == clause.colon.end_position().row;
    if one_line {
        Some(Block {
            start,
            block: clause.body.start_byte(),
            end: last_code_line_end,
            indent,
            one_line,
            last_code_line_end,
        })
    } else {
        Some(Block {
            start,
            block: line_end_after(src, clause.colon.end_byte()),
            end: next_code_line(src, code_end),
            indent,
            one_line,
            last_code_line_end,
        })
    }
}

/// Leaves out the trailing blank and comment lines of a block, except up
/// to the last one indented deeper than the block's header.
fn trim_end(cx: &Checker<'_>, block: Block) -> Block {
    if block.one_line {
        return block;
    }
    let src = cx.src;
    let bytes = src.as_bytes();
    let mut end = block.last_code_line_end;
    let mut at = block.last_code_line_end;
    while at < block.end {
        let mut p = at;
        while matches!(bytes.get(p), Some(b' ' | b'\t' | b'\x0c')) {
            p += 1;
        }
        let next = line_end_after(src, p);
        if next <= at {
            break;
        }
        if p - at > block.indent {
            end = next.min(block.end);
        }
        at = next;
    }
    Block { end, ..block }
}

/// The line starts in `range` whose indentation belongs to the code (not
/// inside a multi-line string, not after a backslash continuation).
fn code_line_starts(cx: &Checker<'_>, root: Node<'_>, from: usize, to: usize) -> Vec<usize> {
    let bytes = cx.src.as_bytes();
    let mut starts = Vec::new();
    let mut at = from;
    while at < to {
        let continued = at
            .checked_sub(1)
            .and_then(|nl| {
                let before =
                    if nl > 0 && bytes.get(nl) == Some(&b'\n') && bytes.get(nl - 1) == Some(&b'\r')
                    {
                        nl.checked_sub(2)
                    } else {
                        nl.checked_sub(1)
                    };
                before.and_then(|b| bytes.get(b))
            })
            .is_some_and(|b| *b == b'\\');
        if !continued && !inside_string(root, at) {
            starts.push(at);
        }
        match cx.src.get(at..to).and_then(|rest| rest.find('\n')) {
            Some(i) => at += i + 1,
            None => break,
        }
    }
    starts
}

fn inside_string(root: Node<'_>, offset: usize) -> bool {
    let mut node = root.descendant_for_byte_range(offset, offset);
    while let Some(current) = node {
        if current.kind_name() == "string"
            && current.start_byte() < offset
            && offset < current.end_byte()
        {
            return true;
        }
        if current.id() == root.id() {
            return false;
        }
        node = current.parent();
    }
    false
}

/// Edits moving a multi-line block's lines left so that its least indented
/// code line lines up with the header. `None` when they cannot.
fn dedent(cx: &Checker<'_>, root: Node<'_>, block: &Block) -> Option<Vec<Edit>> {
    if block.one_line {
        return Some(Vec::new());
    }
    let bytes = cx.src.as_bytes();
    let starts = code_line_starts(cx, root, block.block, block.end);
    let width = |start: usize| {
        let mut p = start;
        while matches!(bytes.get(p), Some(b' ' | b'\t' | b'\x0c')) {
            p += 1;
        }
        p - start
    };
    let minimum = starts
        .iter()
        .filter(|s| width(**s) > 0 && bytes.get(**s + width(**s)) != Some(&b'#'))
        .map(|s| width(*s))
        .min()?;
    let diff = minimum.checked_sub(block.indent)?;
    let mut edits = Vec::new();
    for start in starts {
        let w = width(start);
        if w > block.indent && diff > 0 {
            let cut_end = (block.indent + diff).min(w);
            edits.push(Edit::delete(start + block.indent..start + cut_end));
        }
    }
    Some(edits)
}
