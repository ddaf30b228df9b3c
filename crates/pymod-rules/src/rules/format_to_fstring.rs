use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::format_spec::{
    literal_value, parse_brace_format, unparse_brace_format, BracePart,
};
use crate::helpers::fstring::contains_await;
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Rewrites simple `str.format` calls as f-strings.
    ///
    /// ## What it does
    /// Turns `"{} is {x.y}".format(a, x=b)` into `f"{a} is {b.y}"`: every
    /// field is replaced by the argument it names, written out in place.
    ///
    /// ## Why is this bad?
    /// An f-string puts each value where it is shown, is shorter and is
    /// faster than a method call.
    ///
    /// ## Example
    /// ```python
    /// "{} has {:.2f}".format(name, total)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// f"{name} has {total:.2f}"
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.6 (3.7 when an argument contains `await`).
    ///
    /// ## When it refuses
    /// It is deliberately timid. It refuses when the template is not a
    /// single plain string literal written right before `.format(`
    /// (implicit concatenation, parentheses, bytes), when the call has
    /// `*args` or `**kwargs`, when a field repeats a named argument, indexes
    /// with `[...]`, nests a field in its format spec, has a conversion
    /// other than `!r`, `!s` or `!a`, or names an argument
    /// the call does not pass, mixes `{}` with `{0}` (which raises), has a
    /// spec starting with `=` (which tree-sitter-python cannot read back in
    /// an f-string), when the call does not end on the line the
    /// string starts on, when the arguments contain a backslash, a quote or
    /// a brace (or are a `lambda`), and when an escape sequence spells a
    /// brace or sits in a field name, when the template is raw and holds a
    /// `\N{...}`, when a number literal would take an attribute (`1.real`),
    /// and when the only argument is a bare generator expression.
    ///
    /// It also refuses when the call passes an argument the template does
    /// not use: the f-string would not evaluate it (pyupgrade drops it).
    ///
    /// ## Fix safety
    /// Safe. An attribute field on an operation is written with
    /// parentheses: `"{.x}".format(a + b)` becomes `f"{(a + b).x}"`
    /// (pyupgrade writes `f"{a + b.x}"`).
    pub struct FormatToFstring {
        name: "format-to-fstring",
        group: "pyupgrade",
        min_version: PyVersion::py3(6),
        kinds: ["call"],
        prefilter: [".format("],
        // An f-string is something to merge for these, and to encode for
        // `default-encoding`; a parenthesized template left as a call's only
        // argument doubles the call's parentheses.
        feeds: ["fstring-concat", "fstring-join", "default-encoding", "extra-parens"],
    }
}

impl Rule for FormatToFstring {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(function), Some(arguments)) = (node.field("function"), node.field("arguments"))
        else {
            return;
        };
        if function.kind_name() != "attribute" {
            return;
        }
        let Some(string) = function.field("object") else {
            return;
        };
        if string.kind_name() != "string"
            || cx.slice(string.end_byte()..arguments.start_byte()) != ".format"
        {
            return;
        }
        let Some(parts) = StringParts::of(string, cx.src) else {
            return;
        };
        if parts.is_bytes() || parts.is_fstring() || parts.is_tstring() {
            return;
        }
        let Some(params) = call_params(arguments, cx) else {
            return;
        };
        // In a raw f-string `\N{...}` is no escape: its braces would be a field.
        if parts.is_raw() && parts.body.contains("\\N{") {
            return;
        }
        let Some(value) = literal_value(&parts) else {
            return;
        };
        let Some(template) = parse_brace_format(&value) else {
            return;
        };
        if !fields_are_simple(&template, &params) {
            return;
        }
        if !cx.targets_at_least(7) && contains_await(node) {
            return;
        }
        if arguments.end_position().row != string.start_position().row {
            return;
        }
        if cx.text(arguments).contains(['\\', '"', '\'']) {
            return;
        }
        // The f-string is written from the template as spelled; its fields
        // must be the ones Python sees in the value.
        let prefix = parts.prefix_without_u();
        let source = format!(
            "f{prefix}{}",
            cx.slice(parts.start + parts.prefix.len()..string.end_byte())
        );
        let Some(mut spelled) = parse_brace_format(&source) else {
            return;
        };
        // (A spec may differ by its escapes: the f-string reads them the same.)
        let name_and_conversion =
            |p: &BracePart| p.field.as_ref().map(|f| (f.name.clone(), f.conversion));
        if !spelled
            .iter()
            .filter_map(name_and_conversion)
            .eq(template.iter().filter_map(name_and_conversion))
        {
            return;
        }
        let mut auto_index = 0;
        for field in spelled.iter_mut().filter_map(|p| p.field.as_mut()) {
            let (key, rest) = match field.name.find('.') {
                Some(dot) => field.name.split_at(dot),
                None => (field.name.as_str(), ""),
            };
            let slot = params.slot_of_field(key, &mut auto_index);
            let Some(argument) = slot.and_then(|slot| params.get(slot)) else {
                return;
            };
            let expression = argument.text;
            if expression.contains(['{', '}']) || expression.starts_with("lambda") {
                return;
            }
            // `1.real` would read as the float `1.` followed by a name.
            let decimal_integer = expression.bytes().all(|b| b.is_ascii_digit() || b == b'_');
            if !rest.is_empty() && decimal_integer {
                return;
            }
            field.name = if rest.is_empty() || argument.takes_attribute {
                format!("{expression}{rest}")
            } else {
                format!("({expression}){rest}")
            };
        }
        let Some(text) = unparse_brace_format(&spelled) else {
            return;
        };
        if cx.in_fstring_field(node) {
            return;
        }
        cx.replace(node, text);
    }
}

