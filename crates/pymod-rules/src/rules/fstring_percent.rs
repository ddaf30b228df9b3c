use pymod_engine::{declare_rule, Checker, PyVersion, Rule, Safety, Settings};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::format_spec::{
    literal_value, parse_percent_format, spec_flags, string_literal_parts, PercentSpec,
};
use crate::helpers::fstring::{
    builtin_available, builtin_call_argument, contains_await, is_pure, known_type,
    propose_template, render_expression, skip_requested, write_literal, Field, KnownType, Segment,
};
use crate::helpers::literals::{binary_operands, simple_str_value, unparenthesized};
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Rewrites printf-style `%` formatting of a string literal as an f-string.
    ///
    /// ## What it does
    /// Turns `"%s has %5.2f" % (name, total)` into
    /// `f"{name!s} has {total:5.2f}"`: every conversion specifier becomes a
    /// replacement field holding the value it formats, with the same
    /// flags, width, precision and type (that `%5.2f` is an unsafe fix
    /// unless `total` is known to be a number, see below). Single values,
    /// tuples, dict literals (`"%(name)s" % {"name": x}`) and mapping
    /// variables (`"%(name)s" % row` becomes `f"{row['name']!s}"`) are
    /// handled, and so
    /// is a template made of several literals in parentheses, each of which
    /// becomes its own f-string so the layout is kept.
    ///
    /// ## Why is this bad?
    /// An f-string shows each value where it is printed, is shorter and
    /// faster, and cannot get the number of values wrong.
    ///
    /// ## Example
    /// ```python
    /// "%s: %d items, %.1f%%" % (name, len(items), float(share))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// f"{name!s}: {len(items)} items, {float(share):.1f}%"
    /// ```
    ///
    /// ## How each specifier is written
    /// - `%s` becomes `{x!s}`: `%` calls `str()`, while a plain `{x}`
    ///   calls `format()`, which differs for objects whose `__format__`
    ///   is not their `__str__` (enums mixed with `int` before 3.12, for
    ///   instance). The `!s` is left out when the value is known to be a
    ///   `str`, `int` or `float` literal or a builtin call returning one;
    ///   `str(x)` becomes `{x!s}` and `repr(x)` `{x!r}`. A string literal
    ///   value is written into the text, a backslash before each quote of
    ///   the template's kind.
    /// - `%r` and `%a` become `!r` and `!a`. With a width, strings are
    ///   right-aligned as `%` does (`%5s` is `{x!s:>5}`, `%-5s` is
    ///   `{x!s:5}`).
    /// - `%d`, `%i` and `%u` format through `int()`, which truncates a
    ///   float, while an f-string's `d` rejects floats. So they are
    ///   converted as a safe fix only when the value is known to be an
    ///   `int` (an integer literal, `len()`, `int()`, `ord()`): `{n}`, or
    ///   `{n:05d}` with flags or width. Otherwise the unsafe fix writes
    ///   `{int(x)}`, which gives the same text for every number but raises
    ///   a different error for other values.
    /// - `%x`, `%X`, `%o`, `%e`, `%E`, `%f`, `%F`, `%g` and `%G` keep their
    ///   flags, width and precision (`-` becomes `<`): `{x:5.2f}`. `%` formats
    ///   `int(x)` or `float(x)` where the f-string asks the value's own
    ///   `__format__`, which differs for a `Decimal` (it rounds its exact
    ///   value: `2.675` gives `2.68`, not `2.67`) or an enum mixed with `int`
    ///   (which rejects the format before Python 3.12). So the fix is safe
    ///   only for values known to be numbers (number literals, `len()`,
    ///   `int()`, `float()`, ...) and unsafe otherwise.
    /// - `%%` becomes `%`, and literal braces are doubled.
    ///
    /// `--keep-percent-format` turns this rule off too, so `--fstrings
    /// --keep-percent-format` converts `.format()` calls and leaves `%`
    /// formatting (of log messages, say) alone.
    ///
    /// ## Minimum version
    /// Python 3.6. Before 3.12 a replacement field may not contain a
    /// backslash, a `#`, or the quote of its string: the rule then swaps the
    /// quotes of string literals inside the field, or of the f-string
    /// itself, and refuses when neither works. From 3.12 on anything goes.
    ///
    /// ## When it refuses
    /// When the template is not made of plain string literals (bytes, raw,
    /// f-strings, an escape sequence that spells `%` or a brace), when a
    /// specifier uses `*` for its width or precision, is `%c`, has a
    /// precision with an integer type, or flags other than `-` with `%s`,
    /// `%r` or `%a`, when the number of values does not match, when the
    /// template mixes `%(name)s` and `%s`, when a dict literal has a
    /// non-literal or repeated key, `**` or a key the template does not
    /// use whose value is not a plain name or literal, when a value with
    /// side effects would be evaluated twice or out of order, when the
    /// expression contains a comment, when a string inside a value spans
    /// lines, when the result would make a line longer than
    /// `--fstring-line-length` (default 88; 0 means no limit), and inside
    /// another f-string's replacement field. `"%s" % x` where `x` could be
    /// a tuple at run time formats the tuple's items, not the tuple: that
    /// conversion is an unsafe fix.
    ///
    /// A comment after it on its last line can ask to leave it alone, as
    /// flynt reads them (`# noqa: flynt`, `# flynt: skip`), or as a
    /// `# noqa:` naming this rule or its group. A bare `# noqa` does not.
    ///
    /// ## Fix safety
    /// Safe, except for the cases named above: a single value that could be
    /// a tuple, `%d` on a value that could be a float, and the numeric types
    /// on a value not known to be a number. They are converted only with
    /// `--unsafe-fixes` (as flynt converts them). pyupgrade's own `%` to
    /// `.format()` rewrite (`percent-format`, in the default set) counts the
    /// numeric types as safe, as pyupgrade does.
    pub struct FstringPercent {
        name: "fstring-percent",
        group: "fstring",
        min_version: PyVersion::py3(6),
        kinds: ["binary_operator"],
        prefilter: [],
        quick_check: string_then_percent,
        default_enabled: false,
        // An f-string is something to merge for these, and to encode for
        // `default-encoding`; a parenthesized template left as a call's only
        // argument doubles the call's parentheses.
        feeds: ["fstring-concat", "fstring-join", "default-encoding", "extra-parens"],
    }
}

