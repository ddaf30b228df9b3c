//! Format strings taken apart the way Python itself does: `str.format`
//! templates (`{name!conv:spec}` fields, as `string.Formatter().parse`
//! splits them) and printf-style `%` templates. Also the value of a string
//! literal's body, for rules that must reason about what the literal means
//! rather than how it is spelled.
//!
//! Every parser returns `None` where Python would raise, and also where a
//! faithful rewrite is doubtful (the rules refuse then).

use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::strings::StringParts;

/// A replacement field of a `str.format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BraceField {
    /// Everything before `!` or `:` (`0`, `name.attr`, `x[0]`, or empty).
    pub name: String,
    /// The conversion character after `!`, if any.
    pub conversion: Option<char>,
    /// The format spec after `:` (empty when absent).
    pub spec: String,
}

/// Literal text (with `{{`/`}}` already unescaped) and the field after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BracePart {
    pub literal: String,
    pub field: Option<BraceField>,
}

/// A piece of text split around `\N{...}` escapes: `true` for the escape.
type NamedSplit<'s> = Vec<(bool, &'s str)>;

/// Splits `text` around `\N{NAME}` escapes that are not themselves escaped
/// by a backslash. `None` when an escape follows an even, non-zero run of
/// backslashes: splitting there the way pyupgrade does would lose the
/// backslashes, so it is safer not to touch such text.
fn split_named_escapes(text: &str) -> Option<NamedSplit<'_>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    let mut at = 0;
    while at + 3 <= bytes.len() {
        if !bytes[at..].starts_with(b"\\N{") {
            at += 1;
            continue;
        }
        let backslashes_before = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes_before % 2 == 1 {
            at += 1;
            continue;
        }
        // `\N{` then at least one non-`}` then `}`.
        let Some(close) = bytes[at + 3..].iter().position(|&b| b == b'}') else {
            at += 1;
            continue;
        };
        if close == 0 {
            at += 1;
            continue;
        }
        if backslashes_before > 0 {
            return None;
        }
        let end = at + 3 + close + 1;
        pieces.push((false, text.get(piece_start..at)?));
        pieces.push((true, text.get(at..end)?));
        piece_start = end;
        at = end;
    }
    pieces.push((false, text.get(piece_start..)?));
    Some(pieces)
}

/// One step of Python's markup iterator over a template without `\N{}`
/// escapes; appends the parts of `text` to `out`.
fn parse_template_into(text: &str, out: &mut Vec<BracePart>) -> Option<()> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut pos = 0;
    while pos < len {
        let start = pos;
        let mut brace = None;
        while let Some(&b) = bytes.get(pos) {
            pos += 1;
            if b == b'{' || b == b'}' {
                brace = Some(b);
                break;
            }
        }
        let at_end = pos >= len;
        let Some(brace) = brace else {
            out.push(BracePart {
                literal: text.get(start..)?.to_owned(),
                field: None,
            });
            break;
        };
        if at_end {
            // A lone `{` or `}` ends the template.
            return None;
        }
        if bytes.get(pos) == Some(&brace) {
            // `{{` or `}}`: the literal keeps one brace.
            pos += 1;
            out.push(BracePart {
                literal: text.get(start..pos - 1)?.to_owned(),
                field: None,
            });
            continue;
        }
        if brace == b'}' {
            return None;
        }
        let literal = text.get(start..pos - 1)?.to_owned();
        let (field, next) = parse_field(text, pos)?;
        pos = next;
        out.push(BracePart {
            literal,
            field: Some(field),
        });
    }
    Some(())
}

