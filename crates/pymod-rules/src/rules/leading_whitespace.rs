use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::source::{declared_encoding, is_utf8_compatible};
use tree_sitter::Node;

declare_rule! {
    /// Removes blank lines and whitespace before the first line of code or comment.
    ///
    /// ## What it does
    /// Deletes the whitespace a file starts with, as pyupgrade does to every
    /// file it rewrites.
    ///
    /// ## Why is this bad?
    /// Blank lines at the top of a module carry nothing and push a shebang
    /// or encoding line off the first lines, where it has to be.
    ///
    /// ## Example
    /// ```python
    ///
    ///
    /// import os
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import os
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the file starts with a byte-order mark (pyupgrade keeps the
    /// whitespace after it), and when the removal would move a comment that
    /// names a non-UTF-8 encoding onto the first two lines, where Python
    /// would start obeying it.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct LeadingWhitespace {
        name: "leading-whitespace",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["module"],
        prefilter: [],
        quick_check: starts_with_python_whitespace,
        // A comment that was on the third line may now be a declaration.
        feeds: ["encoding-cookie"],
    }
}

/// Python's `str.isspace`, which `str.lstrip` follows: Unicode white space
/// plus the ASCII information separators.
fn is_python_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn starts_with_python_whitespace(src: &str) -> bool {
    src.starts_with(is_python_whitespace)
}

impl Rule for LeadingWhitespace {
    fn check(&self, _node: Node<'_>, cx: &mut Checker<'_>) {
        if cx.facts.bom || !starts_with_python_whitespace(cx.src) {
            return;
        }
        let rest = cx.src.trim_start_matches(is_python_whitespace);
        if declared_encoding(rest).is_some_and(|encoding| !is_utf8_compatible(&encoding)) {
            return;
        }
        cx.fix(vec![Edit::delete(0..cx.src.len() - rest.len())]);
    }
}

#[cfg(test)]
mod tests {
    use pymod_engine::{Engine, FileFacts, Settings};

    use super::LeadingWhitespace;

    fn fix(src: &str, bom: bool) -> Option<String> {
        let engine = Engine::new(&[&LeadingWhitespace], Settings::default());
        let facts = FileFacts {
            bom,
            ..FileFacts::default()
        };
        engine.fix(src, &facts).ok()?.fixed
    }

    #[test]
    fn strips_leading_blank_lines() {
        assert_eq!(fix("\n \n\x0cx = 1\n", false).as_deref(), Some("x = 1\n"));
    }

    #[test]
    fn keeps_whitespace_after_a_byte_order_mark() {
        assert_eq!(fix("\n\nx = 1\n", true), None);
    }

    #[test]
    fn refuses_to_activate_a_foreign_encoding_cookie() {
        assert_eq!(fix("\n\n\n# coding: latin-1\nx = 1\n", false), None);
        assert_eq!(
            fix("\n\n\n# coding: utf-8\nx = 1\n", false).as_deref(),
            Some("# coding: utf-8\nx = 1\n")
        );
    }

    #[test]
    fn files_without_leading_whitespace_are_not_parsed() {
        let engine = Engine::new(&[&LeadingWhitespace], Settings::default());
        assert!(!engine.might_apply("x = 1\n"));
        assert!(engine.might_apply("\nx = 1\n"));
    }
}
