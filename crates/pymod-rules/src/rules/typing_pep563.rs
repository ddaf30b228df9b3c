use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::typing::{simple_str_value, strip_parens, unwrap_type, Subscript};

declare_rule! {
    /// Removes the quotes around forward references in annotations that are never evaluated.
    ///
    /// ## What it does
    /// Rewrites quoted annotations such as `def f(x: "Node") -> "Node":` as
    /// `def f(x: Node) -> Node:` when the module has
    /// `from __future__ import annotations` (PEP 563) or targets Python
    /// 3.14, where annotations are evaluated lazily (PEP 649); bounds of
    /// PEP 695 type parameters (`def f[T: "Node"]`) likewise. Strings
    /// nested in the annotation are unquoted too, except where they are
    /// data rather than types: `Literal[...]`, the metadata of
    /// `Annotated[...]`, field names of `NamedTuple` and `TypedDict`.
    ///
    /// ## Why is this bad?
    /// Once annotations are no longer evaluated when the definition runs,
    /// quoting forward references is noise.
    ///
    /// ## Example
    /// ```python
    /// from __future__ import annotations
    /// def parent(node: "Node") -> "Node | None": ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from __future__ import annotations
    /// def parent(node: Node) -> Node | None: ...
    /// ```
    ///
    /// ## Minimum version
    /// Any, with `from __future__ import annotations`; Python 3.14 without.
    ///
    /// ## When it refuses
    /// Strings outside annotations (`cast`, `TypeVar`, aliases), bytes,
    /// f-strings, strings with escape sequences, and strings whose content
    /// is not one expression (`""`, `"a b"`).
    ///
    /// ## Fix safety
    /// Safe.
    pub struct TypingPep563 {
        name: "typing-pep563",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["function_definition", "assignment", "constrained_type"],
        prefilter: ["'", "\""],
    }
}

impl Rule for TypingPep563 {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let lazy = cx.targets_at_least(14) || cx.imports.has_future("annotations");
        match node.kind_name() {
            "function_definition" if lazy => {
                if let Some(parameters) = node.field("parameters") {
                    let mut cursor = parameters.walk();
                    for parameter in parameters.named_children(&mut cursor) {
                        if matches!(
                            parameter.kind_name(),
                            "typed_parameter" | "typed_default_parameter"
                        ) {
                            if let Some(annotation) = parameter.field("type") {
                                unquote_within(annotation, cx);
                            }
                        }
                    }
                }
                if let Some(returns) = node.field("return_type") {
                    unquote_within(returns, cx);
                }
            }
            "assignment" if lazy => {
                if let Some(annotation) = node.field("type") {
                    unquote_within(annotation, cx);
                }
            }
            "constrained_type" if lazy => {
                if let Some(bound) = type_parameter_bound(node) {
                    unquote_within(bound, cx);
                }
            }
            _ => {}
        }
    }
}

/// The bound of a PEP 695 type parameter `T: bound` of a function or class.
fn type_parameter_bound(node: Node<'_>) -> Option<Node<'_>> {
    let wrapper = node.parent()?;
    let list = wrapper.parent()?;
    let owner = list.parent()?;
    let is_type_parameters = wrapper.kind_name() == "type"
        && list.kind_name() == "type_parameter"
        && matches!(
            owner.kind_name(),
            "function_definition" | "class_definition"
        )
        && owner
            .field("type_parameters")
            .is_some_and(|t| t.id() == list.id());
    if !is_type_parameters {
        return None;
    }
    let mut cursor = node.walk();
    let bound = node
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() == "type")
        .nth(1);
    bound
}

/// Unquotes every string of `annotation` that is a type, following which
/// arguments of the special forms are types.
fn unquote_within(annotation: Node<'_>, cx: &mut Checker<'_>) {
    let mut pending = vec![annotation];
    while let Some(node) = pending.pop() {
        let node = unwrap_type(node);
        match node.kind_name() {
            "call" => pending.extend(call_type_arguments(node, cx)),
            "subscript" | "generic_type" => pending.extend(subscript_type_arguments(node, cx)),
            "string" | "concatenated_string" => {
                // Only a whole expression: `x: "" + y` must not become `x:  + y`.
                if let Some(value) = simple_str_value(node, cx.src)
                    .filter(|value| pymod_syntax::strict::is_expression(value))
                {
                    cx.fix(vec![Edit::replace(node.byte_range(), value)]);
                }
            }
            _ => {
                let mut cursor = node.walk();
                pending.extend(
                    node.named_children(&mut cursor)
                        .filter(|n| n.kind_name() != "comment"),
                );
            }
        }
    }
}

