//! Call arguments and class bases (`argument_list` nodes).

use pymod_engine::Edit;
use pymod_syntax::NodeExt;
use tree_sitter::Node;

/// The `argument_list` of a call (not a bare generator argument).
pub fn argument_list<'t>(call: Node<'t>) -> Option<Node<'t>> {
    call.field("arguments")
        .filter(|list| list.kind_name() == "argument_list")
}

/// The arguments of an `argument_list`, without punctuation, comments and
/// backslash continuations.
pub fn arguments<'t>(list: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|n| !matches!(n.kind_name(), "comment" | "line_continuation"))
        .collect()
}

/// Whether any argument is `*args` or `**kwargs`.
pub fn has_star_args(args: &[Node<'_>]) -> bool {
    args.iter()
        .any(|a| matches!(a.kind_name(), "list_splat" | "dictionary_splat"))
}

/// The keyword argument named `name`, if present.
pub fn keyword<'t>(args: &[Node<'t>], name: &str, src: &str) -> Option<Node<'t>> {
    args.iter().copied().find(|a| {
        a.kind_name() == "keyword_argument"
            && a.field("name")
                .is_some_and(|n| src.get(n.byte_range()) == Some(name))
    })
}

/// The positional arguments (before any keyword).
pub fn positional<'t>(args: &[Node<'t>]) -> Vec<Node<'t>> {
    args.iter()
        .copied()
        .filter(|a| !matches!(a.kind_name(), "keyword_argument" | "dictionary_splat"))
        .collect()
}

/// The edit removing `args[index]` from its argument list with the comma
/// that separates it: from the end of the previous argument when it is the
/// last one, else up to the start of the next one.
pub fn remove_argument(args: &[Node<'_>], index: usize) -> Option<Edit> {
    let arg = args.get(index)?;
    if index + 1 < args.len() {
        Some(Edit::delete(arg.start_byte()..args[index + 1].start_byte()))
    } else if index > 0 {
        Some(Edit::delete(args[index - 1].end_byte()..arg.end_byte()))
    } else {
        None
    }
}
