//! Building f-strings for the `fstring` rules: the pieces a conversion
//! produces (literal text and replacement fields), written out in the
//! quotes of the literal they replace, with what a target version allows
//! inside a replacement field, and checked against the line-length limit.
//!
//! Also what the rules need to know about the expressions they move into a
//! field: how to write them on one line, whether evaluating them twice (or
//! not at all) is harmless, and what type they are known to have.

use pymod_engine::Checker;
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::format_spec::escape_braces;

/// A piece of a converted string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text as spelled in the source body (escape sequences kept),
    /// braces single: they are doubled when the result is an f-string.
    Text(String),
    /// A replacement field.
    Field(Field),
    /// The body of an f-string spelled for the same quotes, copied as is.
    Raw(String),
}

/// A replacement field `{expression!conversion:spec}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The expression, already on one line and parenthesized where a field
    /// needs it (see [`render_expression`]).
    pub expression: String,
    pub conversion: Option<char>,
    /// The format spec, possibly with nested fields (which have no spec).
    pub spec: Vec<Segment>,
}

impl Field {
    pub fn plain(expression: String) -> Field {
        Field {
            expression,
            conversion: None,
            spec: Vec::new(),
        }
    }

    pub fn with_spec(expression: String, conversion: Option<char>, spec: String) -> Field {
        let spec = if spec.is_empty() {
            Vec::new()
        } else {
            vec![Segment::Text(spec)]
        };
        Field {
            expression,
            conversion,
            spec,
        }
    }
}

/// Writes `segments` as one string literal with the `quote` of the literal
/// it replaces (`'`, `"`, `'''` or `"""`): an f-string when a field is left,
/// else a plain string. Switches to the other quote when a field needs the
/// original one; `None` when no spelling is valid for the target (before
/// Python 3.12 a field may hold neither a backslash, nor a `#`, nor the
/// enclosing quote).
pub fn write_literal(quote: &str, segments: &[Segment], pep701: bool) -> Option<String> {
    let segments = inline_string_constants(quote, segments);
    if segments.iter().all(|s| matches!(s, Segment::Text(_))) {
        let mut out = String::from(quote);
        for segment in &segments {
            if let Segment::Text(text) = segment {
                out.push_str(text);
            }
        }
        out.push_str(quote);
        return Some(out);
    }
    let other = other_quote(quote);
    let attempts = [(quote, false), (other.as_str(), false), (quote, true)];
    for (candidate, relaxed) in attempts {
        if relaxed && !pep701 {
            break;
        }
        if candidate != quote && !texts_allow_quote(&segments, candidate) {
            continue;
        }
        if let Some(written) = write_fstring(candidate, &segments, relaxed) {
            return Some(written);
        }
    }
    None
}

fn other_quote(quote: &str) -> String {
    quote
        .chars()
        .map(|c| if c == '\'' { '"' } else { '\'' })
        .collect()
}

/// Whether the literal texts can be written between `quote`s unchanged.
fn texts_allow_quote(segments: &[Segment], quote: &str) -> bool {
    let Some(quote_char) = quote.chars().next() else {
        return false;
    };
    segments.iter().all(|segment| match segment {
        Segment::Text(text) => !text.contains(quote_char),
        Segment::Field(field) => texts_allow_quote(&field.spec, quote),
        Segment::Raw(_) => false,
    })
}

fn write_fstring(quote: &str, segments: &[Segment], relaxed: bool) -> Option<String> {
    let mut out = String::with_capacity(64);
    out.push('f');
    out.push_str(quote);
    write_segments(quote, segments, relaxed, &mut out)?;
    out.push_str(quote);
    Some(out)
}

