//! Recognising `six`-style names: `mod.name` spelled out, or `name` imported
//! without alias `from mod import name`, the way pyupgrade matches them
//! (by spelling, not by scope).

use pymod_engine::Checker;
use tree_sitter::Node;

/// The node inside any number of redundant parentheses.
pub fn strip_parens(node: Node<'_>) -> Node<'_> {
    let mut inner = node;
    while inner.kind() == "parenthesized_expression" {
        match inner.named_child(0) {
            Some(child) if child.kind() != "comment" && inner.named_child_count() == 1 => {
                inner = child;
            }
            _ => break,
        }
    }
    inner
}

/// If `node` is `m.name` with `m` one of `modules` spelled as a plain name,
/// or a bare `name` imported unaliased from one of `modules`, and `name` is
/// one of `names`: that name.
pub fn name_attr<'a>(
    cx: &Checker<'a>,
    node: Node<'_>,
    modules: &[&str],
    names: &[&str],
) -> Option<&'a str> {
    match node.kind() {
        "identifier" => {
            let name = cx.text(node);
            (names.contains(&name) && modules.iter().any(|m| cx.imports.is_from_imported(m, name)))
                .then_some(name)
        }
        "attribute" => {
            let object = node.child_by_field_name("object")?;
            let attribute = node.child_by_field_name("attribute")?;
            let name = cx.text(attribute);
            (object.kind() == "identifier"
                && modules.contains(&cx.text(object))
                && names.contains(&name))
            .then_some(name)
        }
        _ => None,
    }
}

/// The first positional parameter of a function or lambda that is not
/// positional-only (what `args.args[0]` is in Python's own tree).
pub fn first_regular_parameter<'a>(cx: &Checker<'a>, function: Node<'_>) -> Option<&'a str> {
    let parameters = function.child_by_field_name("parameters")?;
    let mut cursor = parameters.walk();
    let params: Vec<Node<'_>> = parameters
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect();
    let start = params
        .iter()
        .position(|p| p.kind() == "positional_separator")
        .map_or(0, |i| i + 1);
    let first = params.get(start)?;
    let name_node = match first.kind() {
        "identifier" => *first,
        "default_parameter" | "typed_default_parameter" => first.child_by_field_name("name")?,
        "typed_parameter" => first.named_child(0).filter(|n| n.kind() == "identifier")?,
        _ => return None,
    };
    Some(cx.text(name_node))
}
