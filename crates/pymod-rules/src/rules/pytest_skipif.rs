use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{arguments, has_star_args, positional};
use crate::helpers::six_names::{decorator_line_range, name_attr, strip_parens};
use crate::helpers::version_expr::always_false;

declare_rule! {
    /// Removes `pytest.mark.skipif` decorators whose version condition can no longer hold.
    ///
    /// ## What it does
    /// Deletes a `@pytest.mark.skipif(condition, ...)` decorator line when
    /// `condition` is always false on the target version, such as
    /// `six.PY2` or `sys.version_info < (3, 6)` with `--py36-plus`.
    ///
    /// ## Why is this bad?
    /// The test is never skipped on the supported versions; the decorator
    /// is dead configuration.
    ///
    /// ## Example
    /// ```python
    /// @pytest.mark.skipif(sys.version_info < (3, 6), reason="py36+")
    /// def test_fstrings():
    ///     ...
    /// ```
    ///
    /// Use instead (with `--py36-plus`):
    /// ```python
    /// def test_fstrings():
    ///     ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3; which conditions are always false depends on the target.
    ///
    /// ## When it refuses
    /// With `*args` / `**kwargs`, with other than exactly one positional
    /// argument, and when the decorator shares its line with other code.
    ///
    /// ## Fix safety
    /// Safe. A comment on the decorator's line goes with it.
    pub struct PytestSkipif {
        name: "pytest-skipif",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["decorator"],
        prefilter: ["skipif"],
    }
}

impl Rule for PytestSkipif {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let decorates = node
            .parent()
            .and_then(|p| p.field("definition"))
            .is_some_and(|d| matches!(d.kind_name(), "class_definition" | "function_definition"));
        let Some(call) = node.named_child(0).map(strip_parens) else {
            return;
        };
        if !decorates || call.kind_name() != "call" {
            return;
        }
        let (Some(function), Some(list)) = (call.field("function"), call.field("arguments")) else {
            return;
        };
        if function.kind_name() != "attribute" || list.kind_name() != "argument_list" {
            return;
        }
        let is_skipif = function
            .field("attribute")
            .is_some_and(|a| cx.text(a) == "skipif")
            && function
                .field("object")
                .is_some_and(|o| name_attr(cx, o, &["pytest"], &["mark"]).is_some());
        if !is_skipif {
            return;
        }
        let args = arguments(list);
        let positional = positional(&args);
        let [condition] = positional.as_slice() else {
            return;
        };
        if has_star_args(&args) || !always_false(cx, *condition) {
            return;
        }
        if let Some(range) = decorator_line_range(cx.src, node) {
            cx.fix(vec![Edit::delete(range)]);
        }
    }
}
