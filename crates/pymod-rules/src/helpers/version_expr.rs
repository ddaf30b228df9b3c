//! Conditions on the running Python version (`six.PY2`, `sys.version_info
//! < (3, 6)`, ...) that are known to be always false or always true for a
//! target version, as pyupgrade decides them.

use pymod_engine::Checker;
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::six_names::{name_attr, strip_parens};

/// Whether `test` is false on every Python the target covers.
pub fn always_false(cx: &Checker<'_>, test: Node<'_>) -> bool {
    decide(cx, test, false)
}

/// Whether `test` is true on every Python the target covers.
pub fn always_true(cx: &Checker<'_>, test: Node<'_>) -> bool {
    decide(cx, test, true)
}

/// `and` chains are always false when one operand is; `or` chains always
/// true when one operand is. Walks such chains with a stack, not recursion.
fn decide(cx: &Checker<'_>, test: Node<'_>, want_true: bool) -> bool {
    let chain_operator = if want_true { "or" } else { "and" };
    let mut pending = vec![test];
    while let Some(node) = pending.pop() {
        let node = strip_parens(node);
        if node.kind_name() == "boolean_operator" {
            let operator = node.field("operator").map(|o| o.kind_name());
            if operator == Some(chain_operator) {
                pending.extend(node.field("left"));
                pending.extend(node.field("right"));
            }
            continue;
        }
        if leaf_decides(cx, node, want_true) {
            return true;
        }
    }
    false
}

fn leaf_decides(cx: &Checker<'_>, node: Node<'_>, want_true: bool) -> bool {
    let (py2, py3) = if want_true {
        ("PY3", "PY2")
    } else {
        ("PY2", "PY3")
    };
    if name_attr(cx, node, &["six"], &[py2]).is_some() {
        return true;
    }
    if node.kind_name() == "not_operator" {
        return node
            .field("argument")
            .map(strip_parens)
            .is_some_and(|arg| name_attr(cx, arg, &["six"], &[py3]).is_some());
    }
    if node.kind_name() != "comparison_operator" {
        return false;
    }
    let mut cursor = node.walk();
    let operands: Vec<Node<'_>> = node
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect();
    let [left, right] = operands.as_slice() else {
        return false;
    };
    let Some(operator) = operator_between(cx, *left, *right) else {
        return false;
    };
    let left = strip_parens(*left);
    let right = strip_parens(*right);
    let min_minor = u64::from(cx.target().minor);
    if is_version_info(cx, left) {
        if want_true {
            (operator == "==" && int_value(cx, right) == Some(3))
                || (matches!(operator, ">" | ">=") && compares_to_3(cx, right, 0))
                || (operator == ">=" && compares_to_3(cx, right, min_minor))
                || (matches!(operator, ">" | ">=")
                    && (0..min_minor).any(|m| compares_to_3(cx, right, m)))
        } else {
            (operator == "==" && int_value(cx, right) == Some(2))
                || (operator == "<" && compares_to_3(cx, right, min_minor))
                || (matches!(operator, "<" | "<=")
                    && (0..min_minor).any(|m| compares_to_3(cx, right, m)))
        }
    } else if is_major_version(cx, left) {
        let value = int_value(cx, right);
        if want_true {
            matches!(operator, "==" | ">=") && value == Some(3)
        } else {
            (operator == "==" && value == Some(2)) || (operator == "<" && value == Some(3))
        }
    } else {
        false
    }
}

/// The operator text between the two operands of a comparison.
fn operator_between<'a>(cx: &Checker<'a>, left: Node<'_>, right: Node<'_>) -> Option<&'a str> {
    let text = cx.slice(left.end_byte()..right.start_byte());
    let trimmed =
        text.trim_matches(|c: char| c.is_whitespace() || c == '\\' || c == ')' || c == '(');
    matches!(trimmed, "<" | "<=" | "==" | ">=" | ">" | "!=").then_some(trimmed)
}

fn is_version_info(cx: &Checker<'_>, node: Node<'_>) -> bool {
    name_attr(cx, node, &["sys"], &["version_info"]).is_some()
}

/// `version_info[0]` or `version_info.major`.
fn is_major_version(cx: &Checker<'_>, node: Node<'_>) -> bool {
    match node.kind_name() {
        "subscript" => {
            let mut cursor = node.walk();
            let subscripts: Vec<Node<'_>> = node
                .children_by_field_name("subscript", &mut cursor)
                .collect();
            matches!(subscripts.as_slice(), [index] if int_value(cx, strip_parens(*index)) == Some(0))
                && node
                    .field("value")
                    .map(strip_parens)
                    .is_some_and(|v| is_version_info(cx, v))
        }
        "attribute" => {
            node.field("attribute")
                .is_some_and(|a| cx.text(a) == "major")
                && node
                    .field("object")
                    .map(strip_parens)
                    .is_some_and(|v| is_version_info(cx, v))
        }
        _ => false,
    }
}

/// The value of an integer literal (any base, underscores allowed).
fn int_value(cx: &Checker<'_>, node: Node<'_>) -> Option<u64> {
    if node.kind_name() != "integer" {
        return None;
    }
    let text = cx.text(node).replace('_', "").to_ascii_lowercase();
    let (digits, radix) = match text.get(..2) {
        Some("0x") => (text.get(2..)?, 16),
        Some("0o") => (text.get(2..)?, 8),
        Some("0b") => (text.get(2..)?, 2),
        _ if text.len() > 1 && text.starts_with('0') => {
            return text.bytes().all(|b| b == b'0').then_some(0);
        }
        _ => (text.as_str(), 10),
    };
    u64::from_str_radix(digits, radix).ok()
}

/// Whether `node` is a tuple of integers equal to `(3, minor)` once padded
/// with zeros, like `(3,)`, `(3, 6)` or `(3, 6, 0)`.
fn compares_to_3(cx: &Checker<'_>, node: Node<'_>, minor: u64) -> bool {
    if node.kind_name() != "tuple" {
        return false;
    }
    let mut cursor = node.walk();
    let mut values = Vec::new();
    for element in node.named_children(&mut cursor) {
        if element.kind_name() == "comment" {
            continue;
        }
        match int_value(cx, element) {
            Some(v) => values.push(v),
            None => return false,
        }
    }
    if values.is_empty() {
        return false;
    }
    values.push(0);
    values.first() == Some(&3)
        && values.get(1) == Some(&minor)
        && values.iter().skip(2).all(|v| *v == 0)
}
