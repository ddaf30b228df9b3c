use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::{
    calls_bare_name, remove_brace, sole_positional_argument, tokenize, unparenthesize, untokenize,
    victims, Tok, TokKind,
};

declare_rule! {
    /// Turns `dict(...)` of a comprehension over pairs into a dict comprehension.
    ///
    /// ## What it does
    /// Rewrites `dict((k, v) for k, v in items)` and
    /// `dict([(k, v) for k, v in items])` as `{k: v for k, v in items}`.
    ///
    /// ## Why is this bad?
    /// Dict comprehensions say directly what the call spells out through
    /// intermediate tuples, and skip building them.
    ///
    /// ## Example
    /// ```python
    /// index = dict((name, i) for i, name in enumerate(names))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// index = {name: i for i, name in enumerate(names)}
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the call has keywords or other arguments, when the element is
    /// not a two-item tuple or list, when there is whitespace between `dict`
    /// and `(`, or when the call is directly the expression of an f-string
    /// replacement field.
    ///
    /// ## Fix safety
    /// Safe, unless the name `dict` is rebound (the rule, like pyupgrade,
    /// goes by the name).
    pub struct DictLiteral {
        name: "dict-literal",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["dict("],
        // The comprehension it writes may only copy its iterable.
        feeds: ["comprehension-splat"],
    }
}

impl Rule for DictLiteral {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if !calls_bare_name(node, "dict", cx.src) {
            return;
        }
        let Some(arg) = sole_positional_argument(node) else {
            return;
        };
        if !matches!(
            arg.kind_name(),
            "list_comprehension" | "generator_expression"
        ) {
            return;
        }
        let Some(element) = arg.field("body").map(unparenthesize) else {
            return;
        };
        if !is_pair(element) {
            return;
        }
        let Some(mut toks) = tokenize(node, cx.src) else {
            return;
        };
        if dict_comprehension(&mut toks, arg.start_byte(), element.start_byte()).is_some() {
            cx.replace(node, untokenize(&toks));
        }
    }
}

/// A tuple or list of exactly two plain (not starred) items.
fn is_pair(element: Node<'_>) -> bool {
    if !matches!(element.kind_name(), "tuple" | "list") {
        return false;
    }
    let mut cursor = element.walk();
    let items: Vec<Node<'_>> = element
        .named_children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"))
        .collect();
    items.len() == 2 && items.iter().all(|i| i.kind_name() != "list_splat")
}

fn dict_comprehension(toks: &mut Vec<Tok>, arg_start: usize, element_start: usize) -> Option<()> {
    if !(toks.first()?.text == "dict" && toks.get(1)?.is_op("(")) {
        return None;
    }
    let mut call = victims(toks, 1, arg_start, true)?;
    let element = victims(toks, call.arg_index, element_start, true)?;
    let colon = element.first_comma?;
    call.starts.remove(0);
    let last = call.ends.pop()?;
    toks.get_mut(last)?.text = "}".to_owned();
    for &index in call.ends.iter().rev() {
        remove_brace(toks, index);
    }
    let element_end = *element.ends.last()?;
    if toks.get(element_end + 1).is_some_and(|t| t.is_name("for")) {
        toks.insert(
            element_end + 1,
            Tok {
                kind: TokKind::Ws,
                text: " ".to_owned(),
                start: usize::MAX,
            },
        );
    }
    for &index in element.ends.iter().rev() {
        remove_brace(toks, index);
    }
    toks.get_mut(colon)?.text = ":".to_owned();
    let mut removed = call.starts;
    removed.extend(element.starts);
    for &index in removed.iter().rev() {
        remove_brace(toks, index);
    }
    toks.splice(0..2, [Tok::op("{")]);
    Some(())
}
