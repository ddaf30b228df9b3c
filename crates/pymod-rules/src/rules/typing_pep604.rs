use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::typing::{
    in_annotation, is_name_attr, is_str_literal, subscript_value, token_leaves, Subscript,
};

declare_rule! {
    /// Rewrites `Optional[X]` and `Union[X, Y]` annotations with the `|` operator.
    ///
    /// ## What it does
    /// In annotations, rewrites `Optional[X]` as `X | None` and
    /// `Union[X, Y]` as `X | Y` (from `typing`, by name or as `typing.Union`).
    ///
    /// ## Why is this bad?
    /// Since Python 3.10 (PEP 604) union types are written with `|`, which
    /// reads better and needs no import.
    ///
    /// ## Example
    /// ```python
    /// from typing import Optional, Union
    /// def f(x: Optional[int], y: Union[int, str]) -> None: ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from typing import Optional, Union
    /// def f(x: int | None, y: int | str) -> None: ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.10; older targets too when the module has
    /// `from __future__ import annotations` (unless `--keep-runtime-typing`).
    ///
    /// ## When it refuses
    /// Outside annotations; when a member is a quoted forward reference and
    /// annotations are evaluated (`"X" | None` would fail at run time); for
    /// an empty `Union[()]`, a slice, or `Optional[X,]` (a tuple, which
    /// `Optional` rejects).
    ///
    /// ## Fix safety
    /// Safe.
    pub struct TypingPep604 {
        name: "typing-pep604",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["subscript", "generic_type"],
        prefilter: ["Optional", "Union"],
    }
}

impl Rule for TypingPep604 {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(value) = subscript_value(node) else {
            return;
        };
        let is_optional = is_name_attr(cx, value, &["typing"], &["Optional"]);
        if !is_optional && !is_name_attr(cx, value, &["typing"], &["Union"]) {
            return;
        }
        let Some(subscript) = Subscript::of(node) else {
            return;
        };
        let future_annotations = cx.imports.has_future("annotations");
        let version_ok =
            cx.targets_at_least(10) || (!cx.settings.keep_runtime_typing && future_annotations);
        if !version_ok || !in_annotation(node) || cx.in_fstring_field(node) {
            return;
        }
        if !future_annotations && any_member_is_str(&subscript, cx.src) {
            return;
        }
        // `Optional[X,]` subscripts with a tuple, which `Optional` rejects.
        if is_optional && subscript.trailing_comma {
            return;
        }
        let edits = if is_optional {
            fix_optional(&subscript)
        } else {
            if subscript.is_slice() {
                return;
            }
            let member_count = match subscript.tuple_elements() {
                Some(elements) if elements.is_empty() => return,
                Some(elements) => elements.len(),
                None => 1,
            };
            match fix_union(&subscript, member_count) {
                Some(edits) => edits,
                None => return,
            }
        };
        cx.fix(edits);
    }
}

fn any_member_is_str(subscript: &Subscript<'_>, src: &str) -> bool {
    match subscript.tuple_elements() {
        Some(elements) => elements.iter().any(|e| is_str_literal(*e, src)),
        None => subscript.single().is_some_and(|e| is_str_literal(e, src)),
    }
}

fn same_line(a: Node<'_>, b: Node<'_>) -> bool {
    a.start_position().row == b.start_position().row
}

fn fix_optional(subscript: &Subscript<'_>) -> Vec<Edit> {
    let start = subscript.node.start_byte();
    if same_line(subscript.open, subscript.close) {
        vec![
            Edit::delete(start..subscript.open.end_byte()),
            Edit::replace(subscript.close.byte_range(), " | None"),
        ]
    } else {
        vec![
            Edit::replace(start..subscript.open.end_byte(), "None | ("),
            Edit::replace(subscript.close.byte_range(), ")"),
        ]
    }
}

/// Mirrors pyupgrade's token walk: the commas at the shallowest depth
/// become ` |`, parentheses wrapping every member are dropped, and a
/// trailing comma goes away.
fn fix_union(subscript: &Subscript<'_>, member_count: usize) -> Option<Vec<Edit>> {
    let leaves = token_leaves(subscript.node);
    let open_at = leaves.iter().position(|l| l.id() == subscript.open.id())?;
    let mut depth = 1usize;
    let mut coding_depth: Option<usize> = None;
    let mut open_parens: Vec<(usize, Node<'_>)> = Vec::new();
    let mut parens_done: Vec<(usize, Node<'_>, Node<'_>)> = Vec::new();
    let mut commas: Vec<(usize, Node<'_>)> = Vec::new();
    let mut index = open_at + 1;
    while depth > 0 {
        let leaf = *leaves.get(index)?;
        let kind = leaf.kind_name();
        if kind != "comment" && kind != "(" && coding_depth.is_none() {
            coding_depth = Some(if kind == ")" { depth - 1 } else { depth });
        }
        match kind {
            "(" | "[" | "{" => {
                if kind == "(" {
                    open_parens.push((depth, leaf));
                }
                depth += 1;
            }
            ")" | "]" | "}" => {
                if kind == ")" {
                    let (paren_depth, open) = open_parens.pop()?;
                    parens_done.push((paren_depth, open, leaf));
                }
                depth -= 1;
            }
            "," => commas.push((depth, leaf)),
            _ => {}
        }
        index += 1;
    }
    let close = *leaves.get(index - 1)?;
    if close.id() != subscript.close.id() || !open_parens.is_empty() {
        return None;
    }
    let coding_depth = coding_depth?;
    let comma_depth = commas.iter().map(|(d, _)| *d).min().unwrap_or(usize::MAX);
    let min_depth = comma_depth.min(coding_depth);
    let mut to_delete: Vec<Node<'_>> = parens_done
        .iter()
        .filter(|(d, _, _)| *d < min_depth)
        .flat_map(|(_, open, close)| [*open, *close])
        .collect();
    let mut bars: Vec<Node<'_>> = Vec::new();
    if comma_depth <= coding_depth {
        bars = commas
            .iter()
            .filter(|(d, _)| *d == comma_depth)
            .map(|(_, c)| *c)
            .collect();
        if bars.len() == member_count {
            to_delete.extend(bars.pop());
        }
    }
    let start = subscript.node.start_byte();
    let mut edits: Vec<Edit> = Vec::new();
    if same_line(subscript.open, close) {
        edits.push(Edit::delete(start..subscript.open.end_byte()));
        edits.push(Edit::delete(close.byte_range()));
    } else {
        edits.push(Edit::replace(start..subscript.open.end_byte(), "("));
        edits.push(Edit::replace(close.byte_range(), ")"));
    }
    edits.extend(bars.iter().map(|c| Edit::replace(c.byte_range(), " |")));
    edits.extend(to_delete.iter().map(|p| Edit::delete(p.byte_range())));
    Some(edits)
}
