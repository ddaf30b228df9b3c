use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::{
    tokenize, unparenthesize, unparenthesize_target, untokenize, Tok, TokKind,
};

declare_rule! {
    /// Replaces comprehensions that only copy an iterable with unpacking.
    ///
    /// ## What it does
    /// Rewrites `[x for x in items]` as `[*items]`, `{x for x in items}` as
    /// `{*items}` and `{k: v for k, v in mapping.items()}` as `{**mapping}`.
    /// From Python 3.15 on (unpacking in comprehensions), the last of
    /// several loops can be folded the same way: `[x for row in rows for x
    /// in row]` becomes `[*row for row in rows]`, also in generator
    /// expressions.
    ///
    /// ## Why is this bad?
    /// A comprehension whose element is just its loop variable is a long
    /// way to say "all the items of this iterable"; unpacking says it
    /// directly and runs faster.
    ///
    /// ## Example
    /// ```python
    /// names = [name for name in registry]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// names = [*registry]
    /// ```
    ///
    /// ## Minimum version
    /// Python 3 for single-loop list, set and dict comprehensions; Python
    /// 3.15 for several loops and for generator expressions.
    ///
    /// ## When it refuses
    /// When the last loop has a condition or is `async`, when the element
    /// is not exactly the last loop's variable (for dicts: when the pair is
    /// not `k: v` over `for k, v in <expr>.items()` with an argument-less
    /// `items()`), and for a generator expression with a single loop
    /// (`f(x for x in y)` is not `f(*y)`). With several loops, only list
    /// comprehensions are folded: pymod's parsers cannot read the set, dict
    /// and generator forms of PEP 798 yet, so it could not check the result.
    ///
    /// ## Fix safety
    /// Safe for ordinary iterables and mappings; `{**m}` relies on `m`
    /// having `keys()` rather than `items()`.
    pub struct ComprehensionSplat {
        name: "comprehension-splat",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["list_comprehension", "set_comprehension", "generator_expression", "dictionary_comprehension"],
        prefilter: ["for"],
    }
}

impl Rule for ComprehensionSplat {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let mut cursor = node.walk();
        let mut loops = 0usize;
        let mut last = None;
        for clause in node.named_children(&mut cursor) {
            match clause.kind_name() {
                "for_in_clause" => {
                    loops += 1;
                    last = Some(clause);
                }
                "if_clause" => last = Some(clause),
                _ => {}
            }
        }
        if loops == 0 || (loops > 1 && !cx.targets_at_least(15)) {
            return;
        }
        // Neither tree-sitter-python nor the strict parser reads PEP 798's
        // set, dict and generator forms yet, so such a result could not be
        // validated (the list form they both read).
        if loops > 1 && node.kind_name() != "list_comprehension" {
            return;
        }
        let Some(last) = last else {
            return;
        };
        if last.kind_name() != "for_in_clause"
            || last.child(0).is_some_and(|c| c.kind_name() == "async")
        {
            return;
        }
        let Some(target) = last.field("left").map(unparenthesize_target) else {
            return;
        };
        let dict = node.kind_name() == "dictionary_comprehension";
        if dict {
            if !is_items_pair(node, last, target, cx) {
                return;
            }
        } else {
            if node.kind_name() == "generator_expression" && loops == 1 {
                return;
            }
            let Some(element) = node.field("body").map(unparenthesize) else {
                return;
            };
            if element.kind_name() != "identifier"
                || target.kind_name() != "identifier"
                || cx.text(element) != cx.text(target)
            {
                return;
            }
        }
        let Some(mut toks) = tokenize(node, cx.src) else {
            return;
        };
        if splat(&mut toks, dict).is_some() {
            cx.replace(node, untokenize(&toks));
        }
    }
}

