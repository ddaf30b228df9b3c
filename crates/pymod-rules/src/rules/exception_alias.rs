use std::ops::Range;

use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::six_names::strip_parens;

declare_rule! {
    /// Replaces deprecated aliases of `OSError` and `TimeoutError` in `raise` and `except`.
    ///
    /// ## What it does
    /// In `raise` statements and `except` clauses, rewrites `IOError`,
    /// `EnvironmentError`, `WindowsError`, `os.error`, `mmap.error`,
    /// `select.error` and `socket.error` as `OSError`; on Python 3.10+
    /// `socket.timeout`, and on 3.11+ `asyncio.TimeoutError`, as
    /// `TimeoutError`. The module forms also match a bare name imported with
    /// `from os import error` and the like. In an `except` tuple the
    /// rewritten names are folded so each exception appears once.
    ///
    /// ## Why is this bad?
    /// Since Python 3.3 these names are all the same class as `OSError` (and
    /// the timeout ones as `TimeoutError` since 3.10 / 3.11); the builtin
    /// spelling is clearer.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     read()
    /// except (IOError, socket.error, KeyError):
    ///     raise EnvironmentError("failed")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     read()
    /// except (OSError, KeyError):
    ///     raise OSError("failed")
    /// ```
    ///
    /// ## Minimum version
    /// Python 3; the `TimeoutError` aliases need 3.10 (`socket.timeout`)
    /// or 3.11 (`asyncio.TimeoutError`).
    ///
    /// ## When it refuses
    /// Outside `raise` and `except`, for names imported under another name,
    /// for relative imports, for `except*` clauses, and when an element of an
    /// `except` tuple holds a comment.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct ExceptionAlias {
        name: "exception-alias",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["raise_statement", "except_clause"],
        prefilter: ["Error", "error", "timeout"],
        feeds: [],
    }
}

impl Rule for ExceptionAlias {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if node.kind_name() == "raise_statement" {
            check_raise(node, cx);
        } else {
            check_except(node, cx);
        }
    }
}

fn check_raise(node: Node<'_>, cx: &mut Checker<'_>) {
    let cause = node.field("cause").map(|c| c.id());
    let mut cursor = node.walk();
    let Some(raised) = node
        .named_children(&mut cursor)
        .find(|n| n.kind_name() != "comment" && Some(n.id()) != cause)
    else {
        return;
    };
    let raised = strip_parens(raised);
    if let Some(new) = alias_target(cx, raised) {
        cx.replace(raised, new);
    } else if raised.kind_name() == "call" {
        if let Some(function) = raised.field("function") {
            let function = strip_parens(function);
            if let Some(new) = alias_target(cx, function) {
                cx.replace(function, new);
            }
        }
    }
}

fn check_except(node: Node<'_>, cx: &mut Checker<'_>) {
    let mut cursor = node.walk();
    if node.children(&mut cursor).any(|c| c.kind_name() == "*") {
        return;
    }
    let Some(mut caught) = node.field("value") else {
        return;
    };
    if caught.kind_name() == "as_pattern" {
        match caught.named_child(0) {
            Some(inner) => caught = inner,
            None => return,
        }
    }
    let caught = strip_parens(caught);
    if caught.kind_name() == "tuple" {
        fix_tuple(cx, caught);
    } else if let Some(new) = alias_target(cx, caught) {
        cx.replace(caught, new);
    }
}

/// Rewrites every alias in the tuple and writes it back with duplicates
/// dropped, collapsing to a bare name when one exception remains.
fn fix_tuple(cx: &mut Checker<'_>, tuple: Node<'_>) {
    if !cx.text(tuple).starts_with('(') {
        return;
    }
    let mut cursor = tuple.walk();
    let elements: Vec<Node<'_>> = tuple
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect();
    let mut any_alias = false;
    let mut unique: Vec<&str> = Vec::with_capacity(elements.len());
    for element in &elements {
        if cx.has_comment(*element) {
            return;
        }
        let text = match alias_target(cx, strip_parens(*element)) {
            Some(new) => {
                any_alias = true;
                new
            }
            None => cx.text(*element),
        };
        if !unique.contains(&text) {
            unique.push(text);
        }
    }
    if !any_alias {
        return;
    }
    let replacement = fold_text(cx, tuple.byte_range(), &unique);
    cx.fix(vec![Edit::replace(tuple.byte_range(), replacement)]);
}

/// How a tuple of `unique` element texts is written back: parenthesised and
/// comma-separated, or one bare element (spaced off from the tokens around).
pub(crate) fn fold_text(cx: &Checker<'_>, tuple: Range<usize>, unique: &[&str]) -> String {
    match unique {
        [single] => {
            let bytes = cx.src.as_bytes();
            let before = bytes.get(tuple.start.wrapping_sub(1)).copied();
            let after = bytes.get(tuple.end).copied();
            // The parentheses were all that kept it off the keyword before
            // and the word after: `except(IOError,)as e`.
            let space_before = if matches!(before, Some(b' ' | b'\t' | b'\x0c')) {
                ""
            } else {
                " "
            };
            let space_after =
                if after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80) {
                    " "
                } else {
                    ""
                };
            format!("{space_before}{single}{space_after}")
        }
        _ => format!("({})", unique.join(", ")),
    }
}

/// The builtin that `node` (a name or `module.name`) is an alias of.
fn alias_target(cx: &Checker<'_>, node: Node<'_>) -> Option<&'static str> {
    let (module, name) = match node.kind_name() {
        "identifier" => (None, cx.text(node)),
        "attribute" => {
            let object = node.field("object")?;
            if object.kind_name() != "identifier" {
                return None;
            }
            let attribute = node.field("attribute")?;
            (Some(cx.text(object)), cx.text(attribute))
        }
        _ => return None,
    };
    let from = |m: &str| match module {
        Some(spelled) => spelled == m,
        None => cx.imports.is_from_imported(m, name),
    };
    match name {
        "IOError" | "EnvironmentError" | "WindowsError" if module.is_none() => Some("OSError"),
        "error" if ["mmap", "os", "select", "socket"].into_iter().any(from) => Some("OSError"),
        "timeout" if cx.targets_at_least(10) && from("socket") => Some("TimeoutError"),
        "TimeoutError" if cx.targets_at_least(11) && from("asyncio") => Some("TimeoutError"),
        _ => None,
    }
}
