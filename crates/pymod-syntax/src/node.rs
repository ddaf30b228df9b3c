//! Small conveniences over tree-sitter nodes that most rules need.

use std::ops::Range;

use tree_sitter::Node;

pub trait NodeExt<'tree> {
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