/// Parses the field starting at `pos` (just after its `{`); returns it and
/// the position after its closing `}`.
fn parse_field(text: &str, mut pos: usize) -> Option<(BraceField, usize)> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let name_start = pos;
    let mut last = 0u8;
    while let Some(&b) = bytes.get(pos) {
        pos += 1;
        last = b;
        match b {
            b'{' => return None,
            b'[' => {
                while bytes.get(pos).is_some_and(|&c| c != b']') {
                    pos += 1;
                }
            }
            b'}' | b':' | b'!' => break,
            _ => {}
        }
    }
    if last != b'}' && last != b':' && last != b'!' {
        return None;
    }
    let name = text.get(name_start..pos - 1)?.to_owned();
    if last == b'}' {
        let field = BraceField {
            name,
            conversion: None,
            spec: String::new(),
        };
        return Some((field, pos));
    }
    let mut conversion = None;
    if last == b'!' {
        let c = text.get(pos..)?.chars().next()?;
        conversion = Some(c);
        pos += c.len_utf8();
        if pos < len {
            let after = bytes.get(pos).copied()?;
            pos += 1;
            if after == b'}' {
                let field = BraceField {
                    name,
                    conversion,
                    spec: String::new(),
                };
                return Some((field, pos));
            }
            if after != b':' {
                return None;
            }
        }
    }
    let spec_start = pos;
    let mut depth = 1usize;
    while let Some(&b) = bytes.get(pos) {
        pos += 1;
        if b == b'{' {
            depth += 1;
        } else if b == b'}' {
            depth -= 1;
            if depth == 0 {
                let field = BraceField {
                    name,
                    conversion,
                    spec: text.get(spec_start..pos - 1)?.to_owned(),
                };
                return Some((field, pos));
            }
        }
    }
    None
}

/// Splits a `str.format` template into literal text and fields, keeping
/// `\N{...}` escapes whole (their braces are not fields).
pub fn parse_brace_format(text: &str) -> Option<Vec<BracePart>> {
    let mut parts: Vec<BracePart> = Vec::new();
    let mut scratch = Vec::new();
    for (is_named, piece) in split_named_escapes(text)? {
        if is_named {
            match parts.last_mut() {
                Some(last) if last.field.is_none() => last.literal.push_str(piece),
                _ => parts.push(BracePart {
                    literal: piece.to_owned(),
                    field: None,
                }),
            }
            continue;
        }
        scratch.clear();
        parse_template_into(piece, &mut scratch)?;
        let mut pieces = scratch.drain(..);
        if let Some(last) = parts.last_mut() {
            if let Some(first) = pieces.next() {
                // Text right after an escape continues the escape's literal.
                last.literal.push_str(&first.literal);
                last.field = first.field;
            }
        }
        parts.extend(pieces);
    }
    if parts.is_empty() {
        parts.push(BracePart {
            literal: text.to_owned(),
            field: None,
        });
    }
    Some(parts)
}

/// Doubles the braces of `text` so a template shows it literally, leaving
/// `\N{...}` escapes alone.
pub fn escape_braces(text: &str, out: &mut String) -> Option<()> {
    for (is_named, piece) in split_named_escapes(text)? {
        if is_named {
            out.push_str(piece);
        } else {
            for c in piece.chars() {
                match c {
                    '{' => out.push_str("{{"),
                    '}' => out.push_str("}}"),
                    _ => out.push(c),
                }
            }
        }
    }
    Some(())
}

/// Writes parts back as a template; an empty spec is left out.
pub fn unparse_brace_format(parts: &[BracePart]) -> Option<String> {
    let mut out = String::new();
    for part in parts {
        escape_braces(&part.literal, &mut out)?;
        if let Some(field) = &part.field {
            out.push('{');
            out.push_str(&field.name);
            if let Some(conversion) = field.conversion {
                out.push('!');
                out.push(conversion);
            }
            if !field.spec.is_empty() {
                out.push(':');
                out.push_str(&field.spec);
            }
            out.push('}');
        }
    }
    Some(out)
}

/// The value of `text` read as Python's `int()` would, for the plain ASCII
/// spellings (`7`, ` 07 `, `+1`, `1_0`); `None` for anything else.
pub fn int_value(text: &str) -> Option<i128> {
    let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (negative, digits) = match trimmed.as_bytes().first()? {
        b'-' => (true, trimmed.get(1..)?),
        b'+' => (false, trimmed.get(1..)?),
        _ => (false, trimmed),
    };
    let bytes = digits.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return None;
    }
    let mut value: i128 = 0;
    let mut previous_underscore = false;
    for &b in bytes {
        if b == b'_' {
            if previous_underscore {
                return None;
            }
            previous_underscore = true;
            continue;
        }
        previous_underscore = false;
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some(if negative { -value } else { value })
}

