use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{argument_list, arguments};

declare_rule! {
    /// Replaces `itertools.chain` over a single iterable with `iter()`.
    ///
    /// ## What it does
    /// Rewrites `itertools.chain(x)` (or `chain(x)` after `from itertools
    /// import chain`) as `iter(x)`: chaining one iterable just iterates it.
    ///
    /// ## Why is this bad?
    /// With Python 3.15's unpacking in comprehensions (PEP 798) the
    /// `itertools.chain` idioms have plain spellings; for a single iterable
    /// that spelling is the builtin `iter`, which needs no import.
    ///
    /// ## Example
    /// ```python
    /// items = itertools.chain(pages)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// items = iter(pages)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.15 (as pyupgrade's `--py315-plus`).
    ///
    /// ## When it refuses
    /// pyupgrade also turns `itertools.chain(a, b)`, `itertools.chain(*x)`
    /// and `itertools.chain.from_iterable(x)` into PEP 798 generators such
    /// as `(*it for it in x)`; neither of pymod's parsers can read that
    /// syntax yet, so pymod cannot validate it and leaves those calls
    /// alone. It also refuses keyword arguments, `*args`, a comment before
    /// or inside the argument, and any file that binds the name `iter`
    /// (pyupgrade would then call the local `iter`). A comment after the
    /// argument is dropped with the call, as pyupgrade drops it.
    ///
    /// ## Fix safety
    /// Safe: both iterate the argument's items once, lazily.
    pub struct ItertoolsChain {
        name: "itertools-chain",
        group: "pyupgrade",
        min_version: PyVersion::py3(15),
        kinds: ["call"],
        prefilter: ["chain"],
    }
}

impl Rule for ItertoolsChain {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if !cx.refers_to(function, "itertools.chain") {
            return;
        }
        let argument = match node.field("arguments") {
            Some(generator) if generator.kind_name() == "generator_expression" => generator,
            _ => {
                let Some(list) = argument_list(node) else {
                    return;
                };
                let [only] = arguments(list)[..] else {
                    return;
                };
                if matches!(
                    only.kind_name(),
                    "keyword_argument"
                        | "list_splat"
                        | "dictionary_splat"
                        | "parenthesized_list_splat"
                ) {
                    return;
                }
                only
            }
        };
        // A comment after the argument goes with the call, as pyupgrade
        // drops it; one before or inside the argument would end up inside
        // `iter(...)` out of place, so the call is left alone.
        if cx.has_comment_in(node.start_byte()..argument.end_byte())
            || cx.in_fstring_field(node)
            || cx.imports.is_bound_anywhere("iter")
        {
            return;
        }
        let text = cx.text(argument);
        // A bare generator argument brings the call's parentheses along.
        let replacement = if argument.kind_name() == "generator_expression"
            && node.field("arguments") == Some(argument)
        {
            format!("iter{text}")
        } else {
            format!("iter({text})")
        };
        cx.replace(node, replacement);
    }
}
