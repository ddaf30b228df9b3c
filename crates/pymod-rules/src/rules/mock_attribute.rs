use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule, Settings};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::name_context::is_store_target;

declare_rule! {
    /// Shortens `mock.mock.X` to `mock.X`.
    ///
    /// ## What it does
    /// Rewrites `mock.mock.patch(...)` as `mock.patch(...)`, to go with
    /// `import mock.mock` becoming `from unittest import mock`.
    ///
    /// ## Why is this bad?
    /// `mock.mock` is the inner module of the `mock` backport; once the code
    /// uses `unittest.mock` the extra level does not exist.
    ///
    /// ## Example
    /// ```python
    /// import mock.mock
    ///
    /// mock.mock.patch("os.getcwd")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from unittest import mock
    ///
    /// mock.patch("os.getcwd")
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When `mock` is a local variable or does not come from the `mock`
    /// package, when the attribute is assigned to, when a comment lies inside
    /// the expression, and always with `--keep-mock`.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct MockAttribute {
        name: "mock-attribute",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["attribute"],
        prefilter: ["mock"],
    }
}

impl Rule for MockAttribute {
    fn enabled(&self, settings: &Settings) -> bool {
        !settings.keep_mock
    }

    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(object), Some(attribute)) = (node.field("object"), node.field("attribute"))
        else {
            return;
        };
        if object.kind_name() != "identifier"
            || cx.text(object) != "mock"
            || cx.text(attribute) != "mock"
        {
            return;
        }
        let refers_to_mock = matches!(
            cx.resolve(object).as_deref(),
            Some("mock" | "mock.mock" | "unittest.mock")
        );
        if !refers_to_mock || is_store_target(node) || cx.has_comment(node) {
            return;
        }
        cx.fix(vec![Edit::delete(object.end_byte()..node.end_byte())]);
    }
}
