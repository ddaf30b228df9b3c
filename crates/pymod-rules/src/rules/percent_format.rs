use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule, Settings};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::format_spec::{
    literal_value, parse_percent_format, percent_to_brace_format, PercentSpec,
};
use crate::helpers::literals::binary_operands;
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Rewrites printf-style `%` formatting as a `str.format` call.
    ///
    /// ## What it does
    /// Turns `"%s and %r" % (a, b)` into `"{} and {!r}".format(a, b)` and
    /// `"%(x)s" % {"x": 1}` into `"{x}".format(x=1)`, when the right operand
    /// is a literal tuple or dict written right after ` % `.
    ///
    /// ## Why is this bad?
    /// `%` formatting behaves surprisingly with a single tuple operand and
    /// cannot be extended; `str.format` is the explicit, uniform spelling
    /// (and the step towards f-strings).
    ///
    /// ## Example
    /// ```python
    /// "%s has %.2f" % (name, total)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// "{} has {:.2f}".format(name, total)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3. Turned off by `--keep-percent-format`.
    ///
    /// ## When it refuses
    /// When a specifier has no exact `format` equivalent (`%d`, `%i`, `%u`,
    /// `%c`, `%#o`, `*` widths or precisions, `%()s`, padded `%s`, flagged
    /// `%r`/`%a`/`%%`), when a dict template has unnamed specifiers, when a
    /// dict key is not a plain, unique identifier string written as
    /// `"key": value`, when the operand is not a tuple or dict literal, when
    /// the spacing is not exactly `x % (`, for bytes, implicit concatenation
    /// or a parenthesized template, and when an escape sequence spells `%` or
    /// a brace.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct PercentFormat {
        name: "percent-format",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["binary_operator"],
        prefilter: ["%"],
        // Its `.format()` calls are what these rewrite; a parenthesized
        // value taken out of the tuple doubles the call's parentheses.
        feeds: ["format-to-fstring", "format-locals", "fstring-format", "extra-parens"],
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

impl Rule for PercentFormat {
    fn enabled(&self, settings: &Settings) -> bool {
        !settings.keep_percent_format
    }

    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some((left, right)) = binary_operands(node, "%") else {
            return;
        };
        let is_dict = right.kind_name() == "dictionary";
        let tuple = match right.kind_name() {
            "tuple" => Some(right),
            "parenthesized_expression" => parenthesized_tuple(right),
            _ => None,
        };
        if left.kind_name() != "string" || !(is_dict || tuple.is_some()) {
            return;
        }
        let Some(parts) = StringParts::of(left, cx.src) else {
            return;
        };
        // In a raw string `\N{...}` is text whose braces `.format()` would
        // read as a field.
        if parts.is_bytes()
            || parts.is_fstring()
            || parts.is_tstring()
            || (parts.is_raw() && parts.body.contains("\\N{"))
        {
            return;
        }
        let opener = if is_dict { " % {" } else { " % (" };
        if cx.slice(left.end_byte()..right.start_byte() + 1) != opener {
            return;
        }
        let Some(value) = literal_value(&parts) else {
            return;
        };
        let Some(specs) = parse_percent_format(&value) else {
            return;
        };
        if !specs
            .iter()
            .filter_map(|(_, spec)| spec.as_ref())
            .all(|spec| convertible(spec, is_dict))
        {
            return;
        }
        if let Some(tuple) = tuple {
            // `%` raises when the tuple does not fill every conversion exactly;
            // `.format()` ignores extra values.
            let values = tuple.named_children_vec();
            let conversions = specs
                .iter()
                .filter(|(_, spec)| spec.as_ref().is_some_and(|s| s.conversion != '%'))
                .count();
            if values.len() != conversions || values.iter().any(|v| v.kind_name() == "list_splat") {
                return;
            }
        }
        // The rewrite reads the template as spelled; it must have the same
        // specifiers as its value.
        let source = cx.text(left);
        let Some(source_specs) = parse_percent_format(source) else {
            return;
        };
        if !specs
            .iter()
            .filter_map(|(_, spec)| spec.as_ref())
            .eq(source_specs.iter().filter_map(|(_, spec)| spec.as_ref()))
        {
            return;
        }
        let Some(template) = percent_to_brace_format(source) else {
            return;
        };
        let mut edits = vec![
            Edit::replace(left.byte_range(), template),
            Edit::replace(left.end_byte()..right.start_byte() + 1, ".format("),
        ];
        let more = match tuple {
            Some(tuple) => tuple_edits(right, tuple, cx),
            None => dict_edits(right, cx),
        };
        let Some(more) = more else {
            return;
        };
        edits.extend(more);
        if cx.in_fstring_field(node) {
            return;
        }
        cx.fix(edits);
    }
}

