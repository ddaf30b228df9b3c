//! What role a name or attribute plays where it appears: read as a value,
//! assigned to, or only spelled (a keyword, an import path, a parameter).

use pymod_syntax::NodeExt;
use tree_sitter::Node;

/// Whether `node` is assigned to or deleted: the target of `=`, `+=`,
/// `for ... in`, `with ... as`, or `del`, possibly inside a tuple or list of
/// targets.
pub fn is_store_target(node: Node<'_>) -> bool {
    let mut child = node;
    while let Some(parent) = child.parent() {
        match parent.kind_name() {
            "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "list_splat_pattern"
            | "tuple"
            | "list"
            | "expression_list"
            | "parenthesized_expression" => child = parent,
            "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
                return parent.field("left") == Some(child);
            }
            "delete_statement" | "as_pattern_target" => return true,
            _ => return false,
        }
    }
    false
}

/// Whether the identifier `node` is a name used as an expression, rather
/// than an attribute, a keyword argument's name, part of an import path, a
/// parameter or a definition's name.
pub fn is_expression_name(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let is_field = |field: &str| parent.field(field) == Some(node);
    match parent.kind_name() {
        "attribute" => !is_field("attribute"),
        "keyword_argument" => !is_field("name"),
        "function_definition"
        | "class_definition"
        | "default_parameter"
        | "typed_default_parameter" => !is_field("name"),
        "dotted_name"
        | "aliased_import"
        | "import_prefix"
        | "relative_import"
        | "parameters"
        | "lambda_parameters"
        | "typed_parameter"
        | "list_splat_pattern"
        | "dictionary_splat_pattern"
        | "global_statement"
        | "nonlocal_statement"
        | "keyword_pattern"
        | "type_parameter" => false,
        _ => true,
    }
}
