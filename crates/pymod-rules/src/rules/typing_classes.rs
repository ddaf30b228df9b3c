use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::typing::{is_name_attr, simple_str_value, strip_parens, Subscript};

declare_rule! {
    /// Rewrites functional `NamedTuple` and `TypedDict` definitions as classes.
    ///
    /// ## What it does
    /// Rewrites `C = NamedTuple("C", [("a", int)])`,
    /// `D = TypedDict("D", {"a": int})` and `D = TypedDict("D", a=int)` as
    /// class definitions with one annotated attribute per field. Comments
    /// inside the call are kept, on their own lines or after the field they
    /// followed.
    ///
    /// ## Why is this bad?
    /// The class syntax (Python 3.6+) is easier to read, allows docstrings,
    /// defaults and methods, and is what type checkers understand best.
    ///
    /// ## Example
    /// ```python
    /// from typing import NamedTuple
    /// Point = NamedTuple("Point", [("x", int), ("y", int)])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from typing import NamedTuple
    /// class Point(NamedTuple):
    ///     x: int
    ///     y: int
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.6.
    ///
    /// ## When it refuses
    /// When the assigned name differs from the type's name, the call uses
    /// `*args` or `**kwargs`, a field name is not an identifier or is a
    /// keyword, `NamedTuple` gets keywords, `TypedDict` gets keywords other
    /// than a constant `total`, the functions were imported under another
    /// name or from elsewhere, a field type is an expression other than
    /// names, attributes, subscripts, lists, `|` unions and simple
    /// constants, or another statement shares the line.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct TypingClasses {
        name: "typing-classes",
        group: "pyupgrade",
        min_version: PyVersion::py3(6),
        kinds: ["assignment"],
        prefilter: ["NamedTuple", "TypedDict"],
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

impl Rule for TypingClasses {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let _ = rewrite(node, cx);
    }
}

struct CallParts<'t> {
    function: Node<'t>,
    positional: Vec<Node<'t>>,
    keywords: Vec<(Node<'t>, Node<'t>)>,
}

fn call_parts<'t>(call: Node<'t>) -> Option<CallParts<'t>> {
    let function = call.field("function")?;
    let arguments = call.field("arguments")?;
    if arguments.kind_name() != "argument_list" {
        return None;
    }
    let mut positional = Vec::new();
    let mut keywords = Vec::new();
    let mut cursor = arguments.walk();
    for argument in arguments.named_children(&mut cursor) {
        match argument.kind_name() {
            "comment" => {}
            "list_splat" | "dictionary_splat" => return None,
            "keyword_argument" => {
                keywords.push((argument.field("name")?, argument.field("value")?));
            }
            _ => positional.push(argument),
        }
    }
    Some(CallParts {
        function,
        positional,
        keywords,
    })
}

