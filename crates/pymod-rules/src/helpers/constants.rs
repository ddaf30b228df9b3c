//! What Python constant a literal expression stands for, as far as rules
//! that compare constants need to know.

use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::unparenthesize;
use crate::helpers::strings::StringParts;

/// The builtin type name of a constant literal (`str`, `bytes`, `int`,
/// `float`, `complex`, `bool`), parentheses aside; `None` for anything
/// else, `None` and `...` included.
pub fn primitive_type(node: Node<'_>, src: &str) -> Option<&'static str> {
    let node = unparenthesize(node);
    match node.kind_name() {
        "true" | "false" => Some("bool"),
        "integer" | "float" => {
            let text = src.get(node.byte_range())?;
            if text.ends_with(['j', 'J']) {
                Some("complex")
            } else if node.kind_name() == "integer" {
                Some("int")
            } else {
                Some("float")
            }
        }
        "string" | "concatenated_string" => {
            let value = string_constant(node, src)?;
            Some(if value.bytes { "bytes" } else { "str" })
        }
        _ => None,
    }
}

/// A string or bytes constant (no f- or t-strings).
pub struct StringConstant {
    pub bytes: bool,
    /// Whether every part has an empty body (the value is empty).
    pub empty: bool,
}

/// The constant an implicitly concatenated or single string literal makes.
pub fn string_constant(node: Node<'_>, src: &str) -> Option<StringConstant> {
    let mut bytes = None;
    let mut empty = true;
    let mut visit = |part: Node<'_>| -> Option<()> {
        let parts = StringParts::of(part, src)?;
        if parts.is_fstring() || parts.is_tstring() {
            return None;
        }
        if *bytes.get_or_insert(parts.is_bytes()) != parts.is_bytes() {
            return None;
        }
        empty &= parts.body.is_empty();
        Some(())
    };
    match node.kind_name() {
        "string" => visit(node)?,
        "concatenated_string" => {
            let mut cursor = node.walk();
            for part in node.named_children(&mut cursor) {
                if !matches!(part.kind_name(), "comment" | "line_continuation") {
                    visit(part)?;
                }
            }
        }
        _ => return None,
    }
    Some(StringConstant {
        bytes: bytes?,
        empty,
    })
}

/// Whether a numeric literal (`integer` or `float` node text) is zero.
pub fn number_is_zero(text: &str) -> Option<bool> {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    let digits = digits.trim_end_matches(['j', 'J']);
    let lower = digits.to_ascii_lowercase();
    let radix_body = |prefix: &str| lower.strip_prefix(prefix);
    if let Some(body) = radix_body("0x")
        .or_else(|| radix_body("0o"))
        .or_else(|| radix_body("0b"))
    {
        return Some(body.chars().all(|c| c == '0'));
    }
    lower.parse::<f64>().ok().map(|v| v == 0.0)
}
