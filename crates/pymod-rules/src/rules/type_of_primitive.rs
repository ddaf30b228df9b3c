use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::sole_positional_argument;
use crate::helpers::constants::primitive_type;

declare_rule! {
    /// Replaces `type(<literal>)` with the name of the literal's type.
    ///
    /// ## What it does
    /// Rewrites `type("")` as `str`, `type(0)` as `int`, and likewise for
    /// bytes, float, complex and boolean literals.
    ///
    /// ## Why is this bad?
    /// The builtin type is right there under its own name; calling `type`
    /// on a sample value is a roundabout way to spell it.
    ///
    /// ## Example
    /// ```python
    /// if isinstance(value, type("")):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(value, str):
    ///     pass
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// For `None`, `...`, f-strings, negative numbers or any other
    /// expression; when the call has other arguments or keywords; when a
    /// comment lies inside the call.
    ///
    /// ## Fix safety
    /// Safe, unless the name `type` is rebound (the rule, like pyupgrade,
    /// goes by the name).
    pub struct TypeOfPrimitive {
        name: "type-of-primitive",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["type"],
    }
}

impl Rule for TypeOfPrimitive {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if function.kind_name() != "identifier" || cx.text(function) != "type" {
            return;
        }
        let Some(arg) = sole_positional_argument(node) else {
            return;
        };
        let Some(name) = primitive_type(arg, cx.src) else {
            return;
        };
        if cx.has_comment(node) {
            return;
        }
        cx.replace(node, name);
    }
}