fn write_segments(
    quote: &str,
    segments: &[Segment],
    relaxed: bool,
    out: &mut String,
) -> Option<()> {
    for segment in segments {
        match segment {
            Segment::Text(text) => escape_braces(text, out)?,
            Segment::Raw(body) => out.push_str(body),
            Segment::Field(field) => {
                if field.conversion.is_none() && spec_starts_with_equals(&field.spec) {
                    return None;
                }
                let expression = fit_expression(&field.expression, quote, relaxed)?;
                out.push('{');
                out.push_str(&expression);
                if let Some(conversion) = field.conversion {
                    out.push('!');
                    out.push(conversion);
                }
                if !field.spec.is_empty() {
                    out.push(':');
                    write_segments(quote, &field.spec, relaxed, out)?;
                }
                out.push('}');
            }
        }
    }
    Some(())
}

/// Whether a format spec starts with `=` (a fill character, or the
/// `=` alignment): right after the `:` of a field without a conversion,
/// tree-sitter-python reads `:=` as an assignment expression and cannot
/// parse the f-string, so such a field is never written.
pub fn spec_starts_with_equals(spec: &[Segment]) -> bool {
    matches!(spec.first(), Some(Segment::Text(text)) if text.starts_with('='))
}

/// `expression` as it may appear in a field of an f-string in `quote`s:
/// string literals inside it take the other quote where needed. With
/// `relaxed` (Python 3.12's grammar) anything on one line goes.
fn fit_expression(expression: &str, quote: &str, relaxed: bool) -> Option<String> {
    if expression.contains(['\n', '\r']) || expression.is_empty() {
        return None;
    }
    if relaxed {
        return Some(expression.to_owned());
    }
    if expression.contains(['\\', '#']) {
        return None;
    }
    let quote_char = quote.chars().next()?;
    if quote.len() == 3 {
        return (!expression.contains(quote)).then(|| expression.to_owned());
    }
    if !expression.contains(quote_char) {
        return Some(expression.to_owned());
    }
    // A quote inside a literal of the other kind stays where it is.
    requote_strings(expression, quote_char).filter(|requoted| !requoted.contains(quote_char))
}

/// Rewrites the string literals of `expression` delimited by `avoid` with
/// the other quote; `None` when one of them cannot be (triple-quoted, or
/// holding the other quote or a backslash), or the text does not lex.
pub fn requote_strings(expression: &str, avoid: char) -> Option<String> {
    let replacement = if avoid == '\'' { '"' } else { '\'' };
    let mut out = String::with_capacity(expression.len());
    let mut last = 0;
    for token in string_tokens(expression)? {
        if !token.quote.starts_with(avoid) {
            continue;
        }
        let body = expression.get(token.body.clone())?;
        if token.quote.len() == 3 || body.contains([replacement, '\\']) {
            return None;
        }
        out.push_str(expression.get(last..token.body.start - 1)?);
        out.push(replacement);
        out.push_str(body);
        out.push(replacement);
        last = token.body.end + 1;
    }
    out.push_str(expression.get(last..)?);
    Some(out)
}

/// A string literal found in expression text.
struct StringToken {
    quote: &'static str,
    body: std::ops::Range<usize>,
}

/// The string literals of `text`, a Python expression without comments;
/// `None` when a literal is not closed.
fn string_tokens(text: &str) -> Option<Vec<StringToken>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte != b'\'' && byte != b'"' {
            at += 1;
            continue;
        }
        let triple = bytes
            .get(at..at + 3)
            .is_some_and(|t| t[1] == byte && t[2] == byte);
        let quote: &'static str = match (byte, triple) {
            (b'\'', false) => "'",
            (b'\'', true) => "'''",
            (_, false) => "\"",
            (_, true) => "\"\"\"",
        };
        let body_start = at + quote.len();
        let mut scan = body_start;
        let body_end = loop {
            match bytes.get(scan) {
                None => return None,
                Some(b'\\') => scan += 2,
                Some(_) if bytes.get(scan..scan + quote.len()) == Some(quote.as_bytes()) => {
                    break scan
                }
                Some(_) => scan += 1,
            }
        };
        tokens.push(StringToken {
            quote,
            body: body_start..body_end,
        });
        at = body_end + quote.len();
    }
    Some(tokens)
}

