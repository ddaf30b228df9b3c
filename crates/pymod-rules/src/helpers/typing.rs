//! Annotations and subscripts as pyupgrade sees them: which names count as
//! typing names, when an expression is part of an annotation, and
//! subscripts whether tree-sitter parsed them as expressions (`subscript`)
//! or in a type context (`generic_type`).

use pymod_engine::Checker;
use pymod_syntax::NodeExt;
use tree_sitter::Node;

/// The expression inside a tree-sitter `type` wrapper (or `node` itself).
pub fn unwrap_type(node: Node<'_>) -> Node<'_> {
    if node.kind_name() != "type" {
        return node;
    }
    let mut cursor = node.walk();
    let inner = node
        .named_children(&mut cursor)
        .find(|n| n.kind_name() != "comment");
    inner.unwrap_or(node)
}

/// `node` without the parentheses around it.
pub fn strip_parens(node: Node<'_>) -> Node<'_> {
    let mut current = unwrap_type(node);
    while current.kind_name() == "parenthesized_expression" {
        let mut cursor = current.walk();
        let inner = current
            .named_children(&mut cursor)
            .find(|n| n.kind_name() != "comment");
        match inner {
            Some(inner) => current = unwrap_type(inner),
            None => break,
        }
    }
    current
}

/// Whether `node` is a bare name in `names` that was imported, without
/// alias, from one of `modules`, or `module.name` with `module` one of
/// `modules` written as a plain name. This is pyupgrade's test: it does not
/// follow aliases nor look at what the module name is bound to.
pub fn is_name_attr(cx: &Checker<'_>, node: Node<'_>, modules: &[&str], names: &[&str]) -> bool {
    match node.kind_name() {
        "identifier" => {
            let name = cx.text(node);
            names.contains(&name) && modules.iter().any(|m| cx.imports.is_from_imported(m, name))
        }
        "attribute" => {
            let (Some(object), Some(attribute)) = (node.field("object"), node.field("attribute"))
            else {
                return false;
            };
            object.kind_name() == "identifier"
                && modules.contains(&cx.text(object))
                && names.contains(&cx.text(attribute))
        }
        _ => false,
    }
}

/// Whether `node` lies in an annotation that Python evaluates as one: a
/// parameter's, a return, or an annotated assignment's.
pub fn in_annotation(node: Node<'_>) -> bool {
    let mut child = node;
    while let Some(parent) = child.parent() {
        let field = match parent.kind_name() {
            "typed_parameter" | "typed_default_parameter" | "assignment" => Some("type"),
            "function_definition" => Some("return_type"),
            "module" => return false,
            _ => None,
        };
        if let Some(field) = field {
            if parent.field(field).is_some_and(|t| t.id() == child.id()) {
                return true;
            }
        }
        child = parent;
    }
    false
}

/// Whether the identifier `node` is used as an expression (what Python's
/// AST calls a `Name`), not as the name of a definition, parameter,
/// attribute, keyword or import.
pub fn is_expression_name(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let is_field = |field: &str| parent.field(field).is_some_and(|n| n.id() == node.id());
    match parent.kind_name() {
        "attribute" => !is_field("attribute"),
        "keyword_argument" => !is_field("name"),
        "function_definition"
        | "class_definition"
        | "default_parameter"
        | "typed_default_parameter" => !is_field("name"),
        "typed_parameter" => parent.field("type").is_some_and(|t| t.id() == node.id()),
        "parameters" | "lambda_parameters" | "dotted_name" | "aliased_import"
        | "global_statement" | "nonlocal_statement" | "keyword_pattern" => false,
        // `except E as name` binds a plain name, not an expression.
        "as_pattern_target" => parent
            .parent()
            .and_then(|p| p.parent())
            .is_none_or(|g| g.kind_name() != "except_clause"),
        "list_splat_pattern" | "dictionary_splat_pattern" => parent.parent().is_none_or(|g| {
            !matches!(
                g.kind_name(),
                "parameters" | "lambda_parameters" | "typed_parameter"
            )
        }),
        _ => true,
    }
}

/// What a `subscript` or `generic_type` node subscripts, found without
/// allocating (for cheap checks before [`Subscript::of`]).
pub fn subscript_value(node: Node<'_>) -> Option<Node<'_>> {
    match node.kind_name() {
        "subscript" => node.field("value"),
        "generic_type" => node.named_child(0),
        _ => None,
    }
}

/// A subscript `value[items]`, from a `subscript` or a `generic_type` node.
#[derive(Debug, Clone)]
pub struct Subscript<'t> {
    pub node: Node<'t>,
    /// What is subscripted.
    pub value: Node<'t>,
    /// The `[` and `]`.
    pub open: Node<'t>,
    pub close: Node<'t>,
    /// The comma-separated items between the brackets (unwrapped from
    /// `type` nodes), without comments.
    pub items: Vec<Node<'t>>,
    /// Whether a comma follows the last item.
    pub trailing_comma: bool,
}

impl<'t> Subscript<'t> {
    pub fn of(node: Node<'t>) -> Option<Subscript<'t>> {
        let (value, list) = match node.kind_name() {
            "subscript" => (node.field("value")?, node),
            "generic_type" => {
                let value = node.named_child(0)?;
                let mut cursor = node.walk();
                let list = node
                    .children(&mut cursor)
                    .find(|n| n.kind_name() == "type_parameter")?;
                (value, list)
            }
            _ => return None,
        };
        let mut open = None;
        let mut close = None;
        let mut items = Vec::new();
        let mut trailing_comma = false;
        let mut cursor = list.walk();
        for child in list.children(&mut cursor) {
            if child.start_byte() < value.end_byte() {
                continue;
            }
            match child.kind_name() {
                "[" if open.is_none() => open = Some(child),
                "]" => close = Some(child),
                "," => trailing_comma = true,
                "comment" => {}
                _ if open.is_some() && close.is_none() => {
                    trailing_comma = false;
                    items.push(unwrap_type(child));
                }
                _ => {}
            }
        }
        Some(Subscript {
            node,
            value: unwrap_type(value),
            open: open?,
            close: close?,
            items,
            trailing_comma,
        })
    }

    /// The slice as Python's AST sees it: `Some(elements)` when it is a
    /// tuple (`x[a, b]`, `x[a,]`, `x[(a, b)]`), `None` when it is a single
    /// expression.
    pub fn tuple_elements(&self) -> Option<Vec<Node<'t>>> {
        if self.items.len() > 1 || self.trailing_comma {
            return Some(self.items.clone());
        }
        let single = strip_parens(*self.items.first()?);
        if single.kind_name() == "tuple" {
            let mut cursor = single.walk();
            let elements = single
                .named_children(&mut cursor)
                .filter(|n| n.kind_name() != "comment")
                .collect();
            return Some(elements);
        }
        None
    }

    /// The single slice expression, when the slice is not a tuple.
    pub fn single(&self) -> Option<Node<'t>> {
        if self.items.len() == 1 && !self.trailing_comma {
            let single = strip_parens(*self.items.first()?);
            (single.kind_name() != "tuple").then_some(single)
        } else {
            None
        }
    }

    /// Whether the slice is a slice (`x[a:b]`) rather than an index.
    pub fn is_slice(&self) -> bool {
        self.items.len() == 1
            && !self.trailing_comma
            && self
                .items
                .first()
                .is_some_and(|n| matches!(n.kind_name(), "slice" | "constrained_type"))
    }
}

/// Whether `node` is a string literal (or implicit concatenation) of type
/// `str`: not bytes, not an f-string or t-string.
pub fn is_str_literal(node: Node<'_>, src: &str) -> bool {
    match node.kind_name() {
        "string" => string_prefix(node, src).is_some_and(|p| {
            !p.chars()
                .any(|c| matches!(c.to_ascii_lowercase(), 'b' | 'f' | 't'))
        }),
        "concatenated_string" => {
            let mut cursor = node.walk();
            let mut strings = node
                .named_children(&mut cursor)
                .filter(|n| n.kind_name() == "string");
            strings.all(|s| is_str_literal(s, src))
        }
        _ => false,
    }
}

fn string_prefix<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    let text = src.get(node.byte_range())?;
    let end = text.find(['\'', '"'])?;
    text.get(..end)
}

