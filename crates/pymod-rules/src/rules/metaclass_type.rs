use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::six_names::{line_end_after, strip_parens};

declare_rule! {
    /// Removes the module-level `__metaclass__ = type` assignment.
    ///
    /// ## What it does
    /// Deletes the line `__metaclass__ = type` when it is written at the top
    /// level of a module.
    ///
    /// ## Why is this bad?
    /// On Python 2 this line made every class of the module a new-style
    /// class. Python 3 ignores `__metaclass__` entirely, so the line is dead
    /// code.
    ///
    /// ## Example
    /// ```python
    /// __metaclass__ = type
    ///
    /// class Point:
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    ///
    /// class Point:
    ///     pass
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the assignment is indented (in a class, function or block), has
    /// several targets or an annotation, or assigns anything but the name
    /// `type`.
    ///
    /// ## Fix safety
    /// Safe. The whole logical line is removed, together with any statements
    /// sharing it after a `;` and its trailing comment.
    pub struct MetaclassType {
        name: "metaclass-type",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["assignment"],
        prefilter: ["__metaclass__"],
    }
}

impl Rule for MetaclassType {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(statement) = node
            .parent()
            .filter(|p| p.kind_name() == "expression_statement")
        else {
            return;
        };
        if statement.start_position().column != 0
            || statement.start_byte() != node.start_byte()
            || node.field("type").is_some()
        {
            return;
        }
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        let right = strip_parens(right);
        if left.kind_name() != "identifier"
            || cx.text(left) != "__metaclass__"
            || right.kind_name() != "identifier"
            || cx.text(right) != "type"
        {
            return;
        }
        let end = logical_line_end(cx, statement);
        cx.fix(vec![Edit::delete(statement.start_byte()..end)]);
    }
}

/// The offset just past the newline ending the logical line that starts
/// with `statement` (statements after `;` and a trailing comment included).
fn logical_line_end(cx: &Checker<'_>, statement: Node<'_>) -> usize {
    let mut last = statement;
    while let Some(next) = last.next_sibling() {
        if next.kind_name() == ";" || next.start_position().row == last.end_position().row {
            last = next;
        } else {
            break;
        }
    }
    line_end_after(cx.src, last.end_byte())
}
