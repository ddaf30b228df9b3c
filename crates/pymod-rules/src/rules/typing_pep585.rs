use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::typing::{in_annotation, is_expression_name};

declare_rule! {
    /// Replaces `typing.List` and its siblings with the builtin generic types.
    ///
    /// ## What it does
    /// Rewrites `List`, `Dict`, `Set`, `FrozenSet`, `Tuple` and `Type` from
    /// `typing` as `list`, `dict`, `set`, `frozenset`, `tuple` and `type`.
    ///
    /// ## Why is this bad?
    /// Since Python 3.9 (PEP 585) the builtin collections can be subscripted
    /// directly; the `typing` aliases are deprecated duplicates.
    ///
    /// ## Example
    /// ```python
    /// from typing import List
    /// def total(values: List[int]) -> int: ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from typing import List
    /// def total(values: list[int]) -> int: ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.9 everywhere; on older targets only inside annotations of a
    /// module with `from __future__ import annotations` (and not with
    /// `--keep-runtime-typing`).
    ///
    /// ## When it refuses
    /// When the name was imported under an alias, or from somewhere other
    /// than `typing`. The import itself is left for other rules.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct TypingPep585 {
        name: "typing-pep585",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["identifier", "attribute"],
        prefilter: ["List", "Dict", "Set", "Tuple", "Type"],
    }
}

const BUILTIN_GENERICS: &[&str] = &["Dict", "FrozenSet", "List", "Set", "Tuple", "Type"];

impl Rule for TypingPep585 {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let name = match node.kind_name() {
            "identifier" => {
                let name = cx.text(node);
                if !BUILTIN_GENERICS.contains(&name)
                    || !is_expression_name(node)
                    || !cx.imports.is_from_imported("typing", name)
                {
                    return;
                }
                name
            }
            _ => {
                let (Some(object), Some(attribute)) =
                    (node.field("object"), node.field("attribute"))
                else {
                    return;
                };
                let name = cx.text(attribute);
                if object.kind_name() != "identifier"
                    || cx.text(object) != "typing"
                    || !BUILTIN_GENERICS.contains(&name)
                {
                    return;
                }
                name
            }
        };
        if !should_rewrite(node, cx) || cx.has_comment(node) || cx.in_fstring_field(node) {
            return;
        }
        cx.replace(node, name.to_ascii_lowercase());
    }
}

fn should_rewrite(node: Node<'_>, cx: &Checker<'_>) -> bool {
    cx.targets_at_least(9)
        || (!cx.settings.keep_runtime_typing
            && cx.imports.has_future("annotations")
            && in_annotation(node))
}