/// The segments a string literal operand (`string` or implicit
/// concatenation) contributes to an f-string written between `quote`s:
/// plain literals as text, f-strings in the same quotes as they are.
/// `None` for bytes, raw, triple-quoted or template strings, and for a
/// literal whose body would not read the same between `quote`s.
pub fn literal_segments(node: Node<'_>, quote: &str, cx: &Checker<'_>) -> Option<Vec<Segment>> {
    let quote_char = quote.chars().next()?;
    let mut segments = Vec::new();
    for part in crate::helpers::format_spec::string_literal_parts(node)? {
        let parts = crate::helpers::strings::StringParts::of(part, cx.src)?;
        if parts.is_bytes() || parts.is_raw() || parts.is_tstring() || parts.is_triple_quoted() {
            return None;
        }
        if parts.is_fstring() {
            if parts.quote != quote {
                return None;
            }
            segments.push(Segment::Raw(parts.body.to_owned()));
            continue;
        }
        if parts.quote != quote && parts.body.contains(quote_char) {
            return None;
        }
        // The spelling must mean the same: no escape may spell a brace.
        crate::helpers::format_spec::literal_value(&parts)?;
        segments.push(Segment::Text(parts.body.to_owned()));
    }
    Some(segments)
}

/// The string literal `call` calls `method` on (`"...".format(...)`): the
/// literal's node and its parts. `None` for any other call.
pub fn method_on_literal<'t>(
    call: Node<'t>,
    method: &str,
    src: &str,
) -> Option<(Node<'t>, Vec<Node<'t>>)> {
    let function = call.field("function")?;
    if function.kind_name() != "attribute" || function.field("attribute")?.text(src) != method {
        return None;
    }
    let object = function.field("object")?;
    let parts = crate::helpers::format_spec::string_literal_parts(object)?;
    Some((object, parts))
}

/// Appends what an operand of a concatenation or join contributes: a
/// literal's text, or a field showing the value. Returns whether the
/// field is exact (see [`str_field`]); `None` when the operand cannot be
/// written between `quote`s.
pub fn push_operand(
    segments: &mut Vec<Segment>,
    operand: Node<'_>,
    quote: &str,
    cx: &Checker<'_>,
) -> Option<bool> {
    if crate::helpers::format_spec::string_literal_parts(operand).is_some() {
        segments.extend(literal_segments(operand, quote, cx)?);
        return Some(true);
    }
    let (field, exact) = str_field(operand, cx)?;
    segments.push(field);
    Some(exact)
}

/// Proposes replacing `node` by `segments` written between `quote`s, when
/// that can be written for the target and fits the line-length limit; an
/// unsafe fix unless `exact`.
pub fn propose_literal(
    cx: &mut Checker<'_>,
    node: Node<'_>,
    quote: &str,
    segments: &[Segment],
    exact: bool,
) {
    let Some(written) = write_literal(quote, segments, cx.targets_at_least(12)) else {
        return;
    };
    if !fits_line_length(cx, node.byte_range(), &written) {
        return;
    }
    let safety = if exact {
        pymod_engine::Safety::Safe
    } else {
        pymod_engine::Safety::Unsafe
    };
    cx.fix_with_safety(
        safety,
        vec![pymod_engine::Edit::replace(node.byte_range(), written)],
    );
}