/// A printf-style conversion specifier (`%(key)#5.2f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PercentSpec<'s> {
    /// The mapping key in parentheses; `Some("")` for `%()s`.
    pub key: Option<&'s str>,
    /// Conversion flags (`#0+ -`), `None` when there are none.
    pub flags: Option<&'s str>,
    /// `*` or digits.
    pub width: Option<&'s str>,
    /// `.` followed by `*` or digits.
    pub precision: Option<&'s str>,
    /// The conversion character (`s`, `d`, `%`, ...).
    pub conversion: char,
}

/// Literal text and the specifier after it (none for the trailing text).
pub type PercentPart<'s> = (&'s str, Option<PercentSpec<'s>>);

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// Splits a printf-style template into literal text and specifiers.
pub fn parse_percent_format(text: &str) -> Option<Vec<PercentPart<'_>>> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut parts = Vec::new();
    let mut literal_start = 0;
    let mut at = 0;
    while at < len {
        let Some(offset) = text.get(at..)?.find('%') else {
            parts.push((text.get(literal_start..)?, None));
            return Some(parts);
        };
        let literal_end = at + offset;
        at = literal_end + 1;
        if at >= len {
            return None;
        }
        let mut key = None;
        if bytes.get(at) == Some(&b'(') {
            let inner = text.get(at + 1..)?;
            if let Some(close) = inner.find(['(', ')']) {
                if inner.as_bytes().get(close) == Some(&b')') {
                    key = Some(inner.get(..close)?);
                    at += close + 2;
                }
            }
        }
        let flags_start = at;
        while bytes.get(at).is_some_and(|b| b"#0+ -".contains(b)) {
            at += 1;
        }
        let flags = non_empty(text.get(flags_start..at)?);
        let width_start = at;
        at = skip_star_or_digits(text, at)?;
        let width = non_empty(text.get(width_start..at)?);
        let precision_start = at;
        if bytes.get(at) == Some(&b'.') {
            at = skip_star_or_digits(text, at + 1)?;
        }
        let precision = non_empty(text.get(precision_start..at)?);
        if bytes.get(at).is_some_and(|b| b"hlL".contains(b)) {
            at += 1;
        }
        let conversion = text.get(at..)?.chars().next()?;
        at += conversion.len_utf8();
        let spec = PercentSpec {
            key,
            flags,
            width,
            precision,
            conversion,
        };
        parts.push((text.get(literal_start..literal_end)?, Some(spec)));
        literal_start = at;
    }
    Some(parts)
}

/// Skips `*` or a run of digits at `at`. `None` on a non-ASCII digit, which
/// Python's `\d` would accept but this parser does not try to.
fn skip_star_or_digits(text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b'*') {
        return Some(at + 1);
    }
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    if text
        .get(at..)?
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && c.is_numeric())
    {
        return None;
    }
    Some(at)
}

/// printf flags as format-spec flags, in the order a spec wants them
/// (align, sign, `#`, `0`): `-` left-aligns and overrides `0`, `+` overrides
/// a space.
pub fn spec_flags(flags: &str) -> String {
    let left = flags.contains('-');
    let mut out = String::new();
    if left {
        out.push('<');
    }
    if flags.contains('+') {
        out.push('+');
    } else if flags.contains(' ') {
        out.push(' ');
    }
    if flags.contains('#') {
        out.push('#');
    }
    if flags.contains('0') && !left {
        out.push('0');
    }
    out
}