/// Whether some `%` follows a string literal's closing quote or a closing
/// parenthesis (possibly on the next line): a cheap over-approximation of
/// "a string literal is formatted with `%`".
fn string_then_percent(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == b'%'))
    {
        let at = from + offset;
        let before = bytes[..at]
            .iter()
            .rev()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\\'));
        if matches!(before, Some(b'\'' | b'"' | b')')) {
            return true;
        }
        from = at + 1;
    }
    false
}

impl Rule for FstringPercent {
    fn enabled(&self, settings: &Settings) -> bool {
        !settings.keep_percent_format
    }

    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some((left, right)) = binary_operands(node, "%") else {
            return;
        };
        let Some(literals) = string_literal_parts(left) else {
            return;
        };
        if cx.has_comment(node) || cx.in_fstring_field(node) || skip_requested(node, cx) {
            return;
        }
        if !cx.targets_at_least(7) && contains_await(node) {
            return;
        }
        let Some(templates) = templates(&literals, cx) else {
            return;
        };
        let specs: Vec<PercentSpec<'_>> = templates
            .iter()
            .flat_map(|t| t.pieces.iter().filter_map(|(_, spec)| *spec))
            .filter(|spec| spec.conversion != '%')
            .collect();
        let Some(values) = values_for(&specs, right, cx) else {
            return;
        };
        let mut safety = values.safety;
        let pep701 = cx.targets_at_least(12);
        let mut written = Vec::with_capacity(templates.len());
        let mut next_value = values.fields.into_iter();
        for template in &templates {
            let mut segments = Vec::new();
            for (text, spec) in &template.pieces {
                push_text(&mut segments, text);
                let Some(spec) = spec else {
                    continue;
                };
                if spec.conversion == '%' {
                    if spec.key.is_some()
                        || spec.flags.is_some()
                        || spec.width.is_some()
                        || spec.precision.is_some()
                    {
                        return;
                    }
                    push_text(&mut segments, "%");
                    continue;
                }
                let Some(value) = next_value.next() else {
                    return;
                };
                let Some((field, field_safety)) = percent_field(spec, value, cx) else {
                    return;
                };
                if field_safety == Safety::Unsafe {
                    safety = Safety::Unsafe;
                }
                segments.push(field);
            }
            let Some(literal) = write_literal(template.parts.quote, &segments, pep701) else {
                return;
            };
            written.push((template.node, literal));
        }
        propose_template(cx, node, left.end_byte(), &written, safety);
    }
}

fn push_text(segments: &mut Vec<Segment>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Segment::Text(previous)) = segments.last_mut() {
        previous.push_str(text);
    } else {
        segments.push(Segment::Text(text.to_owned()));
    }
}

