use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{argument_list, arguments};
use crate::helpers::fstring::{
    contains_await, literal_segments, method_on_literal, propose_literal, push_operand,
    skip_requested, Segment,
};
use crate::helpers::strings::StringParts;
use crate::rules::fstring_concat::{concatenates_strings, is_formatting, FstringConcat};

declare_rule! {
    /// Rewrites `str.join` of a literal list or tuple as one f-string.
    ///
    /// ## What it does
    /// Turns `", ".join([first, "and", last])` into
    /// `f"{first}, and, {last}"`: the separator goes between the items,
    /// string literal items become text and the others replacement
    /// fields (`str(x)` becomes `{x!s}`, `repr(x)` `{x!r}`).
    ///
    /// Off unless selected: `--select fstring-join` (it is its own group,
    /// as flynt's `--transform-joins` is its own option).
    ///
    /// ## Why is this bad?
    /// When the items are known, the f-string shows the result directly and
    /// does not build a list to throw away.
    ///
    /// ## Example
    /// ```python
    /// "/".join([base, "static", name])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// f"{base}/static/{name}"
    /// ```
    ///
    /// (An unsafe fix unless `base` and `name` are known to be `str`s: see
    /// below.)
    ///
    /// ## Minimum version
    /// Python 3.6 (3.7 when an item contains `await`). Before 3.12 a
    /// replacement field may not contain a backslash, a `#`, or the quote
    /// of its string (the quotes of string literals inside are swapped when
    /// that is enough).
    ///
    /// ## When it refuses
    /// When the separator is not a single plain string literal (bytes, raw,
    /// triple-quoted, f-string), when the argument is not one list or tuple
    /// display (a set's order is not the written one; a generator or a name
    /// may hold anything), when it is empty or has `*items`, when an item
    /// literal is bytes, raw, triple-quoted, or in other quotes and holds
    /// this string's quote, when the call contains a comment or a string
    /// spanning lines, when the result would make a line longer than
    /// `--fstring-line-length`, and inside another f-string's replacement
    /// field. An item that formats a string literal (`%`, `.format()`), or
    /// concatenates one when `fstring-concat` runs too, waits for those
    /// rules: the next pass merges their f-strings (`", ".join(["{}".format(a),
    /// "b" + c])` becomes `f"{a}, b{c}"`, not fields holding the calls).
    ///
    /// A comment after it on its last line can ask to leave it alone, as
    /// flynt reads them (`# noqa: flynt`, `# flynt: skip`), or as a
    /// `# noqa:` naming this rule or its group. A bare `# noqa` does not.
    ///
    /// ## Fix safety
    /// Safe when every item is a literal, an f-string, `str(...)`,
    /// `repr(...)` or otherwise known to be a `str`. With any other item the
    /// fix is unsafe: `join` raises `TypeError` for an item that is not a
    /// string, while the f-string formats any value.
    pub struct FstringJoin {
        name: "fstring-join",
        group: "fstring-join",
        min_version: PyVersion::py3(6),
        kinds: ["call"],
        prefilter: ["join("],
        default_enabled: false,
    }
}

/// Whether `node` is `"sep".join([...])` or `"sep".join((...))` on a string
/// literal: the calls this rule looks at.
pub fn is_static_join(node: Node<'_>, src: &str) -> bool {
    if node.kind_name() != "call" {
        return false;
    }
    let items = argument_list(node).map(arguments);
    method_on_literal(node, "join", src).is_some()
        && matches!(items.as_deref(), Some([only]) if matches!(only.kind_name(), "list" | "tuple"))
}

impl Rule for FstringJoin {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some((separator, literals)), Some(list)) =
            (method_on_literal(node, "join", cx.src), argument_list(node))
        else {
            return;
        };
        let [separator_literal] = literals[..] else {
            return;
        };
        let Some(parts) = StringParts::of(separator_literal, cx.src) else {
            return;
        };
        if parts.is_fstring() {
            return;
        }
        let [items] = arguments(list)[..] else {
            return;
        };
        if !matches!(items.kind_name(), "list" | "tuple") {
            return;
        }
        let mut cursor = items.walk();
        let elements: Vec<Node<'_>> = items.named_children(&mut cursor).collect();
        if elements.is_empty()
            || elements.iter().any(|e| {
                matches!(
                    e.kind_name(),
                    "list_splat" | "parenthesized_list_splat" | "comment"
                )
            })
        {
            return;
        }
        // Items that other rules turn into f-strings are converted first,
        // and merged by the next pass, as flynt does.
        let concat_first = cx.is_rule_enabled(FstringConcat::META.name);
        if elements
            .iter()
            .any(|&e| is_formatting(e, cx.src) || (concat_first && concatenates_strings(e)))
        {
            return;
        }
        if cx.has_comment(node) || cx.in_fstring_field(node) || skip_requested(node, cx) {
            return;
        }
        if !cx.targets_at_least(7) && contains_await(node) {
            return;
        }
        let quote = parts.quote;
        let Some(separator_segments) = literal_segments(separator, quote, cx) else {
            return;
        };
        let mut segments: Vec<Segment> = Vec::new();
        let mut exact = true;
        for (index, &element) in elements.iter().enumerate() {
            if index > 0 {
                segments.extend(separator_segments.iter().cloned());
            }
            let Some(element_exact) = push_operand(&mut segments, element, quote, cx) else {
                return;
            };
            exact &= element_exact;
        }
        propose_literal(cx, node, quote, &segments, exact);
    }
}
