//! Rewriting a whole call from its arguments' source text, the way pyupgrade
//! re-renders `six` calls: each argument stripped of surrounding blanks, plus
//! the `rest` of the arguments after the first one, verbatim.

use pymod_syntax::NodeExt;
use std::ops::Range;

use pymod_engine::Checker;
use tree_sitter::Node;

/// The arguments of a call as source slices.
pub struct CallArgs<'a> {
    /// Each argument's text with surrounding whitespace stripped (the first
    /// one possibly parenthesised, see [`call_args`]); `None` when the text
    /// still holds a comment, which would swallow code placed after it.
    pub args: Vec<Option<String>>,
    /// Everything after the first argument's comma (leading blanks and a
    /// comment skipped), up to the closing parenthesis, without a comma
    /// directly before it.
    pub rest: &'a str,
}

/// Whether an argument is an expression that must be parenthesised before
/// a method call or subscript can follow it.
pub fn needs_parens(node: Node<'_>) -> bool {
    matches!(
        node.kind_name(),
        "await"
            | "binary_operator"
            | "boolean_operator"
            | "comparison_operator"
            | "not_operator"
            | "unary_operator"
            | "generator_expression"
            | "conditional_expression"
            | "lambda"
            | "named_expression"
    )
}

/// The byte ranges between the parentheses and top-level commas of
/// `arguments` (an `argument_list`, or the parentheses of a generator
/// passed as sole argument). A trailing empty slot is dropped.
pub fn raw_argument_ranges(arguments: Node<'_>) -> Option<Vec<Range<usize>>> {
    if arguments.kind_name() == "generator_expression" {
        let inner = arguments.start_byte() + 1..arguments.end_byte().checked_sub(1)?;
        return Some(vec![inner]);
    }
    if arguments.kind_name() != "argument_list" {
        return None;
    }
    let mut ranges = Vec::new();
    let mut slot_start = None;
    let mut slot_has_code = false;
    let mut cursor = arguments.walk();
    for child in arguments.children(&mut cursor) {
        match child.kind_name() {
            "(" if slot_start.is_none() => slot_start = Some(child.end_byte()),
            "," | ")" => {
                let start = slot_start?;
                if child.kind_name() == "," || slot_has_code {
                    ranges.push(start..child.start_byte());
                }
                slot_start = Some(child.end_byte());
                slot_has_code = false;
            }
            "comment" => {}
            _ => slot_has_code = true,
        }
    }
    Some(ranges)
}

fn strip_python(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\n', '\r', '\x0c', '\x0b'])
}

/// Whether the first argument's slot spans several lines once its leading
/// blank lines are skipped (newlines inside strings do not count).
fn spans_lines(cx: &Checker<'_>, arguments: Node<'_>, range: &Range<usize>) -> bool {
    let text = cx.slice(range.clone());
    let skipped = text.len()
        - text
            .trim_start_matches([' ', '\t', '\n', '\r', '\x0c'])
            .len();
    let start = range.start + skipped;
    cx.slice(start..range.end)
        .match_indices('\n')
        .any(|(i, _)| !inside_string(arguments, start + i))
}

fn inside_string(root: Node<'_>, offset: usize) -> bool {
    let mut node = root.descendant_for_byte_range(offset, offset + 1);
    while let Some(current) = node {
        if matches!(current.kind_name(), "string" | "string_content") {
            return true;
        }
        if current.id() == root.id() {
            return false;
        }
        node = current.parent();
    }
    false
}

/// The arguments of a call for re-rendering. The first argument is wrapped
/// in parentheses when `paren_first` is set, or (keeping its original
/// layout) when it spans lines.
pub fn call_args<'a>(
    cx: &Checker<'a>,
    arguments: Node<'_>,
    paren_first: bool,
) -> Option<CallArgs<'a>> {
    let ranges = raw_argument_ranges(arguments)?;
    let mut args = Vec::with_capacity(ranges.len());
    for (index, range) in ranges.iter().enumerate() {
        let stripped = strip_python(cx.slice(range.clone()));
        if index == 0 && !paren_first && spans_lines(cx, arguments, range) {
            args.push(Some(format!("({})", cx.slice(range.clone()))));
            continue;
        }
        if cx.has_comment_in(range.start..range.end) {
            let start = range.start + cx.slice(range.clone()).find(stripped).unwrap_or(0);
            if cx.has_comment_in(start..start + stripped.len()) {
                args.push(None);
                continue;
            }
        }
        if index == 0 && paren_first {
            args.push(Some(format!("({stripped})")));
        } else {
            args.push(Some(stripped.to_owned()));
        }
    }
    let close = arguments.end_byte().checked_sub(1)?;
    let rest = match ranges.first() {
        Some(first) if ranges.len() > 1 || first.end < close => {
            let bytes = cx.src.as_bytes();
            let mut start = first.end + 1;
            loop {
                match bytes.get(start) {
                    Some(b' ' | b'\t' | b'\x0c') => start += 1,
                    Some(b'#') => {
                        while bytes
                            .get(start)
                            .is_some_and(|b| !matches!(b, b'\n' | b'\r'))
                        {
                            start += 1;
                        }
                    }
                    _ => break,
                }
            }
            let end = if bytes.get(close.wrapping_sub(1)) == Some(&b',') {
                close - 1
            } else {
                close
            };
            if start <= end {
                cx.slice(start..end)
            } else {
                ""
            }
        }
        _ => "",
    };
    Some(CallArgs { args, rest })
}
