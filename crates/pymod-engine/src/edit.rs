//! Edits rules propose, and fixes that group edits which only make sense together.

use std::ops::Range;

/// Replace `range` of the current text with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Self {
        Edit {
            range,
            text: text.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Self {
        Edit::replace(range, "")
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(at..at, text)
    }
}

/// Whether a fix can change what the program does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Safety {
    /// Same behaviour for every program.
    Safe,
    /// Valid code that may behave differently in rare cases; applied only
    /// with `--unsafe-fixes`.
    Unsafe,
}

/// One rule's rewrite of one place: its edits are applied all or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub rule: &'static str,
    pub safety: Safety,
    /// Sorted by start, non-overlapping.
    pub edits: Vec<Edit>,
    /// The rules this fix can give something new to fix (see
    /// `RuleMeta::feeds`); `None`: any rule.
    pub feeds: Option<&'static [&'static str]>,
}

impl Fix {
    pub(crate) fn new(
        rule: &'static str,
        safety: Safety,
        feeds: Option<&'static [&'static str]>,
        mut edits: Vec<Edit>,
    ) -> Option<Self> {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let well_formed = edits.windows(2).all(|w| w[0].range.end <= w[1].range.start)
            && edits.iter().all(|e| e.range.start <= e.range.end);
        (well_formed && !edits.is_empty()).then_some(Fix {
            rule,
            safety,
            edits,
            feeds,
        })
    }

    pub fn start(&self) -> usize {
        self.edits.first().map_or(0, |e| e.range.start)
    }

    /// Whether applying this fix changes nothing.
    pub(crate) fn is_noop(&self, text: &str) -> bool {
        self.edits
            .iter()
            .all(|e| text.get(e.range.clone()) == Some(e.text.as_str()))
    }
}

/// Two ranges conflict when they overlap, or when both insert at one point
/// (their order would be arbitrary).
pub(crate) fn ranges_conflict(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.start == b.start {
        return true;
    }
    a.start < b.end && b.start < a.end
}

/// Applies sorted, non-overlapping edits to `text`.
pub(crate) fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for edit in edits {
        out.push_str(&text[last..edit.range.start]);
        out.push_str(&edit.text);
        last = edit.range.end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_ranges_do_not_conflict() {
        assert!(!ranges_conflict(&(0..3), &(3..5)));
        assert!(ranges_conflict(&(0..4), &(3..5)));
        assert!(ranges_conflict(&(3..3), &(3..5)));
    }

    #[test]
    fn overlapping_edits_make_no_fix() {
        let edits = vec![Edit::replace(0..4, "a"), Edit::replace(2..6, "b")];
        assert!(Fix::new("r", Safety::Safe, None, edits).is_none());
    }

    #[test]
    fn edits_apply_in_order() {
        let a = Edit::replace(0..1, "X");
        let b = Edit::insert(3, "!");
        assert_eq!(apply_edits("abc", &[&a, &b]), "Xbc!");
    }
}
