use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::arguments;
use crate::helpers::literals::{string_kind, string_parts, unparenthesized, StringKind};

/// `six` functions that return their `str` argument unchanged on Python 3.
const SIX_NATIVE_STR: &[&str] = &["ensure_str", "ensure_text", "text_type"];

declare_rule! {
    /// Replaces `str("text")`, `str()`, `bytes(b"data")` and `bytes()` with the literal.
    ///
    /// ## What it does
    /// Rewrites a call of `str` (or `six.ensure_str`, `six.ensure_text`,
    /// `six.text_type`) on a string literal as the literal itself, `str()`
    /// as `''`, `bytes(b"x")` as `b"x"` and `bytes()` as `b''`.
    ///
    /// ## Why is this bad?
    /// The call converts a value that already has the wanted type.
    ///
    /// ## Example
    /// ```python
    /// name = str("default")
    /// empty = bytes()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// name = "default"
    /// empty = b''
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// With keywords (`str(b, encoding=...)`), `*args` / `**kwargs`, an
    /// argument that is not a literal of the right type (f-strings
    /// included), or a line break inside the call's parentheses.
    ///
    /// ## Fix safety
    /// Safe, unless `str` or `bytes` is rebound to something else, which
    /// pyupgrade does not check either.
    pub struct NativeLiteral {
        name: "native-literal",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: [
            "str(",
            "str (",
            "bytes(",
            "bytes (",
            "ensure_str",
            "ensure_text",
            "text_type",
        ],
    }
}

impl Rule for NativeLiteral {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(function), Some(list)) = (node.field("function"), node.field("arguments")) else {
            return;
        };
        if list.kind_name() != "argument_list" {
            return;
        }
        let (wanted, empty) = match function.kind_name() {
            "identifier" => match cx.text(function) {
                "str" => (StringKind::Text, "''"),
                "bytes" => (StringKind::Bytes, "b''"),
                name if SIX_NATIVE_STR.contains(&name)
                    && cx.imports.is_from_imported("six", name) =>
                {
                    (StringKind::Text, "''")
                }
                _ => return,
            },
            "attribute" => {
                let (Some(object), Some(attribute)) =
                    (function.field("object"), function.field("attribute"))
                else {
                    return;
                };
                if object.kind_name() != "identifier"
                    || cx.text(object) != "six"
                    || !SIX_NATIVE_STR.contains(&cx.text(attribute))
                {
                    return;
                }
                (StringKind::Text, "''")
            }
            _ => return,
        };
        let args = arguments(list);
        let replacement = match args.as_slice() {
            [] => empty,
            [only] => {
                let literal = unparenthesized(*only);
                if !matches!(literal.kind_name(), "string" | "concatenated_string")
                    || string_kind(literal, cx.src) != Some(wanted)
                {
                    return;
                }
                cx.text(*only)
            }
            _ => return,
        };
        if breaks_line_between_tokens(list, cx) || cx.in_fstring_field(node) {
            return;
        }
        cx.replace(node, replacement);
    }
}

/// Whether a line break lies in `list` outside of its string literals:
/// pyupgrade leaves such calls alone.
fn breaks_line_between_tokens(list: Node<'_>, cx: &Checker<'_>) -> bool {
    let is_break = |c: char| matches!(c, '\n' | '\r');
    if !cx.text(list).contains(is_break) {
        return false;
    }
    let mut cursor = list.walk();
    let literals: Vec<Node<'_>> = list
        .named_children(&mut cursor)
        .flat_map(|arg| string_parts(unparenthesized(arg)))
        .collect();
    let mut from = list.start_byte();
    for literal in literals.iter().chain(std::iter::once(&list)) {
        let until = if literal.id() == list.id() {
            list.end_byte()
        } else {
            literal.start_byte()
        };
        if cx.slice(from..until).contains(is_break) {
            return true;
        }
        from = literal.end_byte();
    }
    false
}