/// Rewrites a printf-style template as a `str.format` template.
pub fn percent_to_brace_format(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 8);
    for (literal, spec) in parse_percent_format(text)? {
        escape_braces(literal, &mut out)?;
        let Some(spec) = spec else {
            continue;
        };
        if spec.conversion == '%' {
            out.push('%');
            continue;
        }
        out.push('{');
        if let Some(key) = spec.key {
            out.push_str(key);
        }
        let (conversion, converter) = match spec.conversion {
            's' => (None, None),
            c @ ('r' | 'a') => (None, Some(c)),
            c => (Some(c), None),
        };
        if spec.flags.is_some()
            || spec.width.is_some()
            || spec.precision.is_some()
            || conversion.is_some()
        {
            out.push(':');
        }
        if let Some(flags) = spec.flags {
            out.push_str(&spec_flags(flags));
        }
        out.push_str(spec.width.unwrap_or(""));
        out.push_str(spec.precision.unwrap_or(""));
        if let Some(c) = conversion {
            out.push(c);
        }
        if let Some(c) = converter {
            out.push('!');
            out.push(c);
        }
        out.push('}');
    }
    Some(out)
}

/// The value of a (text, not bytes) string literal's body. `None` when an
/// escape sequence spells `{`, `}` or `%` (a template read from the source
/// would then differ from the template Python sees), or is malformed.
/// A `\N{...}` escape stands as U+FFFD; one whose name could be a brace or
/// percent sign gives `None`.
pub fn literal_value(parts: &StringParts<'_>) -> Option<String> {
    if parts.is_raw() {
        return Some(parts.body.to_owned());
    }
    let body = parts.body;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let (at, escaped) = chars.next()?;
        let decoded = match escaped {
            '\n' => continue,
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                continue;
            }
            '\\' | '\'' | '"' => escaped,
            'a' => '\u{7}',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '0'..='7' => {
                let mut value = escaped.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                char::from_u32(value)?
            }
            'x' | 'u' | 'U' => {
                let width = match escaped {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let digits = body.get(at + 1..at + 1 + width)?;
                let value = u32::from_str_radix(digits, 16).ok()?;
                if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                for _ in 0..width {
                    chars.next();
                }
                char::from_u32(value)?
            }
            'N' => {
                let rest = body.get(at + 1..)?;
                let close = rest.find('}')?;
                let name = rest.get(..close)?.to_ascii_uppercase();
                if !rest.starts_with('{')
                    || name.contains("CURLY")
                    || name.contains("BRACE")
                    || name.contains("PERCENT")
                {
                    return None;
                }
                let consumed = rest.get(..=close)?.chars().count();
                for _ in 0..consumed {
                    chars.next();
                }
                '\u{FFFD}'
            }
            unknown => {
                out.push('\\');
                out.push(unknown);
                continue;
            }
        };
        if matches!(decoded, '{' | '}' | '%') {
            return None;
        }
        out.push(decoded);
    }
    Some(out)
}

