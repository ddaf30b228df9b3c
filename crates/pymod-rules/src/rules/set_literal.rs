use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::{
    calls_bare_name, closing_bracket, remove_brace, sole_positional_argument, tokenize, untokenize,
    victims, Tok,
};

declare_rule! {
    /// Turns `set(...)` of a literal sequence or a comprehension into a set display.
    ///
    /// ## What it does
    /// Rewrites `set([1, 2])` and `set((1, 2))` as `{1, 2}`,
    /// `set(x for x in y)` and `set([x for x in y])` as `{x for x in y}`, and
    /// `set(())` / `set([])` as `set()`.
    ///
    /// ## Why is this bad?
    /// Building a list or tuple only to hand it to `set` costs an extra
    /// object and reads worse than the set display that says the same.
    ///
    /// ## Example
    /// ```python
    /// primes = set([2, 3, 5])
    /// squares = set(n * n for n in primes)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// primes = {2, 3, 5}
    /// squares = {n * n for n in primes}
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the call has keywords, several or starred arguments, when there
    /// is whitespace between `set` and `(`, or when the call is directly the
    /// expression of an f-string replacement field (`{` would read as a
    /// doubled brace).
    ///
    /// ## Fix safety
    /// Safe, unless the name `set` is rebound (the rule, like pyupgrade,
    /// goes by the name).
    pub struct SetLiteral {
        name: "set-literal",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["set(", "set (", "set\t("],
        // The comprehension it writes may only copy its iterable.
        feeds: ["comprehension-splat"],
    }
}

impl Rule for SetLiteral {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if !calls_bare_name(node, "set", cx.src) {
            return;
        }
        let Some(arg) = sole_positional_argument(node) else {
            return;
        };
        let empty = match arg.kind_name() {
            "list" | "tuple" => !has_elements(arg),
            "list_comprehension" | "generator_expression" => false,
            _ => return,
        };
        let Some(mut toks) = tokenize(node, cx.src) else {
            return;
        };
        let rewritten = if empty {
            empty_set(&mut toks)
        } else {
            set_display(
                &mut toks,
                arg.start_byte(),
                arg.kind_name() == "generator_expression",
            )
        };
        if rewritten.is_some() {
            cx.replace(node, untokenize(&toks));
        }
    }
}

fn has_elements(sequence: Node<'_>) -> bool {
    let mut cursor = sequence.walk();
    let found = sequence
        .named_children(&mut cursor)
        .any(|c| !matches!(c.kind_name(), "comment" | "line_continuation"));
    found
}

fn empty_set(toks: &mut Vec<Tok>) -> Option<()> {
    let open = toks.iter().position(|t| t.is_op("("))?;
    let close = closing_bracket(toks, open)?;
    toks.drain(open + 1..close);
    Some(())
}

fn set_display(toks: &mut Vec<Tok>, arg_start: usize, generator: bool) -> Option<()> {
    if !(toks.first()?.text == "set" && toks.get(1)?.is_op("(")) {
        return None;
    }
    let mut found = victims(toks, 1, arg_start, generator)?;
    found.starts.remove(0);
    let last = found.ends.pop()?;
    toks.get_mut(last)?.text = "}".to_owned();
    let mut removed: Vec<usize> = found.starts;
    removed.extend(found.ends);
    for &index in removed.iter().rev() {
        remove_brace(toks, index);
    }
    toks.splice(0..2, [Tok::op("{")]);
    Some(())
}