/// Proposes replacing `node` (`"..." % x`, `"...".format(x)`) by its
/// template, the part of it up to `template_end`, with each literal of the
/// template replaced by its conversion: parentheses and the lines between
/// literals stay. Checks the line-length limit first.
pub fn propose_template(
    cx: &mut Checker<'_>,
    node: Node<'_>,
    template_end: usize,
    written: &[(Node<'_>, String)],
    safety: pymod_engine::Safety,
) {
    let mut replacement = String::new();
    let mut cursor = node.start_byte();
    for (literal, text) in written {
        replacement.push_str(cx.slice(cursor..literal.start_byte()));
        replacement.push_str(text);
        cursor = literal.end_byte();
    }
    replacement.push_str(cx.slice(cursor..template_end));
    if fits_line_length(cx, node.byte_range(), &replacement) {
        cx.fix_with_safety(
            safety,
            vec![pymod_engine::Edit::replace(node.byte_range(), replacement)],
        );
    }
}

/// The quote of the first plain or f-string literal among `nodes`.
pub fn first_quote<'s>(nodes: &[Node<'_>], cx: &Checker<'s>) -> Option<&'s str> {
    nodes.iter().find_map(|&node| {
        let first = *crate::helpers::format_spec::string_literal_parts(node)?.first()?;
        Some(crate::helpers::strings::StringParts::of(first, cx.src)?.quote)
    })
}

/// The field showing a non-literal value as `str()` would: `{x}` when
/// `x` is known to be a `str`, `{y!s}` for `str(y)`, `{y!r}` for `repr(y)`.
/// The second item tells whether that is exact (else it holds only when
/// the value is a `str`).
pub fn str_field(node: Node<'_>, cx: &Checker<'_>) -> Option<(Segment, bool)> {
    for (name, conversion) in [("str", 's'), ("repr", 'r')] {
        if let Some(inner) = builtin_call_argument(node, name, cx) {
            let field = Field {
                expression: render_expression(inner, cx)?,
                conversion: Some(conversion),
                spec: Vec::new(),
            };
            return Some((Segment::Field(field), true));
        }
    }
    let exact = known_type(node, cx) == KnownType::Str;
    Some((
        Segment::Field(Field::plain(render_expression(node, cx)?)),
        exact,
    ))
}

/// Replaces fields that only show a plain string literal (no conversion,
/// no spec) by the literal's text, when it reads the same between `quote`s.
fn inline_string_constants(quote: &str, segments: &[Segment]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for segment in segments {
        let inlined = match segment {
            Segment::Field(field) if field.conversion.is_none() && field.spec.is_empty() => {
                constant_text(&field.expression, quote)
            }
            _ => None,
        };
        // After a backslash the text would read as an escape (`"\{}"` of
        // `"n"` is not `"\n"`): such a value stays a field.
        let inlined = inlined.filter(|_| {
            !matches!(out.last(), Some(Segment::Text(previous) | Segment::Raw(previous)) if previous.ends_with('\\'))
        });
        match (inlined, out.last_mut()) {
            (Some(text), Some(Segment::Text(previous))) => previous.push_str(&text),
            (Some(text), _) => out.push(Segment::Text(text)),
            (None, _) => out.push(segment.clone()),
        }
    }
    out
}

/// The body of `expression` when it is one plain, single-quoted-style
/// string literal whose body means the same between `quote`s.
fn constant_text(expression: &str, quote: &str) -> Option<String> {
    let expression = expression.strip_prefix(['u', 'U']).unwrap_or(expression);
    let first = expression.chars().next()?;
    if first != '\'' && first != '"' {
        return None;
    }
    let tokens = string_tokens(expression)?;
    let [token] = tokens.as_slice() else {
        return None;
    };
    if token.quote.len() != 1 || token.body.end + 1 != expression.len() {
        return None;
    }
    let body = expression.get(token.body.clone())?;
    let quote_char = quote.chars().next()?;
    if body.contains("\\N") || (quote.len() == 3 && body.ends_with('\\')) {
        return None;
    }
    // An escape depends on the quote only for quotes: the other literal's
    // bare quotes need a backslash here (outside a field, any version
    // allows it).
    if first == quote_char {
        return Some(body.to_owned());
    }
    let mut escaped = String::with_capacity(body.len() + 2);
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            escaped.push(c);
            escaped.extend(chars.next());
        } else {
            if c == quote_char {
                escaped.push('\\');
            }
            escaped.push(c);
        }
    }
    Some(escaped)
}

