//! Recognising `six`-style names: `mod.name` spelled out, or `name` imported
//! without alias `from mod import name`, the way pyupgrade matches them
//! (by spelling, not by scope).

use pymod_engine::Checker;
use pymod_syntax::NodeExt;
use tree_sitter::Node;

/// The node inside any number of redundant parentheses.
pub fn strip_parens(node: Node<'_>) -> Node<'_> {
    let mut inner = node;
    while inner.kind_name() == "parenthesized_expression" {
        match inner.named_child(0) {
            Some(child) if child.kind_name() != "comment" && inner.named_child_count() == 1 => {
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
    match node.kind_name() {
        "identifier" => {
            let name = cx.text(node);
            (names.contains(&name) && modules.iter().any(|m| cx.imports.is_from_imported(m, name)))
                .then_some(name)
        }
        "attribute" => {
            let object = node.field("object")?;
            let attribute = node.field("attribute")?;
            let name = cx.text(attribute);
            (object.kind_name() == "identifier"
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
    let parameters = function.field("parameters")?;
    let mut cursor = parameters.walk();
    let params: Vec<Node<'_>> = parameters
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect();
    let start = params
        .iter()
        .position(|p| p.kind_name() == "positional_separator")
        .map_or(0, |i| i + 1);
    let first = params.get(start)?;
    let name_node = match first.kind_name() {
        "identifier" => *first,
        "default_parameter" | "typed_default_parameter" => first.field("name")?,
        "typed_parameter" => first
            .named_child(0)
            .filter(|n| n.kind_name() == "identifier")?,
        _ => return None,
    };
    Some(cx.text(name_node))
}

/// Whether the identifier `node` is used as an expression (what Python's
/// own tree calls a `Name`), not as an attribute, keyword, parameter,
/// definition or import name.
pub fn is_expression_name(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let is_field = |field: &str| parent.field(field).is_some_and(|f| f.id() == node.id());
    match parent.kind_name() {
        "attribute" => !is_field("attribute"),
        "keyword_argument" => !is_field("name"),
        "function_definition" | "class_definition" => !is_field("name"),
        "default_parameter" | "typed_default_parameter" => !is_field("name"),
        "parameters"
        | "lambda_parameters"
        | "typed_parameter"
        | "list_splat_pattern"
        | "dictionary_splat_pattern"
        | "dotted_name"
        | "aliased_import"
        | "import_from_statement"
        | "import_statement"
        | "global_statement"
        | "nonlocal_statement"
        | "keyword_pattern"
        | "type_parameter"
        | "as_pattern_target" => false,
        _ => true,
    }
}

/// The range deleting the whole line(s) of `decorator`: from the start of
/// its line (when only indentation precedes the `@`) through the newline
/// ending it, trailing comment included. `None` when code precedes the `@`.
pub fn decorator_line_range(src: &str, decorator: Node<'_>) -> Option<std::ops::Range<usize>> {
    let bytes = src.as_bytes();
    let mut start = decorator.start_byte();
    while start > 0 && matches!(bytes.get(start - 1), Some(b' ' | b'\t' | b'\x0c')) {
        start -= 1;
    }
    if start > 0 && !matches!(bytes.get(start - 1), Some(b'\n' | b'\r')) {
        return None;
    }
    Some(start..line_end_after(src, decorator.end_byte()))
}

/// The offset just past the newline that ends the logical line on which
/// offset `at` lies after its last token (blanks, comments and backslash
/// continuations skipped); the end of the text when no newline follows.
pub fn line_end_after(src: &str, mut at: usize) -> usize {
    let bytes = src.as_bytes();
    loop {
        match bytes.get(at) {
            Some(b' ' | b'\t' | b'\x0c') => at += 1,
            Some(b'\\') if matches!(bytes.get(at + 1), Some(b'\n' | b'\r')) => {
                at += 1;
                if bytes.get(at) == Some(&b'\r') {
                    at += 1;
                }
                if bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
            }
            Some(b'#') => {
                while bytes.get(at).is_some_and(|b| !matches!(b, b'\n' | b'\r')) {
                    at += 1;
                }
            }
            Some(b'\r') => {
                at += 1;
                if bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
                return at;
            }
            Some(b'\n') => return at + 1,
            _ => return at,
        }
    }
}