/// The value of a `str` literal (or implicit concatenation) when it can be
/// known without interpreting escape sequences; `None` otherwise.
pub fn simple_str_value(node: Node<'_>, src: &str) -> Option<String> {
    if !is_str_literal(node, src) {
        return None;
    }
    let mut value = String::new();
    let mut push = |string: Node<'_>| -> Option<()> {
        let text = src.get(string.byte_range())?;
        let prefix = string_prefix(string, src)?;
        let raw = prefix.chars().any(|c| c.eq_ignore_ascii_case(&'r'));
        let rest = text.get(prefix.len()..)?;
        let quote = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
            rest.get(..3)?
        } else {
            rest.get(..1)?
        };
        let body = rest.strip_prefix(quote)?.strip_suffix(quote)?;
        if !raw && body.contains('\\') {
            return None;
        }
        value.push_str(body);
        Some(())
    };
    if node.kind_name() == "string" {
        push(node)?;
    } else {
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.kind_name() == "string" {
                push(child)?;
            }
        }
    }
    Some(value)
}

/// The leaves of `node` in document order, each string literal counting as
/// one leaf (as one token in Python's tokenizer).
pub fn token_leaves(node: Node<'_>) -> Vec<Node<'_>> {
    let mut leaves = Vec::new();
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        let atomic = current.kind_name() == "string" || current.child_count() == 0;
        if atomic {
            leaves.push(current);
        }
        if !atomic && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node().id() == node.id() {
                return leaves;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return leaves;
            }
        }
    }
}