/// `%x` and `%f` format `int(x)` and `float(x)`, while the f-string asks
/// the value's own `__format__`: the same only for values known to be
/// `int` (or `float` for the float types). `Decimal` rounds differently and
/// an `int`-based enum does not know the format at all.
fn numeric_safety(known: KnownType, float_type: bool) -> Safety {
    match known {
        KnownType::Int => Safety::Safe,
        KnownType::Float if float_type => Safety::Safe,
        _ => Safety::Unsafe,
    }
}

/// One literal of the template, split into text and specifiers as spelled.
struct Template<'t, 's> {
    node: Node<'t>,
    parts: StringParts<'s>,
    pieces: Vec<(&'s str, Option<PercentSpec<'s>>)>,
}

fn templates<'t, 's>(literals: &[Node<'t>], cx: &Checker<'s>) -> Option<Vec<Template<'t, 's>>> {
    let mut templates = Vec::with_capacity(literals.len());
    for &literal in literals {
        let parts = StringParts::of(literal, cx.src)?;
        if parts.is_bytes() || parts.is_raw() || parts.is_fstring() || parts.is_tstring() {
            return None;
        }
        // The specifiers are read from the spelling: no escape may spell a
        // `%` or a brace.
        literal_value(&parts)?;
        let pieces = parse_percent_format(parts.body)?;
        templates.push(Template {
            node: literal,
            parts,
            pieces,
        });
    }
    Some(templates)
}

/// The values the specifiers format, in order.
struct Values<'t> {
    fields: Vec<Value<'t>>,
    safety: Safety,
}

/// What one specifier formats: a node of the source, or a key looked up
/// in a mapping expression.
#[derive(Clone, Copy)]
enum Value<'t> {
    Node(Node<'t>),
    Key(Node<'t>, &'t str),
}

fn values_for<'t>(
    specs: &[PercentSpec<'t>],
    right: Node<'t>,
    cx: &Checker<'_>,
) -> Option<Values<'t>> {
    if specs.is_empty() {
        return None;
    }
    let keyed = specs.iter().filter(|s| s.key.is_some()).count();
    if keyed == specs.len() {
        return keyed_values(specs, right, cx);
    }
    if keyed != 0 {
        return None;
    }
    let inner = unparenthesized(right);
    if inner.kind_name() == "tuple" {
        let elements = named_children(inner);
        if elements.len() != specs.len()
            || elements
                .iter()
                .any(|e| matches!(e.kind_name(), "list_splat" | "parenthesized_list_splat"))
        {
            return None;
        }
        return Some(Values {
            fields: elements.into_iter().map(Value::Node).collect(),
            safety: Safety::Safe,
        });
    }
    if specs.len() != 1 || inner.kind_name() == "dictionary" {
        return None;
    }
    let safety = if known_type(inner, cx) == KnownType::Unknown {
        Safety::Unsafe
    } else {
        Safety::Safe
    };
    Some(Values {
        fields: vec![Value::Node(inner)],
        safety,
    })
}

/// Values for `%(name)s` specifiers: from a dict literal, or looked up in
/// a mapping expression.
fn keyed_values<'t>(
    specs: &[PercentSpec<'t>],
    right: Node<'t>,
    cx: &Checker<'_>,
) -> Option<Values<'t>> {
    let inner = unparenthesized(right);
    if inner.kind_name() != "dictionary" {
        if !matches!(
            inner.kind_name(),
            "identifier" | "attribute" | "call" | "subscript"
        ) {
            return None;
        }
        if specs.len() > 1 && !is_pure(inner) {
            return None;
        }
        let fields = specs
            .iter()
            .map(|s| s.key.map(|key| Value::Key(inner, key)))
            .collect::<Option<Vec<_>>>()?;
        return Some(Values {
            fields,
            safety: Safety::Safe,
        });
    }
    let mut entries: Vec<(String, Node<'t>)> = Vec::new();
    for pair in named_children(inner) {
        if pair.kind_name() != "pair" {
            return None;
        }
        let key = simple_str_value(pair.field("key")?, cx.src)?;
        if entries.iter().any(|(k, _)| *k == key) {
            return None;
        }
        entries.push((key, pair.field("value")?));
    }
    let mut uses = vec![0usize; entries.len()];
    let mut fields = Vec::with_capacity(specs.len());
    let mut last_impure: Option<usize> = None;
    for spec in specs {
        let key = spec.key?;
        let index = entries.iter().position(|(k, _)| k == key)?;
        let value = entries.get(index)?.1;
        uses[index] += 1;
        if !is_pure(value) {
            if uses[index] > 1 || last_impure.is_some_and(|last| last > index) {
                return None;
            }
            last_impure = Some(index);
        }
        fields.push(Value::Node(value));
    }
    let unused_effects = entries
        .iter()
        .zip(&uses)
        .any(|((_, value), &count)| count == 0 && !is_pure(*value));
    if unused_effects {
        return None;
    }
    Some(Values {
        fields,
        safety: Safety::Safe,
    })
}

fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| !matches!(n.kind_name(), "comment" | "line_continuation"))
        .collect()
}

/// The expression a value is written as, its known type, and, for
/// `str(x)` / `repr(x)`, the conversion and inner expression.
struct Rendered {
    expression: String,
    known: KnownType,
    builtin_conversion: Option<(char, String)>,
}

fn render_value(value: Value<'_>, cx: &Checker<'_>) -> Option<Rendered> {
    match value {
        Value::Node(node) => {
            let builtin_conversion =
                [("str", 's'), ("repr", 'r')]
                    .into_iter()
                    .find_map(|(name, conversion)| {
                        let inner = builtin_call_argument(node, name, cx)?;
                        Some((conversion, render_expression(inner, cx)?))
                    });
            Some(Rendered {
                expression: render_expression(node, cx)?,
                known: known_type(node, cx),
                builtin_conversion,
            })
        }
        Value::Key(mapping, key) => {
            if key.is_empty()
                || key
                    .chars()
                    .any(|c| matches!(c, '\'' | '"' | '\\' | '{' | '}' | '#') || c.is_control())
            {
                return None;
            }
            let mut expression = render_expression(mapping, cx)?;
            if !matches!(
                mapping.kind_name(),
                "identifier" | "attribute" | "call" | "subscript"
            ) {
                expression = format!("({expression})");
            }
            Some(Rendered {
                expression: format!("{expression}['{key}']"),
                known: KnownType::Unknown,
                builtin_conversion: None,
            })
        }
    }
}

/// The replacement field for one specifier, and whether it is exact.
fn percent_field(
    spec: &PercentSpec<'_>,
    value: Value<'_>,
    cx: &Checker<'_>,
) -> Option<(Segment, Safety)> {
    if spec.width == Some("*") || spec.precision == Some(".*") || spec.key == Some("") {
        return None;
    }
    let rendered = render_value(value, cx)?;
    let flags = spec.flags.unwrap_or("");
    let width = spec.width.unwrap_or("");
    let precision = spec.precision.unwrap_or("");
    let field = match spec.conversion {
        conversion @ ('s' | 'r' | 'a') => {
            if flags.chars().any(|c| c != '-') {
                return None;
            }
            let plain = width.is_empty() && precision.is_empty();
            let (expression, conversion) = match (conversion, &rendered.builtin_conversion) {
                ('s', Some((inner_conversion, inner))) => (inner.clone(), Some(*inner_conversion)),
                ('s', None) if plain && rendered.known.formats_like_str() => {
                    (rendered.expression, None)
                }
                ('s', None) if rendered.known == KnownType::Str => (rendered.expression, None),
                (c, _) => (rendered.expression, Some(c)),
            };
            let align = if flags.contains('-') || width.is_empty() {
                ""
            } else {
                ">"
            };
            Field::with_spec(expression, conversion, format!("{align}{width}{precision}"))
        }
        'd' | 'i' | 'u' => {
            if !precision.is_empty() {
                return None;
            }
            let spec_text = if flags.is_empty() && width.is_empty() {
                String::new()
            } else {
                format!("{}{width}d", spec_flags(flags))
            };
            if rendered.known == KnownType::Int {
                return Some((
                    Segment::Field(Field::with_spec(rendered.expression, None, spec_text)),
                    Safety::Safe,
                ));
            }
            if !builtin_available("int", cx) {
                return None;
            }
            let expression = format!("int({})", rendered.expression);
            return Some((
                Segment::Field(Field::with_spec(expression, None, spec_text)),
                Safety::Unsafe,
            ));
        }
        conversion @ ('x' | 'X' | 'o') => {
            if !precision.is_empty() {
                return None;
            }
            let spec_text = format!("{}{width}{conversion}", spec_flags(flags));
            let safety = numeric_safety(rendered.known, false);
            return Some((
                Segment::Field(Field::with_spec(rendered.expression, None, spec_text)),
                safety,
            ));
        }
        conversion @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G') => {
            let spec_text = format!("{}{width}{precision}{conversion}", spec_flags(flags));
            let safety = numeric_safety(rendered.known, true);
            return Some((
                Segment::Field(Field::with_spec(rendered.expression, None, spec_text)),
                safety,
            ));
        }
        _ => return None,
    };
    Some((Segment::Field(field), Safety::Safe))
}