fn rewrite(node: Node<'_>, cx: &mut Checker<'_>) -> Option<()> {
    let statement = node
        .parent()
        .filter(|p| p.kind_name() == "expression_statement")?;
    if statement.named_child_count() != 1 || node.field("type").is_some() {
        return None;
    }
    let target = node
        .field("left")
        .filter(|t| t.kind_name() == "identifier")?;
    let call = node.field("right").filter(|v| v.kind_name() == "call")?;
    let callee = cx.text(call.field("function")?);
    if !callee.ends_with("NamedTuple") && !callee.ends_with("TypedDict") {
        return None;
    }
    let parts = call_parts(call)?;
    let type_name = simple_str_value(*parts.positional.first()?, cx.src)?;
    let name = cx.text(target);
    if type_name != name {
        return None;
    }
    let typing_modules: &[&str] = &["typing", "typing_extensions"];
    let mut total = None;
    let fields: Vec<(String, Node<'_>)> =
        if is_name_attr(cx, parts.function, &["typing"], &["NamedTuple"])
            && parts.positional.len() == 2
            && parts.keywords.is_empty()
        {
            named_tuple_fields(*parts.positional.get(1)?, cx)?
        } else if is_name_attr(cx, parts.function, typing_modules, &["TypedDict"])
            && parts.positional.len() == 1
            && !parts.keywords.is_empty()
        {
            if parts.keywords.iter().any(|(k, _)| cx.text(*k) == "total") {
                return None;
            }
            parts
                .keywords
                .iter()
                .map(|(k, v)| (cx.text(*k).to_owned(), *v))
                .collect()
        } else if is_name_attr(cx, parts.function, typing_modules, &["TypedDict"])
            && parts.positional.len() == 2
        {
            match parts.keywords.as_slice() {
                [] => {}
                [(keyword, value)] if cx.text(*keyword) == "total" => {
                    let value = strip_parens(*value);
                    let is_decimal = value.kind_name() == "integer"
                        && cx.text(value).bytes().all(|b| b.is_ascii_digit());
                    if !matches!(value.kind_name(), "true" | "false" | "none") && !is_decimal {
                        return None;
                    }
                    total = Some(cx.text(value));
                }
                _ => return None,
            }
            dict_fields(*parts.positional.get(1)?, cx)?
        } else {
            return None;
        };
    if fields.is_empty() {
        return None;
    }
    for (index, (field, _)) in fields.iter().enumerate() {
        if fields
            .iter()
            .skip(index + 1)
            .any(|(other, _)| other == field)
        {
            return None;
        }
    }

    let start = node.start_byte();
    let end = logical_line_end(statement, cx)?;
    let before = cx.src.get(..start)?;
    let whitespace_run = before.len() - before.trim_end_matches([' ', '\t']).len();
    let indent = format!("{}    ", before.get(before.len() - whitespace_run..)?);

    let mut comments: Vec<(usize, usize, &str)> = Vec::new();
    collect_comments(statement, cx, &mut comments);
    if let Some(trailing) = cx.src.get(statement.end_byte()..end) {
        if let Some(hash) = trailing.find('#') {
            let comment_start = statement.end_byte() + hash;
            let text = trailing.get(hash..)?.trim_end();
            let column = comment_start
                - cx.src
                    .get(..comment_start)?
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
            let row = statement.end_position().row;
            comments.push((row, column, text));
        }
    }

    let mut members: Vec<String> = Vec::new();
    let mut pending = comments.into_iter().peekable();
    for (field, value) in &fields {
        let value = strip_parens(*value);
        let position = (value.start_position().row, value.start_position().column);
        while let Some(comment) = pending.next_if(|c| position > (c.0, c.1)) {
            members.push(format!("{indent}{}", comment.2));
        }
        let mut member = format!("{indent}{field}: {}", unparse(value, cx)?);
        if let Some(comment) = pending.next_if(|c| c.0 == position.0) {
            member.push_str("  ");
            member.push_str(comment.2);
        }
        members.push(member);
    }
    members.extend(pending.map(|c| format!("{indent}{}", c.2)));
    let base = unparse(parts.function, cx)?;
    let bases = match total {
        Some(total) => format!("{base}, total={total}"),
        None => base,
    };
    let replacement = format!("class {name}({bases}):\n{}", members.join("\n"));
    cx.fix(vec![Edit::replace(start..end, replacement)]);
    Some(())
}

/// Where the statement's line ends (before the newline), provided only
/// blanks and a comment follow the statement on it.
fn logical_line_end(statement: Node<'_>, cx: &Checker<'_>) -> Option<usize> {
    let after = cx.src.get(statement.end_byte()..)?;
    let line = match after.find('\n') {
        Some(i) => after.get(..i)?,
        None => after,
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    let rest = line.trim_start_matches([' ', '\t']);
    if !rest.is_empty() && !rest.starts_with('#') {
        return None;
    }
    Some(statement.end_byte() + line.len())
}

fn collect_comments<'s>(node: Node<'_>, cx: &Checker<'s>, out: &mut Vec<(usize, usize, &'s str)>) {
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        if current.kind_name() == "comment" {
            let position = current.start_position();
            out.push((position.row, position.column, cx.text(current)));
        }
        let descend = current.kind_name() != "string" && cursor.goto_first_child();
        if descend {
            continue;
        }
        loop {
            if cursor.node().id() == node.id() {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && !KEYWORDS.contains(&name)
}

fn elements(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect()
}

fn named_tuple_fields<'t>(fields: Node<'t>, cx: &Checker<'_>) -> Option<Vec<(String, Node<'t>)>> {
    let fields = strip_parens(fields);
    if !matches!(fields.kind_name(), "list" | "tuple") {
        return None;
    }
    let mut out = Vec::new();
    for element in elements(fields) {
        let element = strip_parens(element);
        if element.kind_name() != "tuple" {
            return None;
        }
        let pair = elements(element);
        let [name, value] = pair.as_slice() else {
            return None;
        };
        let name = simple_str_value(strip_parens(*name), cx.src)?;
        if !is_identifier(&name) {
            return None;
        }
        out.push((name, *value));
    }
    Some(out)
}

fn dict_fields<'t>(fields: Node<'t>, cx: &Checker<'_>) -> Option<Vec<(String, Node<'t>)>> {
    let fields = strip_parens(fields);
    if fields.kind_name() != "dictionary" {
        return None;
    }
    let mut out = Vec::new();
    for entry in elements(fields) {
        if entry.kind_name() != "pair" {
            return None;
        }
        let key = simple_str_value(strip_parens(entry.field("key")?), cx.src)?;
        if !is_identifier(&key) {
            return None;
        }
        out.push((key, entry.field("value")?));
    }
    Some(out)
}

