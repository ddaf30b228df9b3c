use pymod_engine::{declare_rule, Checker, PyVersion, Rule, Safety};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{argument_list, arguments};
use crate::helpers::format_spec::{literal_value, parse_brace_format, BraceField, BracePart};
use crate::helpers::fstring::{
    contains_await, is_pure, method_on_literal, propose_template, render_expression,
    skip_requested, write_literal, Field, Segment,
};
use crate::helpers::literals::{simple_str_value, unparenthesized};
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Rewrites `str.format` calls on a string literal as f-strings.
    ///
    /// ## What it does
    /// Turns `"{} of {total:>{width}}".format(n, total=t, width=w)` into
    /// `f"{n} of {t:>{w}}"`. Positional, numbered and keyword fields,
    /// attribute and index lookups (`{0.name}`, `{row[key]}`, `{0[1]}`),
    /// conversions and format specs with nested fields are all written out
    /// in place. A string literal argument used without a conversion or
    /// spec is written into the text (`"{}: {}".format(k, 'it"s')` is
    /// `f"{k}: it\"s"`). A template made of several literals in
    /// parentheses becomes one f-string per literal, so the layout is kept.
    ///
    /// This goes further than pyupgrade's `format-to-fstring`, which
    /// refuses indexes, nested fields, repeated arguments and templates
    /// spanning lines.
    ///
    /// ## Why is this bad?
    /// An f-string shows each value where it is printed and is shorter and
    /// faster than the method call.
    ///
    /// ## Example
    /// ```python
    /// "{0.name}: {0.size:>{1}}".format(entry, width)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// f"{entry.name}: {entry.size:>{width}}"
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.6 (3.7 when an argument contains `await`). Before 3.12 a
    /// replacement field may not contain a backslash, a `#`, or the quote
    /// of its string: the rule swaps the quotes of string literals inside
    /// the field, or of the f-string itself, and refuses when neither
    /// works.
    ///
    /// ## When it refuses
    /// When the template is not made of plain string literals (bytes, raw,
    /// f-strings, an escape sequence that spells a brace), when the call
    /// has `*args` or a `**mapping` other than a dict literal with string
    /// keys, when a field names an argument the call does not pass, mixes
    /// automatic and manual numbering, or uses a conversion other than
    /// `!r`, `!s` and `!a`, when an argument with side effects (anything
    /// but a name, an attribute of one, or a literal) would be evaluated
    /// twice, out of order, or dropped because no field uses it, when the
    /// call contains a comment or a string inside an argument spans lines,
    /// when an index key holds a quote, backslash or brace, when the result
    /// would make a line longer than `--fstring-line-length` (default 88; 0
    /// means no limit), and inside another f-string's replacement field.
    ///
    /// A comment after it on its last line can ask to leave it alone, as
    /// flynt reads them (`# noqa: flynt`, `# flynt: skip`), or as a
    /// `# noqa:` naming this rule or its group. A bare `# noqa` does not.
    ///
    /// ## Fix safety
    /// Safe: the f-string formats the same values with the same specs, in
    /// the same order. Arguments no field uses are dropped only when they
    /// are names, attributes or literals, whose evaluation does nothing
    /// (short of a `NameError`).
    pub struct FstringFormat {
        name: "fstring-format",
        group: "fstring",
        min_version: PyVersion::py3(6),
        kinds: ["call"],
        prefilter: ["format("],
        default_enabled: false,
        // An f-string is something to merge for these, and to encode for
        // `default-encoding`; a parenthesized template left as a call's only
        // argument doubles the call's parentheses.
        feeds: ["fstring-concat", "fstring-join", "default-encoding", "extra-parens"],
    }
}

