use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::name_context::{is_expression_name, is_store_target};

declare_rule! {
    /// Replaces `typing.Text` with `str`.
    ///
    /// ## What it does
    /// Rewrites `typing.Text`, and `Text` imported with `from typing import
    /// Text`, as `str`.
    ///
    /// ## Why is this bad?
    /// `typing.Text` exists only so that annotations could mean `unicode` on
    /// Python 2 and `str` on Python 3; on Python 3 it is just an alias of
    /// `str`.
    ///
    /// ## Example
    /// ```python
    /// from typing import Text
    ///
    /// def greet(name: Text) -> Text: ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from typing import Text
    ///
    /// def greet(name: str) -> str: ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When `typing` or `Text` does not refer to the `typing` module's name
    /// (an alias, a local variable), when the name is assigned to, or when a
    /// comment lies inside the expression.
    ///
    /// ## Fix safety
    /// Safe. The import of `Text` is left in place.
    pub struct TypingText {
        name: "typing-text",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["attribute", "identifier"],
        prefilter: ["Text"],
    }
}

impl Rule for TypingText {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if node.kind_name() == "identifier" {
            if cx.text(node) != "Text" || !is_expression_name(node) {
                return;
            }
            if !cx.imports.is_from_imported("typing", "Text") || !cx.refers_to(node, "typing.Text")
            {
                return;
            }
        } else {
            let (Some(object), Some(attribute)) = (node.field("object"), node.field("attribute"))
            else {
                return;
            };
            if object.kind_name() != "identifier"
                || cx.text(object) != "typing"
                || cx.text(attribute) != "Text"
            {
                return;
            }
            if !cx.refers_to(object, "typing") || cx.has_comment(node) {
                return;
            }
        }
        if is_store_target(node) {
            return;
        }
        cx.replace(node, "str");
    }
}
