use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::literals::{string_kind, unparenthesized, StringKind};

declare_rule! {
    /// Replaces `is` / `is not` against a number or string literal with `==` / `!=`.
    ///
    /// ## What it does
    /// Rewrites `x is 5` as `x == 5` and `x is not "a"` as `x != "a"`, for
    /// `int`, `float`, `complex`, `str` and `bytes` literals on either side.
    ///
    /// ## Why is this bad?
    /// Identity of such constants depends on interpreter caching, so the
    /// comparison may be true or false by accident; Python warns about it
    /// (`SyntaxWarning: "is" with a literal`). Equality is what was meant.
    ///
    /// ## Example
    /// ```python
    /// if count is 0:
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if count == 0:
    ///     ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// For `True`, `False`, `None` and `...` (identity is right for those),
    /// for containers such as `()` or `[]` (the rewrite could turn an
    /// always-false test into a true one), for f-strings and for computed
    /// values such as `-1` or `5 + 5`.
    ///
    /// ## Fix safety
    /// Safe. Anything between `is` and `not` (line breaks, comments) is
    /// dropped along with them, as pyupgrade does.
    pub struct IsLiteral {
        name: "is-literal",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["comparison_operator"],
        // `is` followed by anything that can start an operand.
        prefilter: [
            "is ", "is\t", "is\n", "is\r", "is\x0c", "is\\", "is(", "is[", "is{", "is\"",
            "is'", "is.", "is-", "is+", "is~",
        ],
    }
}

impl Rule for IsLiteral {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let mut left: Option<Node<'_>> = None;
        let mut pending_operator: Option<Node<'_>> = None;
        let mut edits = Vec::new();
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            match child.kind_name() {
                "comment" => {}
                "is" | "is not" if left.is_some() => pending_operator = Some(child),
                _ if child.is_named() => {
                    if let (Some(operator), Some(left)) = (pending_operator.take(), left) {
                        if is_literal(left, cx) || is_literal(child, cx) {
                            let text = if operator.kind_name() == "is" {
                                "=="
                            } else {
                                "!="
                            };
                            edits.push(Edit::replace(operator.byte_range(), text));
                        }
                    }
                    left = Some(child);
                }
                _ => pending_operator = None,
            }
        }
        if edits.is_empty() || cx.in_fstring_field(node) {
            return;
        }
        for edit in edits {
            cx.fix(vec![edit]);
        }
    }
}

/// A constant of type `str`, `bytes`, `int`, `float` or `complex`.
fn is_literal(node: Node<'_>, cx: &Checker<'_>) -> bool {
    let inner = unparenthesized(node);
    match inner.kind_name() {
        "integer" | "float" => true,
        "string" | "concatenated_string" => matches!(
            string_kind(inner, cx.src),
            Some(StringKind::Text | StringKind::Bytes)
        ),
        _ => false,
    }
}
