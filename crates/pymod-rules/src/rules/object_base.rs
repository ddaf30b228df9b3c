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
    /// the fix would delete. The one exception, as in pyupgrade: when
    /// `object` is the first of several bases, a comment ending its line
    /// is removed with it.
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
        let edit = if args.len() > 1 && index == 0 {
            first_base_removal(bases, args[0], cx)
        } else {
            let edit = match args.len() {
                1 => Some(Edit::delete(bases.byte_range())),
                _ => remove_argument(&args, index),
            };
            edit.filter(|edit| !cx.has_comment_in(edit.range.clone()))
        };
        if let Some(edit) = edit {
            cx.fix(vec![edit]);
        }
    }
}

/// Removing `object` when other bases follow it, as pyupgrade does: from
/// the opening parenthesis through the comma, the blanks after it and a
/// comment ending that line, which belongs to `object` and goes with it.
/// Any other comment in the way refuses the fix.
fn first_base_removal(bases: Node<'_>, object: Node<'_>, cx: &Checker<'_>) -> Option<Edit> {
    let src = cx.slice(0..bases.end_byte());
    let comma = src.get(object.end_byte()..)?.find(',')? + object.end_byte();
    let after_blanks = src.get(comma + 1..)?.trim_start_matches([' ', '\t']);
    let mut end = src.len() - after_blanks.len();
    let start = bases.start_byte() + 1;
    if cx.has_comment_in(start..end) {
        return None;
    }
    if after_blanks.starts_with('#') {
        end += after_blanks
            .find(['\r', '\n'])
            .unwrap_or(after_blanks.len());
    }
    Some(Edit::delete(start..end))
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
