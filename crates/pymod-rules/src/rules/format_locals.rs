use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::format_spec::{parse_brace_format, string_literal_parts};
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Rewrites `"...".format(**locals())` as an f-string.
    ///
    /// ## What it does
    /// Turns `"{x} and {y}".format(**locals())` into `f"{x} and {y}"`,
    /// prefixing every part of an implicitly concatenated template.
    ///
    /// ## Why is this bad?
    /// Passing every local variable to `format` hides which ones the template
    /// uses from readers and linters; an f-string names them directly.
    ///
    /// ## Example
    /// ```python
    /// "{name} is {age}".format(**locals())
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// f"{name} is {age}"
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.6.
    ///
    /// ## When it refuses
    /// When the call passes anything besides a single `**locals()`, when
    /// `locals` is called with arguments, when the template is not made
    /// only of plain (non-bytes, non-f) string literals, and when a part
    /// would not be a valid f-string (unbalanced braces, empty fields,
    /// unknown conversions).
    ///
    /// ## Fix safety
    /// Safe for templates with plain names; a field such as `{x[0]}` indexes
    /// differently in an f-string, as it does with pyupgrade.
    pub struct FormatLocals {
        name: "format-locals",
        group: "pyupgrade",
        min_version: PyVersion::py3(6),
        kinds: ["call"],
        prefilter: ["locals("],
    }
}

impl Rule for FormatLocals {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(function), Some(arguments)) = (node.field("function"), node.field("arguments"))
        else {
            return;
        };
        if function.kind_name() != "attribute"
            || arguments.kind_name() != "argument_list"
            || !passes_only_locals(arguments, cx)
        {
            return;
        }
        let (Some(object), Some(attribute)) =
            (function.field("object"), function.field("attribute"))
        else {
            return;
        };
        if cx.text(attribute) != "format" {
            return;
        }
        let Some(strings) = string_literal_parts(object) else {
            return;
        };
        let mut edits = Vec::with_capacity(strings.len() + 1);
        for string in strings {
            let Some(parts) = StringParts::of(string, cx.src) else {
                return;
            };
            if parts.is_bytes() || parts.is_fstring() || parts.is_tstring() {
                return;
            }
            if !reads_as_fstring(string, cx) {
                return;
            }
            // `fu"..."` is not valid syntax: the `u` goes.
            let prefix = parts.prefix_without_u();
            let prefix_range = parts.start..parts.start + parts.prefix.len();
            edits.push(Edit::replace(prefix_range, format!("f{prefix}")));
        }
        let mut cursor = function.walk();
        let Some(dot) = function
            .children(&mut cursor)
            .find(|c| c.kind_name() == ".")
        else {
            return;
        };
        edits.push(Edit::delete(dot.start_byte()..node.end_byte()));
        if cx.in_fstring_field(node) {
            return;
        }
        cx.fix(edits);
    }
}

/// Whether the argument list is exactly `(**locals())`.
fn passes_only_locals(arguments: Node<'_>, cx: &Checker<'_>) -> bool {
    let mut cursor = arguments.walk();
    let mut args = arguments
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment");
    let (Some(only), None) = (args.next(), args.next()) else {
        return false;
    };
    if only.kind_name() != "dictionary_splat" {
        return false;
    }
    let Some(call) = only.named_child(0) else {
        return false;
    };
    if call.kind_name() != "call" {
        return false;
    }
    let (Some(callee), Some(call_args)) = (call.field("function"), call.field("arguments")) else {
        return false;
    };
    callee.kind_name() == "identifier"
        && cx.text(callee) == "locals"
        && call_args.kind_name() == "argument_list"
        && call_args.named_child_count() == 0
}

/// Whether the literal, prefixed with `f`, is a valid f-string: the
/// template parses, and every field names something and converts with
/// `!r`, `!s` or `!a` (`.format` would have failed at run time otherwise).
fn reads_as_fstring(string: Node<'_>, cx: &Checker<'_>) -> bool {
    let Some(template) = parse_brace_format(cx.text(string)) else {
        return false;
    };
    template
        .iter()
        .filter_map(|p| p.field.as_ref())
        .all(|field| {
            !field.name.trim().is_empty()
                && field
                    .conversion
                    .is_none_or(|c| matches!(c, 'r' | 's' | 'a'))
        })
}
