use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{argument_list, arguments, positional};
use crate::helpers::six_names::{first_regular_parameter, strip_parens};

declare_rule! {
    /// Drops the redundant arguments of `super(Class, self)` inside methods.
    ///
    /// ## What it does
    /// Rewrites `super(C, self)` as `super()` when the call sits directly in a
    /// method of class `C` and `self` is that method's first parameter.
    /// Nested classes are recognised when the first argument spells their
    /// dotted path from the outermost class (`super(A.B, self)` in `B`).
    ///
    /// ## Why is this bad?
    /// Python 3's zero-argument `super()` finds the class and instance by
    /// itself; repeating them is noise and breaks when the class is renamed.
    ///
    /// ## Example
    /// ```python
    /// class Child(Parent):
    ///     def greet(self):
    ///         super(Child, self).greet()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Child(Parent):
    ///     def greet(self):
    ///         super().greet()
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the call is inside a comprehension, generator expression or a
    /// function nested in the method, when the second argument is not the
    /// method's first parameter, when the first argument does not name the
    /// enclosing class (by its path from the outermost class), or when the
    /// outermost class is itself directly inside another class.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct SuperCall {
        name: "super-call",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["super"],
        feeds: [],
    }
}

impl Rule for SuperCall {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if function.kind_name() != "identifier" || cx.text(function) != "super" {
            return;
        }
        let Some(list) = argument_list(node) else {
            return;
        };
        let args = arguments(list);
        let positional = positional(&args);
        let [class_arg, instance_arg] = positional.as_slice() else {
            return;
        };
        let instance_arg = strip_parens(*instance_arg);
        if instance_arg.kind_name() != "identifier" {
            return;
        }
        if is_method_super(cx, node, strip_parens(*class_arg), cx.text(instance_arg)) {
            cx.replace(node, "super()");
        }
    }
}

fn is_scope(node: Node<'_>) -> bool {
    matches!(
        node.kind_name(),
        "class_definition"
            | "function_definition"
            | "lambda"
            | "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression"
    )
}

fn is_method_super(cx: &Checker<'_>, call: Node<'_>, class_arg: Node<'_>, instance: &str) -> bool {
    let mut scopes = std::iter::successors(call.parent(), |n| n.parent()).filter(|n| is_scope(*n));
    let Some(method) = scopes.next() else {
        return false;
    };
    if !matches!(method.kind_name(), "function_definition" | "lambda")
        || first_regular_parameter(cx, method) != Some(instance)
    {
        return false;
    }
    let Some(mut class) = scopes.next() else {
        return false;
    };
    let mut spelled = class_arg;
    while spelled.kind_name() == "attribute" && class.kind_name() == "class_definition" {
        let (Some(object), Some(attribute)) = (spelled.field("object"), spelled.field("attribute"))
        else {
            return false;
        };
        if !class_name_is(cx, class, cx.text(attribute)) {
            break;
        }
        // Only step outwards while an enclosing scope remains.
        let Some(outer) = scopes.clone().next() else {
            break;
        };
        scopes.next();
        spelled = strip_parens(object);
        class = outer;
    }
    spelled.kind_name() == "identifier"
        && class.kind_name() == "class_definition"
        && class_name_is(cx, class, cx.text(spelled))
        && scopes
            .next()
            .is_none_or(|outer| outer.kind_name() != "class_definition")
}

fn class_name_is(cx: &Checker<'_>, class: Node<'_>, name: &str) -> bool {
    class.field("name").is_some_and(|n| cx.text(n) == name)
}
