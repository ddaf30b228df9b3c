use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_args::call_arguments;

declare_rule! {
    /// Replaces module-level `NAME = object()` markers with `sentinel('NAME')`.
    ///
    /// ## What it does
    /// Rewrites an assignment of a bare `object()` to a name, at the start
    /// of a line at module level, as `NAME = sentinel('NAME')`.
    ///
    /// ## Why is this bad?
    /// Python 3.15 has a builtin `sentinel` (PEP 661) whose values have a
    /// readable repr and survive copying and pickling, unlike `object()`.
    ///
    /// ## Example
    /// ```python
    /// MISSING = object()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// MISSING = sentinel('MISSING')
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.15.
    ///
    /// ## When it refuses
    /// Indented assignments, several targets, annotated assignments, calls
    /// with arguments, and when a comment is inside the call.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct Sentinel {
        name: "sentinel",
        group: "pyupgrade",
        min_version: PyVersion::py3(15),
        kinds: ["assignment"],
        prefilter: ["object()", "object("],
    }
}

impl Rule for Sentinel {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(target), Some(value)) = (node.field("left"), node.field("right")) else {
            return;
        };
        if target.kind_name() != "identifier"
            || target.start_position().column != 0
            || node.field("type").is_some()
            || value.kind_name() != "call"
        {
            return;
        }
        let Some(function) = value.field("function") else {
            return;
        };
        if function.kind_name() != "identifier"
            || cx.text(function) != "object"
            || cx.has_comment(value)
        {
            return;
        }
        match call_arguments(value) {
            Some((_, args)) if args.is_empty() => {}
            _ => return,
        }
        let name = cx.text(target);
        cx.replace(value, format!("sentinel('{name}')"));
    }
}
