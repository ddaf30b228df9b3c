//! Names used either through their module or imported from it.

use pymod_engine::Checker;
use pymod_syntax::NodeExt;
use tree_sitter::Node;

/// Whether `node` is `module.<name>` (on the bare module name) or a bare
/// `<name>` imported unaliased with `from module import name`, for one of
/// `names`.
pub fn is_module_member(node: Node<'_>, module: &str, names: &[&str], cx: &Checker<'_>) -> bool {
    match node.kind_name() {
        "identifier" => {
            let text = cx.text(node);
            names.contains(&text) && cx.imports.is_from_imported(module, text)
        }
        "attribute" => {
            node.field("object")
                .is_some_and(|o| o.kind_name() == "identifier" && cx.text(o) == module)
                && node
                    .field("attribute")
                    .is_some_and(|a| names.contains(&cx.text(a)))
        }
        _ => false,
    }
}
