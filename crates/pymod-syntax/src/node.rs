//! Small conveniences over tree-sitter nodes that most rules need.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use tree_sitter::Node;

/// tree-sitter looks field names up with a linear string search on every
/// call; rules ask for fields constantly, so the ids are looked up once.
fn field_id(name: &str) -> Option<u16> {
    static IDS: OnceLock<HashMap<&'static str, u16, BuildFnv>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let language = crate::parse::python_language();
        (1..=language.field_count() as u16)
            .filter_map(|id| Some((language.field_name_for_id(id)?, id)))
            .collect()
    });
    ids.get(name).copied()
}

/// tree-sitter's `Node::kind` measures and UTF-8-checks the C string on
/// every call; the names are taken once per kind id instead.
fn kind_name(id: u16) -> &'static str {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let language = crate::parse::python_language();
        (0..language.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                    .unwrap_or("")
            })
            .collect()
    });
    names.get(id as usize).copied().unwrap_or("")
}

/// FNV-1a: field names are a few bytes long, where SipHash's setup dominates.
#[derive(Default, Clone, Copy)]
struct BuildFnv;

struct Fnv(u64);

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub trait NodeExt<'tree> {
    /// The child in field `name` (like `child_by_field_name`, but without
    /// tree-sitter's per-call string search).
    fn field(&self, name: &str) -> Option<Node<'tree>>;
    /// The node's kind (like `kind`, without tree-sitter's per-call
    /// C-string conversion).
    fn kind_name(&self) -> &'static str;
    /// The node's source text.
    fn text<'s>(&self, src: &'s str) -> &'s str;
    /// The node's byte range.
    fn range(&self) -> Range<usize>;
    /// The named children, skipping comments and backslash continuations.
    fn named_children_vec(&self) -> Vec<Node<'tree>>;
    /// All children (named or not), including comments.
    fn children_vec(&self) -> Vec<Node<'tree>>;
    /// The closest ancestor that is not a parenthesized expression.
    fn unparenthesized_parent(&self) -> Option<Node<'tree>>;
}

impl<'tree> NodeExt<'tree> for Node<'tree> {
    fn field(&self, name: &str) -> Option<Node<'tree>> {
        self.child_by_field_id(field_id(name)?)
    }

    fn kind_name(&self) -> &'static str {
        kind_name(self.kind_id())
    }

    fn text<'s>(&self, src: &'s str) -> &'s str {
        src.get(self.start_byte()..self.end_byte()).unwrap_or("")
    }

    fn range(&self) -> Range<usize> {
        self.start_byte()..self.end_byte()
    }

    fn named_children_vec(&self) -> Vec<Node<'tree>> {
        let mut cursor = self.walk();
        self.named_children(&mut cursor)
            .filter(|n| !matches!(n.kind(), "comment" | "line_continuation"))
            .collect()
    }

    fn children_vec(&self) -> Vec<Node<'tree>> {
        let mut cursor = self.walk();
        self.children(&mut cursor).collect()
    }

    fn unparenthesized_parent(&self) -> Option<Node<'tree>> {
        let mut parent = self.parent()?;
        while parent.kind() == "parenthesized_expression" {
            parent = parent.parent()?;
        }
        Some(parent)
    }
}

#[cfg(test)]
mod tests {
    use super::NodeExt;

    #[test]
    fn field_finds_the_same_child_as_tree_sitter() {
        let tree = crate::parse("f(x).y\n").unwrap();
        let attribute = tree.root_node().child(0).unwrap().child(0).unwrap();
        assert_eq!(attribute.kind(), "attribute");
        for name in ["object", "attribute", "function", "nonexistent"] {
            assert_eq!(
                attribute.field(name),
                attribute.child_by_field_name(name),
                "{name}"
            );
        }
    }

    #[test]
    fn kind_name_is_tree_sitters_kind() {
        let tree = crate::parse("f(x).y\n").unwrap();
        let attribute = tree.root_node().child(0).unwrap().child(0).unwrap();
        assert_eq!(attribute.kind_name(), attribute.kind());
        assert_eq!(attribute.field("object").unwrap().kind_name(), "call");
    }
}