/// The last name of a dotted name or the name itself.
fn short_name<'s>(node: Node<'_>, cx: &Checker<'s>) -> Option<&'s str> {
    match node.kind_name() {
        "identifier" => Some(cx.text(node)),
        "attribute" => Some(cx.text(node.field("attribute")?)),
        _ => None,
    }
}

fn subscript_type_arguments<'t>(node: Node<'t>, cx: &Checker<'_>) -> Vec<Node<'t>> {
    let Some(subscript) = Subscript::of(node) else {
        return Vec::new();
    };
    match short_name(subscript.value, cx) {
        Some("Annotated") => subscript
            .tuple_elements()
            .and_then(|elements| elements.first().copied())
            .into_iter()
            .collect(),
        Some("Literal") | None => Vec::new(),
        Some(_) => subscript.items.clone(),
    }
}

fn call_type_arguments<'t>(call: Node<'t>, cx: &Checker<'_>) -> Vec<Node<'t>> {
    let (Some(function), Some(arguments)) = (call.field("function"), call.field("arguments"))
    else {
        return Vec::new();
    };
    if arguments.kind_name() != "argument_list" {
        return Vec::new();
    }
    let mut positional = Vec::new();
    let mut keywords: Vec<(Option<&str>, Node<'t>)> = Vec::new();
    let mut cursor = arguments.walk();
    for argument in arguments.named_children(&mut cursor) {
        match argument.kind_name() {
            "comment" => {}
            "keyword_argument" => {
                if let (Some(name), Some(value)) = (argument.field("name"), argument.field("value"))
                {
                    keywords.push((Some(cx.text(name)), value));
                }
            }
            "dictionary_splat" => {
                if let Some(value) = argument.named_child(0) {
                    keywords.push((None, value));
                }
            }
            _ => positional.push(argument),
        }
    }
    let keyword = |wanted: &str| {
        keywords
            .iter()
            .find(|(name, _)| *name == Some(wanted))
            .map(|(_, value)| *value)
    };
    match short_name(function, cx) {
        Some("TypedDict") => {
            if !keywords.is_empty() {
                return keywords.iter().map(|(_, value)| *value).collect();
            }
            let Some(fields) = positional.get(1).filter(|_| positional.len() == 2) else {
                return Vec::new();
            };
            let fields = strip_parens(*fields);
            if fields.kind_name() != "dictionary" {
                return Vec::new();
            }
            let mut cursor = fields.walk();
            let values = fields
                .named_children(&mut cursor)
                .filter_map(|entry| match entry.kind_name() {
                    "pair" => entry.field("value"),
                    "dictionary_splat" => entry.named_child(0),
                    _ => None,
                })
                .collect();
            values
        }
        Some("NamedTuple") => {
            let fields = if positional.len() == 2 {
                positional.get(1).copied()
            } else if !keywords.is_empty() {
                keyword("fields")
            } else {
                None
            };
            let Some(fields) = fields.map(strip_parens).filter(|f| f.kind_name() == "list") else {
                return Vec::new();
            };
            let mut types = Vec::new();
            let mut cursor = fields.walk();
            for element in fields.named_children(&mut cursor) {
                let element = strip_parens(element);
                if element.kind_name() != "tuple" {
                    continue;
                }
                let mut inner = element.walk();
                let pair: Vec<Node<'t>> = element
                    .named_children(&mut inner)
                    .filter(|n| n.kind_name() != "comment")
                    .collect();
                if let [_, kind] = pair.as_slice() {
                    types.push(*kind);
                }
            }
            types
        }
        Some("Arg" | "DefaultArg" | "NamedArg" | "DefaultNamedArg" | "VarArg" | "KwArg") => {
            match positional.first() {
                Some(first) => vec![*first],
                None => keyword("type").into_iter().collect(),
            }
        }
        _ => Vec::new(),
    }
}
