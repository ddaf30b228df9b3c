use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use tree_sitter::Node;

use crate::helpers::strings::StringParts;

declare_rule! {
    /// Removes the `u` prefix from string literals.
    ///
    /// ## What it does
    /// Rewrites `u"text"` as `"text"`.
    ///
    /// ## Why is this bad?
    /// In Python 3 every string is unicode; the prefix only exists so that
    /// code could run on Python 2 as well.
    ///
    /// ## Example
    /// ```python
    /// greeting = u"hello"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// greeting = "hello"
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// Inside an f-string's replacement fields, which pyupgrade (reading an
    /// f-string as a single token before Python 3.12) never rewrites.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct UnicodeLiteral {
        name: "unicode-literal",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["string"],
        prefilter: ["u'", "u\"", "U'", "U\""],
        feeds: [],
    }
}

impl Rule for UnicodeLiteral {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(parts) = StringParts::of(node, cx.src) else {
            return;
        };
        if parts.prefix.eq_ignore_ascii_case("u") && !cx.in_fstring_field(node) {
            cx.fix(vec![Edit::delete(parts.start..parts.start + 1)]);
        }
    }
}
