use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{arguments, has_star_args, positional};
use crate::helpers::literals::unparenthesized;
use crate::rules::exception_alias::fold_text;

declare_rule! {
    /// Removes repeated types from the tuple of `isinstance`, `issubclass` or `except`.
    ///
    /// ## What it does
    /// Rewrites `isinstance(x, (int, int))` as `isinstance(x, int)` and
    /// `except (OSError, OSError, ValueError):` as
    /// `except (OSError, ValueError):`, keeping the first occurrence of each
    /// element.
    ///
    /// ## Why is this bad?
    /// A type listed twice is checked twice; usually it is what remains of
    /// aliases merged over time (`IOError` and `OSError`, say).
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     ...
    /// except (ValueError, ValueError, TypeError):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     ...
    /// except (ValueError, TypeError):
    ///     ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When no name or dotted name appears twice in the tuple (nested tuples
    /// and calls are not compared), for `except*`, and for calls with
    /// `*args` / `**kwargs` or other than two positional arguments. The
    /// rewritten tuple is written on one line, without the comments it held.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct DuplicateTypeFold {
        name: "duplicate-type-fold",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call", "except_clause"],
        prefilter: ["isinstance", "issubclass", "except"],
    }
}

impl Rule for DuplicateTypeFold {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let candidate = match node.kind_name() {
            "call" => type_check_tuple(node, cx),
            _ => handler_tuple(node),
        };
        let Some(tuple) = candidate.map(unparenthesized) else {
            return;
        };
        if tuple.kind_name() != "tuple" || cx.in_fstring_field(node) {
            return;
        }
        let mut cursor = tuple.walk();
        let elements: Vec<Node<'_>> = tuple
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() != "comment")
            .collect();
        if !has_duplicate_name(&elements, cx) {
            return;
        }
        let mut unique: Vec<&str> = Vec::with_capacity(elements.len());
        for element in &elements {
            if cx.has_comment(*element) {
                return;
            }
            let text = cx.text(*element);
            if !unique.contains(&text) {
                unique.push(text);
            }
        }
        let replacement = fold_text(cx, tuple.byte_range(), &unique);
        cx.replace(tuple, replacement);
    }
}

/// The second argument of `isinstance(x, T)` / `issubclass(x, T)`.
fn type_check_tuple<'t>(call: Node<'t>, cx: &Checker<'_>) -> Option<Node<'t>> {
    let function = call.field("function")?;
    if function.kind_name() != "identifier"
        || !matches!(cx.text(function), "isinstance" | "issubclass")
    {
        return None;
    }
    let list = call.field("arguments")?;
    if list.kind_name() != "argument_list" {
        return None;
    }
    let args = arguments(list);
    if has_star_args(&args) {
        return None;
    }
    match positional(&args)[..] {
        [_, types] => Some(types),
        _ => None,
    }
}

/// The type expression of `except T:` / `except T as e:` (not `except*`).
fn handler_tuple(clause: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = clause.walk();
    let mut children = clause.children(&mut cursor);
    if children.next()?.kind_name() != "except" {
        return None;
    }
    let value = children.find(|c| c.kind_name() != "comment")?;
    match value.kind_name() {
        "as_pattern" => value.named_child(0),
        "*" | ":" => None,
        _ => Some(value),
    }
}

/// Whether two elements are the same name or dotted name.
fn has_duplicate_name(elements: &[Node<'_>], cx: &Checker<'_>) -> bool {
    let names: Vec<String> = elements
        .iter()
        .filter_map(|e| dotted_name(*e, cx))
        .collect();
    names
        .iter()
        .enumerate()
        .any(|(i, name)| names[..i].contains(name))
}

/// `a.b.c` for a name or a chain of attributes on a name, ignoring
/// parentheses and spacing.
fn dotted_name(node: Node<'_>, cx: &Checker<'_>) -> Option<String> {
    let mut attributes = Vec::new();
    let mut current = unparenthesized(node);
    while current.kind_name() == "attribute" {
        attributes.push(cx.text(current.field("attribute")?));
        current = unparenthesized(current.field("object")?);
    }
    if current.kind_name() != "identifier" {
        return None;
    }
    let mut name = cx.text(current).to_owned();
    for attribute in attributes.iter().rev() {
        name.push('.');
        name.push_str(attribute);
    }
    Some(name)
}