/// The text of `node` written on one line, without the parentheses around
/// it that a field does not need and with those it does; `None` when that
/// is not possible (a comment, a string spanning lines).
pub fn render_expression(node: Node<'_>, cx: &Checker<'_>) -> Option<String> {
    if cx.has_comment(node) {
        return None;
    }
    let node = crate::helpers::literals::unparenthesized(node);
    let text = cx.text(node);
    let one_line = if text.contains(['\n', '\r']) {
        join_lines(text)?
    } else {
        text.to_owned()
    };
    let needs_parens = matches!(node.kind_name(), "lambda" | "named_expression" | "yield")
        || one_line.starts_with('{');
    Some(if needs_parens {
        format!("({one_line})")
    } else {
        one_line
    })
}

/// Joins the lines of an expression that spans lines inside brackets.
fn join_lines(text: &str) -> Option<String> {
    let tokens = string_tokens(text)?;
    if tokens.iter().any(|t| {
        text.get(t.body.clone())
            .is_none_or(|b| b.contains(['\n', '\r']))
    }) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let line = line.strip_suffix('\\').unwrap_or(line).trim();
        if line.is_empty() {
            continue;
        }
        let glued =
            out.is_empty() || out.ends_with(['(', '[', '{']) || line.starts_with([')', ']', '}']);
        if !glued {
            out.push(' ');
        }
        out.push_str(line);
    }
    Some(out)
}

/// Whether evaluating `node` twice, or not at all, is harmless: a name,
/// an attribute of one, or a literal.
pub fn is_pure(node: Node<'_>) -> bool {
    let mut current = node;
    loop {
        match current.kind_name() {
            "identifier" | "integer" | "float" | "true" | "false" | "none" => return true,
            "string" => {
                return !current
                    .named_children(&mut current.walk())
                    .any(|c| c.kind_name() == "interpolation")
            }
            "attribute" => match current.field("object") {
                Some(object) => current = object,
                None => return false,
            },
            "parenthesized_expression" => match current.named_child(0) {
                Some(inner) if current.named_child_count() == 1 => current = inner,
                _ => return false,
            },
            _ => return false,
        }
    }
}

/// What an expression is known to evaluate to from its spelling alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownType {
    /// Exactly `str`.
    Str,
    /// Exactly `int` (not `bool`).
    Int,
    /// Exactly `float`.
    Float,
    /// Something else that is certainly not a tuple.
    NotTuple,
    Unknown,
}

impl KnownType {
    /// Whether `format(value, "")` is `str(value)` for such values.
    pub fn formats_like_str(self) -> bool {
        matches!(self, KnownType::Str | KnownType::Int | KnownType::Float)
    }
}

/// `str` methods that return a `str`.
const STR_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "expandtabs",
    "format",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "removeprefix",
    "removesuffix",
    "replace",
    "rjust",
    "rstrip",
    "strip",
    "swapcase",
    "title",
    "upper",
    "zfill",
];

/// The type of `node` as far as its spelling tells.
pub fn known_type(node: Node<'_>, cx: &Checker<'_>) -> KnownType {
    let mut current = node;
    while current.kind_name() == "parenthesized_expression" && current.named_child_count() == 1 {
        match current.named_child(0) {
            Some(inner) => current = inner,
            None => return KnownType::Unknown,
        }
    }
    match current.kind_name() {
        "string" | "concatenated_string" => {
            let text = cx.text(current);
            let prefix: String = text
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_lowercase();
            if prefix.contains(['b', 't']) {
                KnownType::Unknown
            } else {
                KnownType::Str
            }
        }
        "integer" => KnownType::Int,
        "float" => KnownType::Float,
        "unary_operator" => match current.field("argument").map(|a| a.kind_name()) {
            Some("integer") => KnownType::Int,
            Some("float") => KnownType::Float,
            _ => KnownType::Unknown,
        },
        "true"
        | "false"
        | "none"
        | "list"
        | "list_comprehension"
        | "set"
        | "set_comprehension"
        | "dictionary_comprehension"
        | "comparison_operator"
        | "not_operator" => KnownType::NotTuple,
        "binary_operator" if is_percent_formatting(current) => KnownType::Str,
        "call" => call_type(current, cx),
        _ => KnownType::Unknown,
    }
}

