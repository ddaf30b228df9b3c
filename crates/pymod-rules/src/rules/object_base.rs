use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{arguments, remove_argument};

declare_rule! {
    /// Removes `object` from the bases of a class.
    ///
    /// ## What it does
    /// Rewrites `class C(object):` as `class C:` and `class C(B, object):` as
    /// `class C(B):`.
    ///
    /// ## Why is this bad?
    /// Every Python 3 class is a new-style class; inheriting from `object`
    /// explicitly was only needed on Python 2.
    ///
    /// ## Example
    /// ```python
    /// class Point(object):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Point:
    ///     pass
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When `object` is rebound in the file, or a comment lies in the range
    /// the fix would delete.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct ObjectBase {
        name: "object-base",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["class_definition"],
        prefilter: ["object"],
        feeds: [],
    }
}

impl Rule for ObjectBase {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(bases) = node.field("superclasses") else {
            return;
        };
        let args = arguments(bases);
        let Some(index) = args.iter().position(|arg| is_object(*arg, cx)) else {
            return;
        };
        let edit = if args.len() == 1 {
            Edit::delete(bases.byte_range())
        } else {
            match remove_argument(&args, index) {
                Some(edit) => edit,
                None => return,
            }
        };
        if cx.has_comment_in(edit.range.clone()) {
            return;
        }
        cx.fix(vec![edit]);
    }
}

fn is_object(arg: Node<'_>, cx: &Checker<'_>) -> bool {
    let mut inner = arg;
    while inner.kind_name() == "parenthesized_expression" {
        match inner.named_child(0) {
            Some(child) => inner = child,
            None => return false,
        }
    }
    inner.kind_name() == "identifier" && cx.text(inner) == "object" && cx.refers_to(inner, "object")
}