/// The string literals making up `node`: a string, an implicit
/// concatenation, either of them in parentheses. `None` for anything else.
pub fn string_literal_parts(node: Node<'_>) -> Option<Vec<Node<'_>>> {
    let mut current = node;
    while current.kind_name() == "parenthesized_expression" {
        let mut cursor = current.walk();
        let mut inner = current
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() != "comment");
        let only = inner.next()?;
        if inner.next().is_some() {
            return None;
        }
        current = only;
    }
    match current.kind_name() {
        "string" => Some(vec![current]),
        "concatenated_string" => {
            let mut cursor = current.walk();
            let parts: Vec<_> = current
                .named_children(&mut cursor)
                .filter(|n| n.kind_name() != "comment")
                .collect();
            parts
                .iter()
                .all(|n| n.kind_name() == "string")
                .then_some(parts)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field as (literal before it, name, spec, conversion).
    type FieldParts = (String, Option<String>, Option<String>, Option<char>);

    fn fields(text: &str) -> Vec<FieldParts> {
        parse_brace_format(text)
            .unwrap_or_default()
            .into_iter()
            .map(|p| match p.field {
                Some(f) => (p.literal, Some(f.name), Some(f.spec), f.conversion),
                None => (p.literal, None, None, None),
            })
            .collect()
    }

    #[test]
    fn brace_templates_split_like_python() {
        assert_eq!(
            fields("{}"),
            vec![(
                String::new(),
                Some(String::new()),
                Some(String::new()),
                None
            )]
        );
        assert_eq!(
            fields("a{{b"),
            vec![
                ("a{".into(), None, None, None),
                ("b".into(), None, None, None)
            ]
        );
        assert_eq!(
            fields("x{0!r:>{1}}y"),
            vec![
                ("x".into(), Some("0".into()), Some(">{1}".into()), Some('r')),
                ("y".into(), None, None, None)
            ]
        );
        assert_eq!(
            fields("{a[}]}"),
            vec![(
                String::new(),
                Some("a[}]".into()),
                Some(String::new()),
                None
            )]
        );
        assert!(parse_brace_format("{").is_none());
        assert!(parse_brace_format("}").is_none());
        assert!(parse_brace_format("{!}").is_none());
        assert!(parse_brace_format("{a!r").is_none());
        assert!(parse_brace_format("{a{b}").is_none());
        assert_eq!(fields(""), vec![(String::new(), None, None, None)]);
    }

    #[test]
    fn named_escapes_stay_literal() {
        assert_eq!(
            fields("'{0}\\N{X}{1}'"),
            vec![
                ("'".into(), Some("0".into()), Some(String::new()), None),
                ("\\N{X}".into(), Some("1".into()), Some(String::new()), None),
                ("'".into(), None, None, None)
            ]
        );
        assert_eq!(
            fields("\\\\N{x}"),
            vec![("\\\\N".into(), Some("x".into()), Some(String::new()), None)]
        );
        assert!(parse_brace_format("\\\\\\N{X}").is_none());
        let mut out = String::new();
        escape_braces("{\\N{X}}", &mut out);
        assert_eq!(out, "{{\\N{X}}}");
    }

    #[test]
    fn percent_templates_convert() {
        let convert = |s: &str| percent_to_brace_format(s);
        assert_eq!(convert("%s%% percent").as_deref(), Some("{}% percent"));
        assert_eq!(convert("%(a)r {x}").as_deref(), Some("{a!r} {{x}}"));
        // `-` overrides `0`, `+` overrides a space, and the flags come in the
        // order a format spec reads them (pyupgrade writes `{:<05f}`, which
        // pads with zeros, and `{:<<f}`).
        assert_eq!(convert("%-05f").as_deref(), Some("{:<5f}"));
        assert_eq!(convert("%0-5f").as_deref(), Some("{:<5f}"));
        assert_eq!(convert("%--f").as_deref(), Some("{:<f}"));
        assert_eq!(convert("% +.2e").as_deref(), Some("{:+.2e}"));
        assert_eq!(convert("%+ .2e").as_deref(), Some("{:+.2e}"));
        assert_eq!(convert("%+-8.2f").as_deref(), Some("{:<+8.2f}"));
        assert_eq!(convert("%3f").as_deref(), Some("{:3f}"));
        assert!(convert("%").is_none());
        assert!(convert("%(a)").is_none());
    }

    #[test]
    fn int_values() {
        assert_eq!(int_value("0"), Some(0));
        assert_eq!(int_value(" 1_0 "), Some(10));
        assert_eq!(int_value("-0"), Some(0));
        assert_eq!(int_value("a"), None);
        assert_eq!(int_value("1__0"), None);
        assert_eq!(int_value(""), None);
    }

    fn value_of(prefix: &str, body: &str) -> Option<String> {
        let parts = StringParts {
            prefix,
            quote: "'",
            body,
            start: 0,
        };
        literal_value(&parts)
    }

    #[test]
    fn literal_values_decode_escapes() {
        assert_eq!(
            value_of("", "a\\tb\\x41\\101\\u00e9").as_deref(),
            Some("a\tbAAé")
        );
        assert_eq!(value_of("", "\\q\\{").as_deref(), Some("\\q\\{"));
        assert_eq!(value_of("", "x\\\ny").as_deref(), Some("xy"));
        assert_eq!(value_of("", "\\N{EM DASH}").as_deref(), Some("\u{FFFD}"));
        assert_eq!(value_of("r", "\\x7b").as_deref(), Some("\\x7b"));
        assert!(value_of("", "\\x7b").is_none());
        assert!(value_of("", "\\175").is_none());
        assert!(value_of("", "\\x25").is_none());
        assert!(value_of("", "\\N{LEFT CURLY BRACKET}").is_none());
        assert!(value_of("", "\\x4").is_none());
    }
}
