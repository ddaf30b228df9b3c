use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::typing::{in_annotation, is_name_attr, subscript_value, Subscript};

declare_rule! {
    /// Drops `None` type arguments of `Generator` and `AsyncGenerator` that are now defaults.
    ///
    /// ## What it does
    /// Rewrites `Generator[Y, None, None]` as `Generator[Y]` and
    /// `AsyncGenerator[Y, None]` as `AsyncGenerator[Y]`.
    ///
    /// ## Why is this bad?
    /// Python 3.13 gave type parameters defaults (PEP 696); the send and
    /// return types of generators default to `None`.
    ///
    /// ## Example
    /// ```python
    /// from collections.abc import Generator
    /// def numbers() -> Generator[int, None, None]: ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from collections.abc import Generator
    /// def numbers() -> Generator[int]: ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.13; older targets too inside annotations of a module with
    /// `from __future__ import annotations` (unless `--keep-runtime-typing`).
    ///
    /// ## When it refuses
    /// When the trailing arguments are not literally `None`, or the name was
    /// imported under an alias or from another module than `typing`,
    /// `typing_extensions` or `collections.abc`; when a comment is in the way.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct TypingPep696TypevarDefaults {
        name: "typing-pep696-typevar-defaults",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["subscript", "generic_type"],
        prefilter: ["Generator"],
    }
}

const MODULES: &[&str] = &["collections.abc", "typing", "typing_extensions"];

impl Rule for TypingPep696TypevarDefaults {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(value) = subscript_value(node) else {
            return;
        };
        let expected_len = if is_name_attr(cx, value, MODULES, &["Generator"]) {
            3
        } else if is_name_attr(cx, value, MODULES, &["AsyncGenerator"]) {
            2
        } else {
            return;
        };
        let Some(subscript) = Subscript::of(node) else {
            return;
        };
        let [first, defaults @ ..] = subscript.items.as_slice() else {
            return;
        };
        if subscript.items.len() != expected_len || defaults.iter().any(|d| d.kind_name() != "none")
        {
            return;
        }
        let should_rewrite = cx.targets_at_least(13)
            || (!cx.settings.keep_runtime_typing
                && cx.imports.has_future("annotations")
                && in_annotation(node));
        if !should_rewrite || cx.in_fstring_field(node) {
            return;
        }
        let Some(last) = defaults.last() else {
            return;
        };
        let after_last = match cx.src.get(last.end_byte()..subscript.close.start_byte()) {
            Some(between) => {
                let trimmed = between.trim_start();
                last.end_byte() + (between.len() - trimmed.len())
            }
            None => return,
        };
        let range = first.end_byte()..after_last;
        if cx.has_comment_in(range.clone()) {
            return;
        }
        // From the comma after the first argument up to the separator after
        // the last one (a trailing comma or the bracket), as pyupgrade does.
        let start = match cx.src.get(first.end_byte()..) {
            Some(rest) => first.end_byte() + (rest.len() - rest.trim_start().len()),
            None => return,
        };
        cx.fix(vec![Edit::delete(start..after_last)]);
    }
}
