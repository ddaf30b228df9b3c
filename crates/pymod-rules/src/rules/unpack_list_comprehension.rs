use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::unparenthesize;

declare_rule! {
    /// Unpacks a generator instead of a list comprehension in tuple assignments.
    ///
    /// ## What it does
    /// Rewrites `a, b = [f(x) for x in items]` as
    /// `a, b = (f(x) for x in items)`.
    ///
    /// ## Why is this bad?
    /// Unpacking consumes the values one by one; building the whole list
    /// first only costs memory.
    ///
    /// ## Example
    /// ```python
    /// first, second = [int(part) for part in text.split(",")]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// first, second = (int(part) for part in text.split(","))
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// For chained assignments, targets that are not a tuple, and
    /// comprehensions that are asynchronous or contain `await`.
    ///
    /// ## Fix safety
    /// Safe: the error raised for a wrong number of values stays a
    /// `ValueError`, though its message no longer gives the list's length.
    pub struct UnpackListComprehension {
        name: "unpack-list-comprehension",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["assignment"],
        prefilter: ["for"],
    }
}

impl Rule for UnpackListComprehension {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        if node.field("type").is_some() {
            return;
        }
        if !matches!(
            unparenthesize(left).kind_name(),
            "pattern_list" | "tuple_pattern" | "tuple"
        ) {
            return;
        }
        // `x = a, b = [...]` has two targets.
        if node.parent().is_some_and(|p| p.kind_name() == "assignment")
            || right.kind_name() == "assignment"
        {
            return;
        }
        let comprehension = unparenthesize(right);
        if comprehension.kind_name() != "list_comprehension" || is_async(comprehension) {
            return;
        }
        let (start, end) = (comprehension.start_byte(), comprehension.end_byte());
        if cx.slice(start..start + 1) != "[" || cx.slice(end - 1..end) != "]" {
            return;
        }
        cx.fix(vec![
            Edit::replace(start..start + 1, "("),
            Edit::replace(end - 1..end, ")"),
        ]);
    }
}

fn is_async(comprehension: Node<'_>) -> bool {
    let mut cursor = comprehension.walk();
    loop {
        let node = cursor.node();
        if node.kind_name() == "await"
            || (node.kind_name() == "async"
                && node
                    .parent()
                    .is_some_and(|p| p.kind_name() == "for_in_clause"))
        {
            return true;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == comprehension {
                return false;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return false;
            }
        }
    }
}
