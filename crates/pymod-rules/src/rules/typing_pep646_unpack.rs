use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::typing::{is_name_attr, subscript_value, unwrap_type, Subscript};

declare_rule! {
    /// Replaces `Unpack[Ts]` with the star syntax `*Ts`.
    ///
    /// ## What it does
    /// Rewrites `Unpack[X]` (from `typing`) as `*X` where Python 3.11
    /// accepts a star: as the whole subscript of another subscript
    /// (`tuple[Unpack[Ts]]`) and as the annotation of `*args`.
    ///
    /// ## Why is this bad?
    /// PEP 646 introduced the star syntax, which is shorter and needs no
    /// import.
    ///
    /// ## Example
    /// ```python
    /// from typing import Generic, TypeVarTuple, Unpack
    /// Shape = TypeVarTuple("Shape")
    /// class Array(Generic[Unpack[Shape]]): ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from typing import Generic, TypeVarTuple, Unpack
    /// Shape = TypeVarTuple("Shape")
    /// class Array(Generic[*Shape]): ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.11.
    ///
    /// ## When it refuses
    /// Elsewhere (for example `**kwargs: Unpack[TD]`, or `Unpack` among
    /// several subscript members), when `Unpack` was imported under an alias
    /// or from elsewhere, when the brackets span lines or hold a comment.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct TypingPep646Unpack {
        name: "typing-pep646-unpack",
        group: "pyupgrade",
        min_version: PyVersion::py3(11),
        kinds: ["subscript", "generic_type"],
        prefilter: ["Unpack"],
    }
}

impl Rule for TypingPep646Unpack {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if !subscript_value(node)
            .is_some_and(|value| is_name_attr(cx, value, &["typing"], &["Unpack"]))
        {
            return;
        }
        let Some(subscript) = Subscript::of(node) else {
            return;
        };
        if !(is_sole_member_of_subscript(node) || is_star_args_annotation(node))
            || cx.in_fstring_field(node)
        {
            return;
        }
        if subscript.open.start_position().row != subscript.close.start_position().row
            || cx.has_comment(node)
        {
            return;
        }
        cx.fix(vec![
            Edit::replace(node.start_byte()..subscript.open.end_byte(), "*"),
            Edit::delete(subscript.close.byte_range()),
        ]);
    }
}

/// Whether `node` is the whole slice of an enclosing subscript.
fn is_sole_member_of_subscript(node: Node<'_>) -> bool {
    let mut parent = node.parent();
    while let Some(p) = parent.filter(|p| matches!(p.kind_name(), "type" | "type_parameter")) {
        parent = p.parent();
    }
    let Some(outer) = parent else {
        return false;
    };
    if !matches!(outer.kind_name(), "subscript" | "generic_type") {
        return false;
    }
    let Some(outer) = Subscript::of(outer) else {
        return false;
    };
    outer
        .single()
        .is_some_and(|single| single.id() == node.id())
        && outer
            .items
            .first()
            .is_some_and(|item| unwrap_type(*item).id() == node.id())
}

/// Whether `node` is the annotation of a `*args` parameter.
fn is_star_args_annotation(node: Node<'_>) -> bool {
    let Some(wrapper) = node.parent().filter(|p| p.kind_name() == "type") else {
        return false;
    };
    let Some(parameter) = wrapper
        .parent()
        .filter(|p| p.kind_name() == "typed_parameter")
    else {
        return false;
    };
    parameter
        .field("type")
        .is_some_and(|t| t.id() == wrapper.id())
        && parameter
            .named_child(0)
            .is_some_and(|first| first.kind_name() == "list_splat_pattern")
}