fn string_literal(node: Node<'_>) -> bool {
    matches!(node.kind_name(), "string" | "concatenated_string")
}

/// Whether `node` is `%` formatting of a string literal (`"%s" % x`).
pub fn is_percent_formatting(node: Node<'_>) -> bool {
    crate::helpers::literals::binary_operands(node, "%")
        .is_some_and(|(left, _)| crate::helpers::format_spec::string_literal_parts(left).is_some())
}

fn call_type(call: Node<'_>, cx: &Checker<'_>) -> KnownType {
    let Some(function) = call.field("function") else {
        return KnownType::Unknown;
    };
    if function.kind_name() == "attribute" {
        let method = function.field("attribute").map(|a| cx.text(a));
        let on_literal = function.field("object").is_some_and(string_literal);
        return match method {
            Some(m) if on_literal && STR_METHODS.contains(&m) => KnownType::Str,
            _ => KnownType::Unknown,
        };
    }
    if function.kind_name() != "identifier" {
        return KnownType::Unknown;
    }
    let name = cx.text(function);
    if cx.imports.is_shadowed_at(name, function.start_byte()) || cx.imports.is_bound_anywhere(name)
    {
        return KnownType::Unknown;
    }
    match name {
        "str" | "repr" | "ascii" | "format" | "chr" | "hex" | "oct" | "bin" => KnownType::Str,
        "len" | "int" | "ord" => KnownType::Int,
        "float" => KnownType::Float,
        "list" | "dict" | "set" | "frozenset" | "sorted" | "bool" => KnownType::NotTuple,
        _ => KnownType::Unknown,
    }
}

/// The one argument of `call` when it is `name(argument)` for the builtin
/// `name`, not shadowed.
pub fn builtin_call_argument<'t>(call: Node<'t>, name: &str, cx: &Checker<'_>) -> Option<Node<'t>> {
    if call.kind_name() != "call" {
        return None;
    }
    let function = call.field("function")?;
    if function.kind_name() != "identifier" || cx.text(function) != name {
        return None;
    }
    if cx.imports.is_bound_anywhere(name) {
        return None;
    }
    let list = crate::helpers::args::argument_list(call)?;
    let args = crate::helpers::args::arguments(list);
    match args.as_slice() {
        [only]
            if !matches!(
                only.kind_name(),
                "keyword_argument" | "list_splat" | "dictionary_splat"
            ) =>
        {
            Some(*only)
        }
        _ => None,
    }
}

/// Whether the builtin `name` can be called by name at `offset` (nothing
/// in the file rebinds it).
pub fn builtin_available(name: &str, cx: &Checker<'_>) -> bool {
    !cx.imports.is_bound_anywhere(name)
}