/// Whether `spec` has an exact `str.format` spelling.
fn convertible(spec: &PercentSpec<'_>, is_dict: bool) -> bool {
    let PercentSpec {
        key,
        flags,
        width,
        precision,
        conversion,
    } = *spec;
    if width == Some("*") || precision == Some(".*") {
        return false;
    }
    if matches!(conversion, 'd' | 'i' | 'u' | 'c') {
        return false;
    }
    if conversion == 'o' && flags.is_some_and(|f| f.contains('#')) {
        return false;
    }
    if key == Some("") {
        return false;
    }
    let decorated = flags.is_some() || width.is_some() || precision.is_some();
    if decorated && matches!(conversion, '%' | 'a' | 'r') {
        return false;
    }
    if width.is_some() && conversion == 's' {
        return false;
    }
    !(is_dict && key.is_none())
}

/// Drops a trailing `,` (or `, `) before the tuple's `)`, and any
/// redundant parentheses around the tuple; keeps the outermost parens,
/// which become the call's.
fn tuple_edits(operand: Node<'_>, tuple: Node<'_>, cx: &Checker<'_>) -> Option<Vec<Edit>> {
    let close = tuple.end_byte().checked_sub(1)?;
    if cx.src.as_bytes().get(close) != Some(&b')') {
        return None;
    }
    let before = cx.slice(tuple.start_byte() + 1..close);
    let mut edits = Vec::new();
    if before.ends_with(", ") {
        edits.push(Edit::delete(close - 2..close));
    } else if before.ends_with(',') {
        edits.push(Edit::delete(close - 1..close));
    }
    if operand != tuple {
        let mut inner = tuple;
        while inner != operand {
            // pyupgrade drops a whole line holding just an indented paren;
            // not worth imitating.
            if alone_on_line(inner.start_byte(), cx) || alone_on_line(inner.end_byte() - 1, cx) {
                return None;
            }
            edits.push(Edit::delete(inner.start_byte()..inner.start_byte() + 1));
            edits.push(Edit::delete(inner.end_byte() - 1..inner.end_byte()));
            inner = inner.parent()?;
        }
    }
    Some(edits)
}

/// Whether the byte at `at` is preceded on its line by indentation only
/// (and by some) and followed by the line's end.
fn alone_on_line(at: usize, cx: &Checker<'_>) -> bool {
    let before = cx.slice(0..at);
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let indent = cx.slice(line_start..at);
    line_start > 0
        && !indent.is_empty()
        && indent.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
        && matches!(cx.src.as_bytes().get(at + 1), Some(b'\n' | b'\r'))
}

/// The tuple display inside redundant parentheses (`((a, b))`).
fn parenthesized_tuple(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node;
    loop {
        let mut cursor = current.walk();
        let mut children = current.named_children(&mut cursor);
        let only = children.next()?;
        if children.next().is_some() {
            return None;
        }
        match only.kind_name() {
            "tuple" => return Some(only),
            "parenthesized_expression" => current = only,
            _ => return None,
        }
    }
}

/// Turns `"key": value` pairs into `key=value` and the closing `}` into `)`.
fn dict_edits(dict: Node<'_>, cx: &Checker<'_>) -> Option<Vec<Edit>> {
    let close = dict.end_byte().checked_sub(1)?;
    if cx.src.as_bytes().get(close) != Some(&b'}') {
        return None;
    }
    let mut edits = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut cursor = dict.walk();
    for child in dict.named_children(&mut cursor) {
        match child.kind_name() {
            "comment" => continue,
            "pair" => {}
            _ => return None,
        }
        let (Some(key), Some(value)) = (child.field("key"), child.field("value")) else {
            return None;
        };
        if key.kind_name() != "string" {
            return None;
        }
        let parts = StringParts::of(key, cx.src)?;
        if parts.is_bytes() || parts.is_fstring() || parts.is_tstring() {
            return None;
        }
        let name = literal_value(&parts)?;
        if !is_identifier(&name) || KEYWORDS.contains(&name.as_str()) || seen.contains(&name) {
            return None;
        }
        if cx.slice(key.end_byte()..value.start_byte()) != ": " {
            return None;
        }
        edits.push(Edit::replace(
            key.start_byte()..value.start_byte(),
            format!("{name}="),
        ));
        seen.push(name);
    }
    edits.push(Edit::replace(close..close + 1, ")"));
    Some(edits)
}

/// ASCII identifiers only: others are left alone rather than guessed at.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