/// An argument of a `.format(...)` call, as written.
#[derive(Clone, Copy)]
struct Argument<'s> {
    text: &'s str,
    /// Whether `.attr` written after it applies to all of it (`a.b`,
    /// `f(x)`), not to its last operand (`a + b`).
    takes_attribute: bool,
}

/// The arguments of a `.format(...)` call.
struct Params<'s> {
    positional: Vec<Argument<'s>>,
    keywords: Vec<(&'s str, Argument<'s>)>,
}

/// What a field key refers to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot<'s> {
    Positional(usize),
    Keyword(&'s str),
}

impl<'s> Params<'s> {
    /// The slot a field key (`0`, `name`, or empty for the next automatic
    /// index, which `auto_index` counts) refers to, if the call passes it.
    fn slot_of_field(&self, key: &str, auto_index: &mut usize) -> Option<Slot<'s>> {
        let index = if key.is_empty() {
            *auto_index += 1;
            *auto_index - 1
        } else if let Some((name, _)) = self.keywords.iter().find(|(name, _)| *name == key) {
            return Some(Slot::Keyword(name));
        } else if key.bytes().all(|b| b.is_ascii_digit()) && (key == "0" || !key.starts_with('0')) {
            key.parse().ok()?
        } else {
            return None;
        };
        (index < self.positional.len()).then_some(Slot::Positional(index))
    }

    fn get(&self, slot: Slot<'_>) -> Option<Argument<'s>> {
        match slot {
            Slot::Positional(index) => self.positional.get(index).copied(),
            Slot::Keyword(key) => self
                .keywords
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(_, argument)| *argument),
        }
    }

    fn count(&self) -> usize {
        self.positional.len() + self.keywords.len()
    }
}

/// Node kinds after which `.attr` applies to the whole expression.
fn takes_attribute(node: Node<'_>) -> bool {
    matches!(
        node.kind_name(),
        "identifier"
            | "attribute"
            | "call"
            | "subscript"
            | "string"
            | "integer"
            | "float"
            | "true"
            | "false"
            | "none"
            | "list"
            | "dictionary"
            | "set"
            | "tuple"
            | "parenthesized_expression"
            | "list_comprehension"
            | "dictionary_comprehension"
            | "set_comprehension"
            | "generator_expression"
    )
}

/// The call's arguments; `None` when it has `*args`, `**kwargs` or is a
/// bare generator expression.
fn call_params<'s>(arguments: Node<'_>, cx: &Checker<'s>) -> Option<Params<'s>> {
    let mut params = Params {
        positional: Vec::new(),
        keywords: Vec::new(),
    };
    // A bare generator argument would be valid in an f-string, but some
    // parsers reject it there.
    if arguments.kind_name() != "argument_list" {
        return None;
    }
    let mut cursor = arguments.walk();
    for argument in arguments.named_children(&mut cursor) {
        match argument.kind_name() {
            "comment" => {}
            "list_splat" | "dictionary_splat" => return None,
            "keyword_argument" => {
                let name = argument.field("name")?;
                let value = argument.field("value")?;
                params.keywords.push((
                    cx.text(name),
                    Argument {
                        text: cx.text(value),
                        takes_attribute: takes_attribute(value),
                    },
                ));
            }
            _ => params.positional.push(Argument {
                text: cx.text(argument),
                takes_attribute: takes_attribute(argument),
            }),
        }
    }
    Some(params)
}

/// Whether every field of the template can become an f-string expression:
/// no nested fields in specs, no indexing, no argument used twice by name,
/// every referenced argument passed, and every argument passed used (the
/// f-string would not evaluate the others).
fn fields_are_simple(template: &[BracePart], params: &Params<'_>) -> bool {
    let mut used: Vec<Slot<'_>> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut auto_index = 0;
    let mut numbered = false;
    for field in template.iter().filter_map(|p| p.field.as_ref()) {
        if field.spec.contains('{') {
            return false;
        }
        // tree-sitter-python cannot read `{x:=^5}` back.
        if field.conversion.is_none() && field.spec.starts_with('=') {
            return false;
        }
        // `.format` fails at run time on another conversion; an f-string
        // would not even compile.
        if field
            .conversion
            .is_some_and(|c| !matches!(c, 'r' | 's' | 'a'))
        {
            return false;
        }
        let key = field.name.split('.').next().unwrap_or("");
        if !key.is_empty() && seen.contains(&key) {
            return false;
        }
        // Mixing `{}` and `{0}` raises at run time; the f-string would not.
        if key.bytes().all(|b| b.is_ascii_digit()) {
            if key.is_empty() && numbered || !key.is_empty() && auto_index > 0 {
                return false;
            }
            numbered |= !key.is_empty();
        }
        if field.name.contains('[') {
            return false;
        }
        seen.push(key);
        let slot = params.slot_of_field(key, &mut auto_index);
        let Some(slot) = slot else {
            return false;
        };
        if !used.contains(&slot) {
            used.push(slot);
        }
    }
    used.len() == params.count()
}
