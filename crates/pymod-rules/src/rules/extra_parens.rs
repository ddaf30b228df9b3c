use pymod_syntax::NodeExt;
use std::ops::Range;

use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use tree_sitter::Node;

declare_rule! {
    /// Removes a redundant pair of parentheses directly inside another pair.
    ///
    /// ## What it does
    /// Rewrites `print(("hello"))` as `print("hello")` and `x = ((1))` as
    /// `x = (1)`: a parenthesized expression (or generator expression) that
    /// is the whole content of an enclosing pair of parentheses loses its
    /// own pair.
    ///
    /// ## Why is this bad?
    /// The inner parentheses change nothing and make the reader look twice.
    ///
    /// ## Example
    /// ```python
    /// print(("hello world"))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// print("hello world")
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// Tuples and empty parentheses, anything with a top-level comma inside
    /// (a lambda's parameters, for example) and `yield` expressions, whose
    /// parentheses are needed (`int(((yield)))` keeps one inner pair).
    ///
    /// ## Fix safety
    /// Safe.
    pub struct ExtraParens {
        name: "extra-parens",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["parenthesized_expression", "generator_expression"],
        prefilter: [],
        quick_check: has_doubled_parenthesis,
    }
}

/// Whether an opening parenthesis is followed by another, past what may
/// separate them: blanks, line breaks, comments, continuations.
fn has_doubled_parenthesis(src: &str) -> bool {
    let bytes = src.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == b'('))
    {
        let mut i = from + found + 1;
        loop {
            match bytes.get(i) {
                Some(b' ' | b'\t' | b'\x0c' | b'\r' | b'\n' | b'\\') => i += 1,
                Some(b'#') => {
                    while bytes.get(i).is_some_and(|&b| b != b'\n' && b != b'\r') {
                        i += 1;
                    }
                }
                Some(b'(') => return true,
                _ => break,
            }
        }
        from += found + 1;
    }
    false
}

impl Rule for ExtraParens {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(open), Some(close)) = (
            node.child(0),
            node.child(node.child_count().saturating_sub(1)),
        ) else {
            return;
        };
        if open.kind_name() != "(" || close.kind_name() != ")" || open.id() == close.id() {
            return;
        }
        let (Some(before), Some(after)) = (
            sibling_skipping_comments(node, false),
            sibling_skipping_comments(node, true),
        ) else {
            return;
        };
        if before.kind_name() != "(" || after.kind_name() != ")" {
            return;
        }
        if has_top_level_comma_or_yield(node) || cx.in_fstring_field(node) {
            return;
        }
        cx.fix(vec![
            Edit::delete(brace_removal(open, cx)),
            Edit::delete(brace_removal(close, cx)),
        ]);
    }
}

fn sibling_skipping_comments(node: Node<'_>, forward: bool) -> Option<Node<'_>> {
    let mut current = node;
    loop {
        current = if forward {
            current.next_sibling()?
        } else {
            current.prev_sibling()?
        };
        if current.kind_name() != "comment" {
            return Some(current);
        }
    }
}

/// Whether a `,` or `yield` lies directly inside the parentheses of `node`.
fn has_top_level_comma_or_yield(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    let mut depth = 0usize;
    'walk: loop {
        let current = cursor.node();
        if current.child_count() == 0 {
            match current.kind_name() {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth = depth.saturating_sub(1),
                "," | "yield" if depth == 1 => return true,
                _ => {}
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() || cursor.node().id() == node.id() {
                return false;
            }
        }
    }
}

/// What removing the bracket `brace` deletes: the bracket, or its whole
/// line when it stands alone on an indented line.
fn brace_removal(brace: Node<'_>, cx: &Checker<'_>) -> Range<usize> {
    let start = brace.start_byte();
    let end = brace.end_byte();
    let line_start = cx
        .src
        .get(..start)
        .and_then(|s| s.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1);
    let indent = cx.slice(line_start..start);
    let follows_real_line_break = line_start > 0
        && !cx
            .slice(0..line_start)
            .trim_end_matches(['\n', '\r'])
            .ends_with('\\');
    let line_break = cx.src.get(end..).map_or(0, |rest| {
        if rest.starts_with("\r\n") {
            2
        } else if rest.starts_with(['\n', '\r']) {
            1
        } else {
            0
        }
    });
    let alone = !indent.is_empty()
        && indent.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
        && follows_real_line_break
        && line_break > 0;
    if alone {
        line_start..end + line_break
    } else {
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::has_doubled_parenthesis;

    #[test]
    fn doubled_parentheses_are_found_past_blanks_comments_and_continuations() {
        for src in [
            "f((x))",
            "f( (x))",
            "f(\n    # c )\n    (x))",
            "f(\\\n(x))",
            "x = ((",
        ] {
            assert!(has_doubled_parenthesis(src), "{src:?}");
        }
        for src in [
            "f(x)",
            "f(x, (y))",
            "f(\n    x)\n(y)",
            "",
            "(",
            "f(  # (\n x)",
        ] {
            assert!(!has_doubled_parenthesis(src), "{src:?}");
        }
    }
}
