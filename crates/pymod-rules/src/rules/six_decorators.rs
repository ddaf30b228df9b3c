use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::six_names::{decorator_line_range, name_attr};

declare_rule! {
    /// Removes the `@six.python_2_unicode_compatible` class decorator.
    ///
    /// ## What it does
    /// Deletes the decorator line `@six.python_2_unicode_compatible` (or
    /// `@python_2_unicode_compatible` imported from `six`) above a class.
    ///
    /// ## Why is this bad?
    /// The decorator only did something on Python 2, where it derived
    /// `__unicode__` from `__str__`; on Python 3 it returns the class as is.
    ///
    /// ## Example
    /// ```python
    /// @six.python_2_unicode_compatible
    /// class Greeting:
    ///     def __str__(self):
    ///         return "hello"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Greeting:
    ///     def __str__(self):
    ///         return "hello"
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the decorator shares its line with code before the `@`, or is
    /// imported under another name.
    ///
    /// ## Fix safety
    /// Safe. A comment on the decorator's line goes with it.
    pub struct SixDecorators {
        name: "six-decorators",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["decorator"],
        prefilter: ["python_2_unicode_compatible"],
    }
}

impl Rule for SixDecorators {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let is_class = node
            .parent()
            .and_then(|p| p.field("definition"))
            .is_some_and(|d| d.kind_name() == "class_definition");
        let Some(expression) = node.named_child(0) else {
            return;
        };
        if !is_class
            || name_attr(cx, expression, &["six"], &["python_2_unicode_compatible"]).is_none()
        {
            return;
        }
        if let Some(range) = decorator_line_range(cx.src, node) {
            cx.fix(vec![Edit::delete(range)]);
        }
    }
}