/// Whether replacing `range` of the source by `replacement` keeps every
/// line it touches within the `--fstring-line-length` limit, or at least no
/// longer than the longest line it replaces.
pub fn fits_line_length(
    cx: &Checker<'_>,
    range: std::ops::Range<usize>,
    replacement: &str,
) -> bool {
    let limit = cx.settings.fstring_line_length;
    if limit == 0 {
        return true;
    }
    let src = cx.src;
    let line_start = src
        .get(..range.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = src
        .get(range.end..)
        .and_then(|after| after.find('\n'))
        .map_or(src.len(), |i| range.end + i);
    let (Some(before), Some(original), Some(after)) = (
        src.get(line_start..range.start),
        src.get(line_start..line_end),
        src.get(range.end..line_end),
    ) else {
        return false;
    };
    let width = |line: &str| line.trim_end_matches('\r').chars().count();
    let longest_before = original.split('\n').map(width).max().unwrap_or(0);
    let result = format!("{before}{replacement}{after}");
    result
        .split('\n')
        .map(width)
        .all(|w| w <= limit || w <= longest_before)
}

/// Whether `node` contains an `await` (not allowed in an f-string field
/// before Python 3.7).
pub fn contains_await(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    loop {
        if cursor.node().kind_name() == "await" {
            return true;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() || cursor.node() == node {
                return false;
            }
        }
    }
}

/// Whether the comment after `node` asks to leave it alone: flynt's
/// `# flynt: skip` and `# noqa: flynt`, or a `# noqa:` naming the rule or
/// its group (`# noqa: fstring-percent`, `# noqa: fstring`). A bare
/// `# noqa` is about linters, and flynt converts such lines too.
pub fn skip_requested(node: Node<'_>, cx: &Checker<'_>) -> bool {
    let Some(comment) = cx.trailing_comment(node) else {
        return false;
    };
    let meta = cx.rule_meta();
    comment.split('#').skip(1).any(|directive| {
        let directive = directive.trim_start();
        if let Some(rest) = directive.strip_prefix("flynt:") {
            return rest.trim_start().starts_with("skip");
        }
        let Some(codes) = directive.strip_prefix("noqa") else {
            return false;
        };
        codes.contains("flynt")
            || codes
                .split(|c: char| c == ',' || c == ':' || c.is_whitespace())
                .any(|code| code == meta.name || code == meta.group)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Segment {
        Segment::Text(t.to_owned())
    }

    fn field(e: &str) -> Segment {
        Segment::Field(Field::plain(e.to_owned()))
    }

    #[test]
    fn writes_fields_and_doubles_braces() {
        assert_eq!(
            write_literal("'", &[text("a {b} "), field("x")], false).as_deref(),
            Some("f'a {{b}} {x}'")
        );
    }

    #[test]
    fn without_fields_writes_a_plain_string() {
        assert_eq!(
            write_literal("\"", &[text("100% {x}")], false).as_deref(),
            Some("\"100% {x}\"")
        );
    }

    #[test]
    fn inner_quotes_are_swapped_before_3_12() {
        assert_eq!(
            write_literal("'", &[field("d['k']")], false).as_deref(),
            Some("f'{d[\"k\"]}'")
        );
        // A triple-quoted inner literal keeps its quotes: the outer ones switch.
        assert_eq!(
            write_literal("'", &[field("d['''k''']")], false).as_deref(),
            Some("f\"{d['''k''']}\"")
        );
        // A quote inside an inner literal of the other kind cannot move.
        assert_eq!(write_literal("'", &[field("d['\"']")], false), None);
        assert_eq!(
            write_literal("'", &[text("\""), field("d['\"']")], true).as_deref(),
            Some("f'\"{d['\"']}'")
        );
    }

    #[test]
    fn backslashes_need_3_12() {
        assert_eq!(write_literal("'", &[field("'\\n'.join(x)")], false), None);
        assert_eq!(
            write_literal("'", &[field("'\\n'.join(x)")], true).as_deref(),
            Some("f'{'\\n'.join(x)}'")
        );
    }

    #[test]
    fn string_constants_are_inlined() {
        assert_eq!(
            write_literal(
                "'",
                &[text("a "), field("'b{'"), text(" "), field("x")],
                false
            )
            .as_deref(),
            Some("f'a b{{ {x}'")
        );
        assert_eq!(
            write_literal("'", &[field("'b'")], false).as_deref(),
            Some("'b'")
        );
    }

    #[test]
    fn joins_lines_inside_brackets() {
        assert_eq!(
            join_lines("foo(\n    a,\n    b\n)").as_deref(),
            Some("foo(a, b)")
        );
        assert_eq!(join_lines("foo('''a\nb''')"), None);
    }

    #[test]
    fn lexes_strings_with_escapes() {
        let tokens = string_tokens(r#"a['x\'y'] + "z""#).unwrap();
        assert_eq!(tokens.len(), 2);
        assert!(string_tokens("'open").is_none());
    }
}
