use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::name_context::is_store_target;

declare_rule! {
    /// Replaces `io.open` with the builtin `open`.
    ///
    /// ## What it does
    /// Rewrites `io.open(...)` (and any other use of `io.open`) as `open`.
    ///
    /// ## Why is this bad?
    /// On Python 3 the builtin `open` is `io.open`: going through the module
    /// only adds noise left over from Python 2 compatibility.
    ///
    /// ## Example
    /// ```python
    /// import io
    ///
    /// with io.open("data.txt") as f:
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import io
    ///
    /// with open("data.txt") as f:
    ///     ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When `io` is not the `io` module (a local variable, another module
    /// imported under that name), when `io.open` is assigned to or deleted,
    /// or when a comment lies inside the expression.
    ///
    /// ## Fix safety
    /// Safe. The now unused `import io` is left in place.
    pub struct IoOpen {
        name: "io-open",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["attribute"],
        prefilter: ["open"],
    }
}

impl Rule for IoOpen {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(object), Some(attribute)) = (node.field("object"), node.field("attribute"))
        else {
            return;
        };
        if object.kind_name() != "identifier"
            || cx.text(object) != "io"
            || cx.text(attribute) != "open"
        {
            return;
        }
        if !cx.refers_to(object, "io") || is_store_target(node) || cx.has_comment(node) {
            return;
        }
        let mut cursor = node.walk();
        let Some(dot) = node.children(&mut cursor).find(|c| c.kind_name() == ".") else {
            return;
        };
        // Whitespace after the dot stays: at the start of a line it would
        // become an indentation error.
        let space_after_dot = dot.end_byte() < attribute.start_byte();
        if space_after_dot && starts_line(cx.src, node.start_byte()) {
            return;
        }
        cx.fix(vec![Edit::delete(object.start_byte()..dot.end_byte())]);
    }
}

fn starts_line(src: &str, offset: usize) -> bool {
    src.get(..offset).is_some_and(|before| {
        before
            .rsplit('\n')
            .next()
            .is_some_and(|line| line.trim_start_matches([' ', '\t', '\x0c']).is_empty())
    })
}
