use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{argument_list, arguments, has_star_args, positional};
use crate::helpers::literals::{
    codec_name, simple_str_value, string_kind, unparenthesized, StringKind,
};

declare_rule! {
    /// Drops a UTF-8 argument from `str.encode` called on a string literal.
    ///
    /// ## What it does
    /// Rewrites `"text".encode("utf-8")` (any spelling of the UTF-8 codec)
    /// as `"text".encode()`, for string literals and f-strings.
    ///
    /// ## Why is this bad?
    /// UTF-8 is what `str.encode` uses when given no encoding in Python 3;
    /// naming it adds noise.
    ///
    /// ## Example
    /// ```python
    /// data = "héllo".encode("utf-8")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// data = "héllo".encode()
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the receiver is not a string literal (a variable could be
    /// anything), when the encoding is passed by keyword or is not a plain
    /// string literal naming UTF-8, or with `*args` / `**kwargs`. Like
    /// pyupgrade, it empties the whole argument list, other keywords included.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct DefaultEncoding {
        name: "default-encoding",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["encode"],
    }
}

impl Rule for DefaultEncoding {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if function.kind_name() != "attribute" {
            return;
        }
        let Some(method) = function.field("attribute") else {
            return;
        };
        if cx.text(method) != "encode" {
            return;
        }
        let Some(receiver) = function.field("object") else {
            return;
        };
        if !matches!(
            string_kind(unparenthesized(receiver), cx.src),
            Some(StringKind::Text | StringKind::Formatted)
        ) {
            return;
        }
        let Some(list) = argument_list(node) else {
            return;
        };
        let args = arguments(list);
        if has_star_args(&args) {
            return;
        }
        let [encoding] = positional(&args)[..] else {
            return;
        };
        let Some(value) = simple_str_value(unparenthesized(encoding), cx.src) else {
            return;
        };
        if codec_name(&value) != Some("utf-8") {
            return;
        }
        let (Some(open), Some(close)) = (
            list.child(0),
            list.child(list.child_count().saturating_sub(1)),
        ) else {
            return;
        };
        if open.kind_name() != "(" || close.kind_name() != ")" {
            return;
        }
        if cx.in_fstring_field(node) {
            return;
        }
        cx.fix(vec![Edit::delete(open.end_byte()..close.start_byte())]);
    }
}