impl Rule for FstringFormat {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some((object, literals)), Some(list)) = (
            method_on_literal(node, "format", cx.src),
            argument_list(node),
        ) else {
            return;
        };
        if cx.has_comment(node) || cx.in_fstring_field(node) || skip_requested(node, cx) {
            return;
        }
        if !cx.targets_at_least(7) && contains_await(node) {
            return;
        }
        let Some(args) = CallArguments::of(list, cx) else {
            return;
        };
        let mut resolver = Resolver {
            args: &args,
            auto_index: 0,
            numbering: Numbering::Unknown,
            uses: vec![0; args.all.len()],
            order: Vec::new(),
        };
        let pep701 = cx.targets_at_least(12);
        let mut written = Vec::with_capacity(literals.len());
        for &literal in &literals {
            let Some(parts) = StringParts::of(literal, cx.src) else {
                return;
            };
            if parts.is_bytes() || parts.is_raw() || parts.is_fstring() || parts.is_tstring() {
                return;
            }
            if literal_value(&parts).is_none() {
                return;
            }
            let Some(template) = parse_brace_format(parts.body) else {
                return;
            };
            let Some(segments) = segments(&template, &mut resolver, cx) else {
                return;
            };
            let Some(text) = write_literal(parts.quote, &segments, pep701) else {
                return;
            };
            written.push((literal, text));
        }
        if !resolver.evaluation_is_kept() {
            return;
        }
        propose_template(cx, node, object.end_byte(), &written, Safety::Safe);
    }
}

/// The arguments of the `.format(...)` call.
struct CallArguments<'t> {
    /// Every argument value, in the order Python evaluates them.
    all: Vec<Node<'t>>,
    /// Indexes into `all` of the positional arguments.
    positional: Vec<usize>,
    /// Keyword names with their index into `all`.
    keywords: Vec<(String, usize)>,
}

impl<'t> CallArguments<'t> {
    /// `None` with `*args` or a `**mapping` that is not a dict literal of
    /// string keys.
    fn of(list: Node<'t>, cx: &Checker<'_>) -> Option<CallArguments<'t>> {
        let mut args = CallArguments {
            all: Vec::new(),
            positional: Vec::new(),
            keywords: Vec::new(),
        };
        for argument in arguments(list) {
            match argument.kind_name() {
                "list_splat" | "parenthesized_list_splat" => return None,
                "keyword_argument" => {
                    let name = cx.text(argument.field("name")?).to_owned();
                    args.keyword(name, argument.field("value")?)?;
                }
                "dictionary_splat" => {
                    let dict = argument.named_child(0)?;
                    if dict.kind_name() != "dictionary" {
                        return None;
                    }
                    let mut cursor = dict.walk();
                    for pair in dict.named_children(&mut cursor) {
                        if pair.kind_name() != "pair" {
                            return None;
                        }
                        let key = simple_str_value(pair.field("key")?, cx.src)?;
                        if !is_identifier(&key) {
                            return None;
                        }
                        args.keyword(key, pair.field("value")?)?;
                    }
                }
                _ => {
                    args.positional.push(args.all.len());
                    args.all.push(argument);
                }
            }
        }
        Some(args)
    }

    fn keyword(&mut self, name: String, value: Node<'t>) -> Option<()> {
        if self.keywords.iter().any(|(k, _)| *k == name) {
            return None;
        }
        self.keywords.push((name, self.all.len()));
        self.all.push(value);
        Some(())
    }
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[derive(PartialEq, Eq)]
enum Numbering {
    Unknown,
    Automatic,
    Manual,
}

/// Maps field names to arguments and keeps track of what is used when.
struct Resolver<'a, 't> {
    args: &'a CallArguments<'t>,
    auto_index: usize,
    numbering: Numbering,
    /// How often each argument is used.
    uses: Vec<usize>,
    /// The arguments in the order the f-string evaluates them.
    order: Vec<usize>,
}

impl<'t> Resolver<'_, 't> {
    /// The argument a field's first name part (`""`, `0`, `name`) refers to.
    fn argument(&mut self, key: &str) -> Option<(usize, Node<'t>)> {
        let index = if key.is_empty() {
            if self.numbering == Numbering::Manual {
                return None;
            }
            self.numbering = Numbering::Automatic;
            self.auto_index += 1;
            *self.args.positional.get(self.auto_index - 1)?
        } else if key.bytes().all(|b| b.is_ascii_digit()) {
            if self.numbering == Numbering::Automatic {
                return None;
            }
            self.numbering = Numbering::Manual;
            let position: usize = key.parse().ok()?;
            *self.args.positional.get(position)?
        } else {
            self.args
                .keywords
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, index)| *index)?
        };
        self.uses[index] += 1;
        self.order.push(index);
        Some((index, *self.args.all.get(index)?))
    }

    /// Whether the f-string evaluates the arguments with side effects once
    /// each, in call order, and drops none of them.
    fn evaluation_is_kept(&self) -> bool {
        let impure = |index: usize| self.args.all.get(index).is_none_or(|n| !is_pure(*n));
        let unused_effects = self
            .uses
            .iter()
            .enumerate()
            .any(|(index, &count)| count == 0 && impure(index));
        let repeated_effects = self
            .uses
            .iter()
            .enumerate()
            .any(|(index, &count)| count > 1 && impure(index));
        let mut last = None;
        let reordered = self.order.iter().filter(|&&i| impure(i)).any(|&index| {
            let out_of_order = last.is_some_and(|l| l > index);
            last = Some(index);
            out_of_order
        });
        !(unused_effects || repeated_effects || reordered)
    }
}

