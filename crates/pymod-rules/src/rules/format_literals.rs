use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::format_spec::{
    int_value, parse_brace_format, string_literal_parts, unparse_brace_format,
};
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Drops explicit positional indices from `str.format` templates that number their fields in order.
    ///
    /// ## What it does
    /// Rewrites `'{0} {1}'.format(a, b)` as `'{} {}'.format(a, b)` when the
    /// fields are numbered 0, 1, 2, ... exactly in the order they appear.
    ///
    /// ## Why is this bad?
    /// Since Python 2.7 / 3.1 fields are numbered automatically; spelling the
    /// numbers out is noise that must be kept in sync by hand.
    ///
    /// ## Example
    /// ```python
    /// "{0}, {1}!".format(greeting, name)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// "{}, {}!".format(greeting, name)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When any field is not numbered, is numbered out of order or twice,
    /// has a nested field in its format spec, when the template contains
    /// escaped braces or is malformed, and for f-strings.
    ///
    /// ## Fix safety
    /// Safe: the template means the same thing.
    pub struct FormatLiterals {
        name: "format-literals",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["attribute"],
        prefilter: [".format"],
    }
}

impl Rule for FormatLiterals {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(attribute) = node.field("attribute") else {
            return;
        };
        if cx.text(attribute) != "format"
            || cx
                .src
                .as_bytes()
                .get(attribute.start_byte().wrapping_sub(1))
                != Some(&b'.')
        {
            return;
        }
        let Some(object) = node.field("object") else {
            return;
        };
        let Some(strings) = string_literal_parts(object) else {
            return;
        };
        let mut next_index = 0;
        let mut edits = Vec::with_capacity(strings.len());
        for string in strings {
            let Some(parts) = StringParts::of(string, cx.src) else {
                return;
            };
            if parts.is_fstring() || parts.is_tstring() {
                return;
            }
            let Some(mut parsed) = parse_brace_format(cx.text(string)) else {
                return;
            };
            // The closing quote always forms the last part.
            let fields_end = parsed.len().saturating_sub(1);
            for part in parsed.iter_mut().take(fields_end) {
                let Some(field) = &mut part.field else {
                    return;
                };
                if int_value(&field.name) != Some(next_index) || field.spec.contains('{') {
                    return;
                }
                next_index += 1;
                field.name.clear();
            }
            let Some(text) = unparse_brace_format(&parsed) else {
                return;
            };
            edits.push(Edit::replace(string.byte_range(), text));
        }
        if cx.in_fstring_field(node) {
            return;
        }
        cx.fix(edits);
    }
}
