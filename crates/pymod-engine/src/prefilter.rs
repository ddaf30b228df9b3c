//! Which rules could fire on a text, found in one scan of it: a rule whose
//! substrings (and quick check) all miss is not run, and a file no rule
//! could touch is not even parsed.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::rule::Rule;

/// A rule's own test of the text, with the rule's index.
type QuickCheck = (usize, fn(&str) -> bool);

pub(crate) struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// The rule each pattern of the automaton belongs to.
    pattern_rules: Vec<usize>,
    /// Rules that cannot be prefiltered: always active.
    unfiltered: Vec<usize>,
    quick_checks: Vec<QuickCheck>,
    rule_count: usize,
}

impl Prefilter {
    pub(crate) fn new(rules: &[&'static dyn Rule]) -> Prefilter {
        let mut patterns = Vec::new();
        let mut pattern_rules = Vec::new();
        let mut unfiltered = Vec::new();
        let mut quick_checks = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            let meta = rule.meta();
            for pattern in meta.prefilter {
                patterns.push(*pattern);
                pattern_rules.push(index);
            }
            if let Some(check) = meta.quick_check {
                quick_checks.push((index, check));
            }
            if meta.prefilter.is_empty() && meta.quick_check.is_none() {
                unfiltered.push(index);
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            // A DFA: an overlapping search cannot use the literal
            // prefilters, and the DFA scans several times faster than the
            // default NFA (measured: 4% of a run with the NFA).
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        // Without an automaton the patterns cannot be checked: run those rules.
        if automaton.is_none() {
            unfiltered.append(&mut pattern_rules);
        }
        Prefilter {
            automaton,
            pattern_rules,
            unfiltered,
            quick_checks,
            rule_count: rules.len(),
        }
    }

    /// For each rule, whether it could fire on `text`.
    pub(crate) fn active_rules(&self, text: &str) -> Vec<bool> {
        let mut active = vec![false; self.rule_count];
        for &index in &self.unfiltered {
            mark(&mut active, index);
        }
        for &(index, check) in &self.quick_checks {
            if check(text) {
                mark(&mut active, index);
            }
        }
        if let Some(automaton) = &self.automaton {
            let mut remaining = active.iter().filter(|a| !**a).count();
            for found in automaton.find_overlapping_iter(text) {
                if remaining == 0 {
                    break;
                }
                if let Some(&index) = self.pattern_rules.get(found.pattern().as_usize()) {
                    if mark(&mut active, index) {
                        remaining -= 1;
                    }
                }
            }
        }
        active
    }
}

/// Marks rule `index` active; whether it was not before.
fn mark(active: &mut [bool], index: usize) -> bool {
    match active.get_mut(index) {
        Some(slot) if !*slot => {
            *slot = true;
            true
        }
        _ => false,
    }
}