/// `{k: v for ... for k, v in <expr>.items()}`.
fn is_items_pair(node: Node<'_>, last: Node<'_>, target: Node<'_>, cx: &Checker<'_>) -> bool {
    let Some(pair) = node.field("body") else {
        return false;
    };
    let (Some(key), Some(value)) = (
        pair.field("key").map(unparenthesize),
        pair.field("value").map(unparenthesize),
    ) else {
        return false;
    };
    if !matches!(
        target.kind_name(),
        "pattern_list" | "tuple_pattern" | "tuple"
    ) {
        return false;
    }
    let mut cursor = target.walk();
    let names: Vec<Node<'_>> = target
        .named_children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"))
        .map(unparenthesize_target)
        .collect();
    let [first, second] = names.as_slice() else {
        return false;
    };
    let all_names = [key, value, *first, *second]
        .iter()
        .all(|n| n.kind_name() == "identifier");
    if !all_names || cx.text(key) != cx.text(*first) || cx.text(value) != cx.text(*second) {
        return false;
    }
    let Some(iterable) = last.field("right").map(unparenthesize) else {
        return false;
    };
    if iterable.kind_name() != "call" {
        return false;
    }
    let (Some(function), Some(arguments)) = (
        iterable.field("function").map(unparenthesize),
        iterable.field("arguments"),
    ) else {
        return false;
    };
    let mut cursor = arguments.walk();
    let no_arguments = arguments.kind_name() == "argument_list"
        && !arguments
            .named_children(&mut cursor)
            .any(|c| !matches!(c.kind_name(), "comment" | "line_continuation"));
    no_arguments
        && function.kind_name() == "attribute"
        && function
            .field("attribute")
            .is_some_and(|a| cx.text(a) == "items")
}

/// One loop of the comprehension: where its `for` (or `async`) and its
/// `in` are.
struct Loop {
    start: usize,
    in_keyword: usize,
}

fn find_loops(toks: &[Tok]) -> Option<(Vec<Loop>, usize)> {
    if !toks.first()?.is_open() {
        return None;
    }
    let mut loops = Vec::new();
    let mut depth = 1usize;
    let mut async_at = None;
    let mut for_at = None;
    let mut i = 0;
    while depth > 0 {
        i += 1;
        let tok = toks.get(i)?;
        if tok.is_open() {
            depth += 1;
        } else if tok.is_close() {
            depth -= 1;
        } else if depth == 1 {
            if tok.is_name("async") {
                async_at = Some(i);
            } else if tok.is_name("for") {
                for_at = Some(i);
            } else if tok.is_name("in") {
                if let Some(for_index) = for_at {
                    loops.push(Loop {
                        start: async_at.unwrap_or(for_index),
                        in_keyword: i,
                    });
                    async_at = None;
                    for_at = None;
                }
            }
        }
    }
    Some((loops, i))
}

fn back_over_spaces(toks: &[Tok], mut i: usize) -> usize {
    while i > 0 && toks.get(i - 1).is_some_and(|t| t.kind == TokKind::Ws) {
        i -= 1;
    }
    i
}

fn forward_over_spaces(toks: &[Tok], mut i: usize) -> usize {
    while toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Ws) {
        i += 1;
    }
    i
}

fn splat(toks: &mut Vec<Tok>, dict: bool) -> Option<()> {
    let (loops, end) = find_loops(toks)?;
    let last = loops.last()?;
    let first = loops.first()?;
    let mut iter_start = forward_over_spaces(toks, last.in_keyword) + 1;
    let (iter_end, prefix) = if dict {
        // Keep `<expr>` of `<expr>.items()`.
        let mut iter_end = end.checked_sub(1)?;
        let mut depth = 0i32;
        while !toks.get(iter_end)?.is_op(".") {
            let tok = toks.get(iter_end)?;
            if tok.is_open() {
                depth -= 1;
            } else if tok.is_close() {
                depth += 1;
            }
            iter_end = iter_end.checked_sub(1)?;
        }
        while depth > 0 {
            iter_start += 1;
            if toks.get(iter_start)?.is_open() {
                depth -= 1;
            }
        }
        (iter_end, "**")
    } else {
        (end, "*")
    };
    let splatted = format!("{prefix}{}", untokenize(toks.get(iter_start..iter_end)?));
    let delete_from = back_over_spaces(toks, last.start);
    let element_end = back_over_spaces(toks, first.start);
    if delete_from > end || element_end < 1 {
        return None;
    }
    toks.drain(delete_from..end);
    toks.splice(
        1..element_end,
        [Tok {
            kind: TokKind::Name,
            text: splatted,
            start: usize::MAX,
        }],
    );
    Some(())
}