/// The segments of one literal of the template.
fn segments(
    template: &[BracePart],
    resolver: &mut Resolver<'_, '_>,
    cx: &Checker<'_>,
) -> Option<Vec<Segment>> {
    let mut segments = Vec::new();
    for part in template {
        if !part.literal.is_empty() {
            segments.push(Segment::Text(part.literal.clone()));
        }
        let Some(field) = &part.field else {
            continue;
        };
        if field
            .conversion
            .is_some_and(|c| !matches!(c, 'r' | 's' | 'a'))
        {
            return None;
        }
        let expression = field_expression(&field.name, resolver, cx)?;
        let spec = spec_segments(field, resolver, cx)?;
        segments.push(Segment::Field(Field {
            expression,
            conversion: field.conversion,
            spec,
        }));
    }
    Some(segments)
}

/// A format spec with its nested fields (`>{width}`).
fn spec_segments(
    field: &BraceField,
    resolver: &mut Resolver<'_, '_>,
    cx: &Checker<'_>,
) -> Option<Vec<Segment>> {
    if field.spec.is_empty() {
        return Some(Vec::new());
    }
    if !field.spec.contains(['{', '}']) {
        return Some(vec![Segment::Text(field.spec.clone())]);
    }
    let mut segments = Vec::new();
    for part in parse_brace_format(&field.spec)? {
        if part.literal.contains(['{', '}']) {
            return None;
        }
        if !part.literal.is_empty() {
            segments.push(Segment::Text(part.literal));
        }
        let Some(nested) = part.field else {
            continue;
        };
        if nested.conversion.is_some() || !nested.spec.is_empty() {
            return None;
        }
        let expression = field_expression(&nested.name, resolver, cx)?;
        segments.push(Segment::Field(Field::plain(expression)));
    }
    Some(segments)
}

/// The expression for a field name such as `0`, `name.attr` or `row[key]`.
fn field_expression(
    name: &str,
    resolver: &mut Resolver<'_, '_>,
    cx: &Checker<'_>,
) -> Option<String> {
    let key_end = name.find(['.', '[']).unwrap_or(name.len());
    let (key, mut accessors) = name.split_at(key_end);
    let (_, argument) = resolver.argument(key)?;
    let mut expression = render_expression(argument, cx)?;
    if accessors.is_empty() {
        return Some(expression);
    }
    if !matches!(
        unparenthesized(argument).kind_name(),
        "identifier"
            | "attribute"
            | "call"
            | "subscript"
            | "parenthesized_expression"
            | "string"
            | "concatenated_string"
            | "list"
            | "dictionary"
            | "tuple"
            | "float"
            | "true"
            | "false"
            | "none"
    ) {
        expression = format!("({expression})");
    }
    while !accessors.is_empty() {
        if let Some(rest) = accessors.strip_prefix('.') {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let attribute = rest.get(..end)?;
            if !is_identifier(attribute) {
                return None;
            }
            expression.push('.');
            expression.push_str(attribute);
            accessors = rest.get(end..)?;
        } else if let Some(rest) = accessors.strip_prefix('[') {
            let close = rest.find(']')?;
            let index = rest.get(..close)?;
            if index.is_empty() {
                return None;
            }
            if index.bytes().all(|b| b.is_ascii_digit()) {
                let number: u64 = index.parse().ok()?;
                expression.push_str(&format!("[{number}]"));
            } else {
                if index
                    .chars()
                    .any(|c| matches!(c, '\'' | '"' | '\\' | '{' | '}' | '#') || c.is_control())
                {
                    return None;
                }
                expression.push_str(&format!("['{index}']"));
            }
            accessors = rest.get(close + 1..)?;
        } else {
            return None;
        }
    }
    Some(expression)
}
