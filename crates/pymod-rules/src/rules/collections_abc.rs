use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::import_tables::is_collections_abc_name;
use crate::helpers::name_context::is_store_target;

declare_rule! {
    /// Reaches the abstract base classes through `collections.abc`.
    ///
    /// ## What it does
    /// Rewrites `collections.Mapping` (and the other abstract base classes
    /// `collections` used to re-export) as `collections.abc.Mapping`.
    ///
    /// ## Why is this bad?
    /// The aliases in `collections` were deprecated in Python 3.3 and removed
    /// in Python 3.10: the old spelling fails on current Pythons.
    ///
    /// ## Example
    /// ```python
    /// import collections
    ///
    /// if isinstance(x, collections.Sized):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import collections
    ///
    /// if isinstance(x, collections.abc.Sized):
    ///     ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When `collections` is not the `collections` module, when the
    /// attribute is assigned to or deleted, or when a comment lies inside the
    /// expression.
    ///
    /// ## Fix safety
    /// Safe. `collections.abc` is imported by `collections` itself, so the
    /// attribute is always there.
    pub struct CollectionsAbc {
        name: "collections-abc",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["attribute"],
        prefilter: ["collections"],
    }
}

impl Rule for CollectionsAbc {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(object), Some(attribute)) = (node.field("object"), node.field("attribute"))
        else {
            return;
        };
        if object.kind_name() != "identifier" || cx.text(object) != "collections" {
            return;
        }
        let name = cx.text(attribute);
        if !is_collections_abc_name(name) || !cx.refers_to(object, "collections") {
            return;
        }
        if is_store_target(node) || cx.has_comment(node) {
            return;
        }
        cx.replace(node, format!("collections.abc.{name}"));
    }
}
