//! Literal expressions as Python's compiler sees them: what counts as a
//! constant, the value of a plain string literal, and codec names.

use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::strings::StringParts;

/// `node` with any number of enclosing parentheses taken off (`((x))` -> `x`).
pub fn unparenthesized(node: Node<'_>) -> Node<'_> {
    let mut inner = node;
    while inner.kind_name() == "parenthesized_expression" {
        let mut cursor = inner.walk();
        let only = inner
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() != "comment")
            .collect::<Vec<_>>();
        match only.as_slice() {
            [child] => inner = *child,
            _ => return inner,
        }
    }
    inner
}

/// The operands of `node` when it is the binary operation
/// `left <operator> right` (`operator` as written, e.g. `"%"`).
pub fn binary_operands<'t>(node: Node<'t>, operator: &str) -> Option<(Node<'t>, Node<'t>)> {
    if node.kind_name() != "binary_operator" || node.field("operator")?.kind_name() != operator {
        return None;
    }
    Some((node.field("left")?, node.field("right")?))
}

/// The single-literal parts of a `string` or `concatenated_string` node.
pub fn string_parts<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    match node.kind_name() {
        "string" => vec![node],
        "concatenated_string" => {
            let mut cursor = node.walk();
            node.named_children(&mut cursor)
                .filter(|n| n.kind_name() == "string")
                .collect()
        }
        _ => Vec::new(),
    }
}

/// What a (possibly implicitly concatenated) string literal evaluates to,
/// as far as the compiler is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringKind {
    /// A `str` constant: no part is an f-string.
    Text,
    /// A `bytes` constant.
    Bytes,
    /// An f-string somewhere in it (a `JoinedStr`).
    Formatted,
    /// A template string (PEP 750), or something unreadable.
    Other,
}

/// The kind of the string literal `node` (`string` or `concatenated_string`).
pub fn string_kind(node: Node<'_>, src: &str) -> Option<StringKind> {
    let parts = string_parts(node);
    if parts.is_empty() {
        return None;
    }
    let mut kind = StringKind::Text;
    for part in parts {
        let literal = StringParts::of(part, src)?;
        if literal.is_tstring() {
            return Some(StringKind::Other);
        } else if literal.is_fstring() {
            kind = StringKind::Formatted;
        } else if literal.is_bytes() && kind == StringKind::Text {
            kind = StringKind::Bytes;
        }
    }
    Some(kind)
}

/// The value of a `str` literal (possibly concatenated) when it contains no
/// escape sequences that would need decoding; `None` otherwise.
pub fn simple_str_value(node: Node<'_>, src: &str) -> Option<String> {
    let parts = string_parts(node);
    if parts.is_empty() {
        return None;
    }
    let mut value = String::new();
    for part in parts {
        let literal = StringParts::of(part, src)?;
        if literal.is_bytes()
            || literal.is_fstring()
            || literal.is_tstring()
            || literal.body.contains('\\')
        {
            return None;
        }
        value.push_str(literal.body);
    }
    Some(value)
}

/// The canonical name of the codec `encoding` names, for the few codecs the
/// rules care about: `utf-8`, `ascii` and `iso8859-1`. Follows the lookup
/// rules of Python's `codecs.lookup` (case, punctuation and aliases).
pub fn codec_name(encoding: &str) -> Option<&'static str> {
    if encoding.contains('\0') {
        return None;
    }
    // Punctuation runs become one `_`, non-ASCII letters are dropped.
    let mut normalized = String::with_capacity(encoding.len());
    let mut pending_separator = false;
    for c in encoding.chars() {
        if c.is_alphanumeric() || c == '.' {
            if pending_separator && !normalized.is_empty() {
                normalized.push('_');
            }
            if c.is_ascii() {
                normalized.push(c.to_ascii_lowercase());
            }
            pending_separator = false;
        } else {
            pending_separator = true;
        }
    }
    let module = alias_module(&normalized)
        .or_else(|| alias_module(&normalized.replace('.', "_")))
        .unwrap_or(normalized.as_str());
    match module {
        "utf_8" => Some("utf-8"),
        "ascii" => Some("ascii"),
        "latin_1" => Some("iso8859-1"),
        _ => None,
    }
}

fn alias_module(name: &str) -> Option<&'static str> {
    let module = match name {
        "cp65001" | "u8" | "utf" | "utf8" | "utf8_ucs2" | "utf8_ucs4" => "utf_8",
        "646" | "ansi_x3.4_1968" | "ansi_x3.4_1986" | "ansi_x3_4_1968" | "cp367" | "csascii"
        | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" | "us_ascii" => "ascii",
        "8859" | "cp819" | "csisolatin1" | "ibm819" | "iso8859" | "iso8859_1" | "iso_8859_1"
        | "iso_8859_1_1987" | "iso_ir_100" | "l1" | "latin" | "latin1" => "latin_1",
        _ => return None,
    };
    Some(module)
}

/// Whether one of the replacement fields of the f-string `node` contains a
/// backslash (only valid from Python 3.12 on).
pub fn has_backslash_in_interpolation(node: Node<'_>, src: &str) -> bool {
    let mut cursor = node.walk();
    let found = node
        .children(&mut cursor)
        .filter(|child| child.kind_name() == "interpolation")
        .any(|field| {
            src.get(field.byte_range())
                .is_some_and(|t| t.contains('\\'))
        });
    found
}

#[cfg(test)]
mod tests {
    use super::codec_name;

    #[test]
    fn codec_spellings() {
        for utf8 in [
            "utf-8", "UTF-8", "utf8", "U8", "UTF 8", "-utf-8-", "utf--8", "utf_8", "cp65001",
            "  utf8",
        ] {
            assert_eq!(codec_name(utf8), Some("utf-8"), "{utf8}");
        }
        for other in ["utf.8", "Utf8.", "utf..8", "utf16", "unknown-codec", ""] {
            assert_eq!(codec_name(other), None, "{other}");
        }
        assert_eq!(codec_name("us-ascii"), Some("ascii"));
        assert_eq!(codec_name("ascii"), Some("ascii"));
        assert_eq!(codec_name("latin-1"), Some("iso8859-1"));
        assert_eq!(codec_name("iso-8859-1"), Some("iso8859-1"));
    }
}
