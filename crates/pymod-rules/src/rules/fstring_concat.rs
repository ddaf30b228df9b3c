use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::fstring::{
    contains_await, first_quote, is_percent_formatting, method_on_literal, propose_literal,
    push_operand, skip_requested, Segment,
};
use crate::helpers::literals::binary_operands;
use crate::rules::fstring_join::{is_static_join, FstringJoin};

declare_rule! {
    /// Rewrites string concatenation with `+` as one f-string.
    ///
    /// ## What it does
    /// Turns `"Hello, " + name + "!"` into `f"Hello, {name}!"`: the
    /// literals of a chain of `+` become the text of an f-string and the
    /// other operands its replacement fields. `str(x)` becomes `{x!s}` and
    /// `repr(x)` `{x!r}`; an f-string operand in the same quotes is merged.
    /// A chain of literals only becomes one literal.
    ///
    /// Off unless selected: `--select fstring-concat` (it is its own
    /// group, as flynt's `--transform-concats` is its own option).
    ///
    /// ## Why is this bad?
    /// An f-string shows the whole text at once, and builds it without the
    /// intermediate strings.
    ///
    /// ## Example
    /// ```python
    /// "Dear " + str(user) + ", you have " + count_text + " new messages"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// f"Dear {user!s}, you have {count_text} new messages"
    /// ```
    ///
    /// (An unsafe fix unless `count_text` is known to be a `str`: see below.)
    ///
    /// ## Minimum version
    /// Python 3.6 (3.7 when an operand contains `await`). Before 3.12 a
    /// replacement field may not contain a backslash, a `#`, or the quote
    /// of its string (the quotes of string literals inside are swapped when
    /// that is enough).
    ///
    /// ## When it refuses
    /// When no operand is a string literal, when a literal is bytes, raw,
    /// triple-quoted, a template string, or in other quotes and holds this
    /// string's quote, when an f-string operand is in other quotes, when an
    /// operand is itself `%` or `.format()` formatting of a literal (the
    /// `fstring` rules convert it first, then this rule merges the result;
    /// the same for a `str.join` that `fstring-join` converts when it runs),
    /// when the chain contains a comment or a string spanning lines, when
    /// the result would make a line longer than `--fstring-line-length`,
    /// and inside another f-string's replacement field.
    ///
    /// A comment after it on its last line can ask to leave it alone, as
    /// flynt reads them (`# noqa: flynt`, `# flynt: skip`), or as a
    /// `# noqa:` naming this rule or its group. A bare `# noqa` does not.
    ///
    /// ## Fix safety
    /// Safe when every operand is a literal, an f-string, `str(...)`,
    /// `repr(...)` or otherwise known to be a `str`. With any other operand
    /// the fix is unsafe: `"a" + x` raises `TypeError` when `x` is not a
    /// string, and a `str` subclass may define `__radd__`, while the
    /// f-string formats any value.
    pub struct FstringConcat {
        name: "fstring-concat",
        group: "fstring-concat",
        min_version: PyVersion::py3(6),
        kinds: ["binary_operator"],
        prefilter: [],
        quick_check: string_next_to_plus,
        default_enabled: false,
    }
}

/// Whether some `+` has a quote right before it or (after a string
/// prefix) right after it.
fn string_next_to_plus(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_space = |b: &&u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\\' | b'(');
    let mut from = 0;
    while let Some(offset) = bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == b'+'))
    {
        let at = from + offset;
        let before = bytes[..at].iter().rev().find(|b| !is_space(b));
        let after = bytes[at + 1..]
            .iter()
            .skip_while(is_space)
            .find(|b| !b.is_ascii_alphabetic());
        if matches!(before, Some(b'\'' | b'"')) || matches!(after, Some(b'\'' | b'"')) {
            return true;
        }
        from = at + 1;
    }
    false
}

fn is_plus(node: Node<'_>) -> bool {
    binary_operands(node, "+").is_some()
}

fn is_string_literal(node: Node<'_>) -> bool {
    crate::helpers::format_spec::string_literal_parts(node).is_some()
}

/// Whether `node` is a `+` chain this rule would merge: one with a string
/// literal operand.
pub(crate) fn concatenates_strings(node: Node<'_>) -> bool {
    is_plus(node)
        && chain_operands(node).is_some_and(|ops| ops.iter().any(|&o| is_string_literal(o)))
}

/// Whether `node` formats a string literal with `%` or `.format()`.
pub(crate) fn is_formatting(node: Node<'_>, src: &str) -> bool {
    match node.kind_name() {
        "binary_operator" => is_percent_formatting(node),
        "call" => method_on_literal(node, "format", src).is_some(),
        _ => false,
    }
}

/// The operands of the `+` chain `root`, in order, including those of a
/// parenthesized chain that starts with a string literal (`"a" + ("b" + x)`
/// concatenates strings all the way).
fn chain_operands(root: Node<'_>) -> Option<Vec<Node<'_>>> {
    let mut operands = Vec::new();
    let mut pending = vec![root];
    while let Some(node) = pending.pop() {
        if let Some((left, right)) = binary_operands(node, "+") {
            pending.push(right);
            pending.push(left);
            continue;
        }
        if node.kind_name() == "parenthesized_expression" && node.named_child_count() == 1 {
            if let Some(inner) = node.named_child(0).filter(|&n| is_plus(n)) {
                if leftmost_operand(inner).is_some_and(is_string_literal) {
                    pending.push(inner);
                    continue;
                }
            }
        }
        operands.push(node);
    }
    Some(operands)
}

fn leftmost_operand(chain: Node<'_>) -> Option<Node<'_>> {
    let mut current = chain;
    while let Some((left, _)) = binary_operands(current, "+") {
        current = left;
    }
    Some(current)
}

impl Rule for FstringConcat {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if !is_plus(node) {
            return;
        }
        // Only the whole chain: `a + b + c` is `(a + b) + c`.
        if node
            .parent()
            .is_some_and(|p| is_plus(p) && p.field("left") == Some(node))
        {
            return;
        }
        let Some(operands) = chain_operands(node) else {
            return;
        };
        // The other rules convert formatting first; this rule then merges
        // their f-strings.
        let join_first = cx.is_rule_enabled(FstringJoin::META.name);
        if !operands.iter().any(|&o| is_string_literal(o))
            || operands
                .iter()
                .any(|&o| is_formatting(o, cx.src) || (join_first && is_static_join(o, cx.src)))
        {
            return;
        }
        if cx.has_comment(node) || cx.in_fstring_field(node) || skip_requested(node, cx) {
            return;
        }
        if !cx.targets_at_least(7) && contains_await(node) {
            return;
        }
        let Some(quote) = first_quote(&operands, cx) else {
            return;
        };
        let mut segments: Vec<Segment> = Vec::new();
        let mut exact = true;
        for &operand in &operands {
            let Some(operand_exact) = push_operand(&mut segments, operand, quote, cx) else {
                return;
            };
            exact &= operand_exact;
        }
        propose_literal(cx, node, quote, &segments, exact);
    }
}