/// Python's `repr` of a simple string: printable, no backslash.
fn repr_str(value: &str, prefix: &str) -> Option<String> {
    if value.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    if value.contains('\'') && !value.contains('"') {
        Some(format!("{prefix}\"{value}\""))
    } else {
        Some(format!("{prefix}'{}'", value.replace('\'', "\\'")))
    }
}

/// Writes a field's type back as pyupgrade does; `None` for expressions it
/// cannot write.
fn unparse(node: Node<'_>, cx: &Checker<'_>) -> Option<String> {
    let node = strip_parens(node);
    match node.kind_name() {
        "identifier" => Some(cx.text(node).to_owned()),
        "true" | "false" | "none" | "ellipsis" => Some(cx.text(node).to_owned()),
        // pyupgrade writes back constants equal to True, False or None,
        // which includes the integers 1 and 0.
        "integer" if matches!(cx.text(node), "0" | "1") => Some(cx.text(node).to_owned()),
        "attribute" => {
            let object = unparse(node.field("object")?, cx)?;
            Some(format!("{object}.{}", cx.text(node.field("attribute")?)))
        }
        "subscript" | "generic_type" => {
            let subscript = Subscript::of(node)?;
            if subscript.is_slice() {
                return None;
            }
            let value = unparse(subscript.value, cx)?;
            let slice = match subscript.tuple_elements() {
                Some(elements) if elements.len() == 1 => {
                    format!("{},", unparse(*elements.first()?, cx)?)
                }
                Some(elements) => elements
                    .iter()
                    .map(|e| unparse(*e, cx))
                    .collect::<Option<Vec<_>>>()?
                    .join(", "),
                None => unparse(subscript.single()?, cx)?,
            };
            Some(format!("{value}[{slice}]"))
        }
        "string" | "concatenated_string" => {
            if let Some(value) = simple_str_value(node, cx.src) {
                return repr_str(&value, "");
            }
            let text = cx.text(node);
            let prefix_len = text.find(['\'', '"'])?;
            let prefix = text.get(..prefix_len)?.to_ascii_lowercase();
            if node.kind_name() != "string" || prefix != "b" {
                return None;
            }
            let body = text.get(prefix_len + 1..text.len().checked_sub(1)?)?;
            if body.starts_with(['\'', '"']) || !body.is_ascii() {
                return None;
            }
            repr_str(body, "b")
        }
        "list" => {
            let items = elements(node)
                .iter()
                .map(|e| unparse(*e, cx))
                .collect::<Option<Vec<_>>>()?;
            Some(format!("[{}]", items.join(", ")))
        }
        "binary_operator" => {
            let operator = node.field("operator")?;
            if cx.text(operator) != "|" {
                return None;
            }
            let left = unparse(node.field("left")?, cx)?;
            let right = unparse(node.field("right")?, cx)?;
            Some(format!("{left} | {right}"))
        }
        _ => None,
    }
}
