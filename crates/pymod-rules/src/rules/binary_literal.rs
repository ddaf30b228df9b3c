use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::literals::{codec_name, simple_str_value, string_parts, unparenthesized};
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Turns `"text".encode()` on an ASCII string literal into a bytes literal.
    ///
    /// ## What it does
    /// Rewrites `"foo".encode()` as `b"foo"`; also with an explicit `"ascii"`
    /// or UTF-8 encoding, or Latin-1 (which also allows `\x` escapes).
    ///
    /// ## Why is this bad?
    /// The call builds at run time a value a bytes literal states directly.
    ///
    /// ## Example
    /// ```python
    /// MAGIC = "PK".encode()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// MAGIC = b"PK"
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When a part of the literal is an f-string, holds a non-ASCII character
    /// or a `\u`, `\U` or `\N` escape (or `\x` unless the codec is Latin-1);
    /// when the call is not written exactly `.encode()` or `.encode("codec")`
    /// (spaces, keywords, several arguments); for other codecs.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct BinaryLiteral {
        name: "binary-literal",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: [".encode("],
    }
}

impl Rule for BinaryLiteral {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        let Some(list) = node.field("arguments") else {
            return;
        };
        if function.kind_name() != "attribute" || list.kind_name() != "argument_list" {
            return;
        }
        let (Some(receiver), Some(method)) =
            (function.field("object"), function.field("attribute"))
        else {
            return;
        };
        // `.encode(` written without any space or comment in between.
        let Some(dot) = method.prev_sibling() else {
            return;
        };
        if cx.text(method) != "encode"
            || dot.kind_name() != "."
            || dot.end_byte() != method.start_byte()
            || method.end_byte() != list.start_byte()
        {
            return;
        }
        let Some(latin1_ok) = encoding_allows_latin1(list, cx) else {
            return;
        };
        let literal = unparenthesized(receiver);
        let parts = string_parts(literal);
        if parts.is_empty() || cx.in_fstring_field(node) {
            return;
        }
        let mut edits = Vec::with_capacity(parts.len() + 1);
        for part in parts {
            let Some(string) = StringParts::of(part, cx.src) else {
                return;
            };
            if string.is_fstring() || string.is_tstring() || string.is_bytes() {
                return;
            }
            if !fits_in_bytes(string.body, latin1_ok) {
                return;
            }
            let prefix = string.prefix_without_u();
            edits.push(Edit::replace(
                string.start..string.start + string.prefix.len(),
                format!("b{prefix}"),
            ));
        }
        edits.push(Edit::delete(dot.start_byte()..node.end_byte()));
        cx.fix(edits);
    }
}

/// For `()`: `Some(false)`; for `("codec")` exactly: whether the codec is
/// Latin-1 (`Some(true)`) or ASCII / UTF-8 (`Some(false)`); else `None`.
fn encoding_allows_latin1(list: Node<'_>, cx: &Checker<'_>) -> Option<bool> {
    let text = cx.text(list);
    if text == "()" {
        return Some(false);
    }
    let mut cursor = list.walk();
    let mut named = list.named_children(&mut cursor);
    let encoding = named.next()?;
    if named.next().is_some() || encoding.kind_name() != "string" {
        return None;
    }
    if text.len() != encoding.end_byte() - encoding.start_byte() + 2 {
        return None;
    }
    match codec_name(&simple_str_value(encoding, cx.src)?)? {
        "ascii" | "utf-8" => Some(false),
        "iso8859-1" => Some(true),
        _ => None,
    }
}

/// Whether the body of a string literal means the same as a bytes literal.
fn fits_in_bytes(body: &str, latin1_ok: bool) -> bool {
    if !body.is_ascii() {
        return false;
    }
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            match bytes.get(i + 1) {
                Some(b'u' | b'U' | b'N') => return false,
                Some(b'x') if !latin1_ok => return false,
                _ => {}
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    true
}
