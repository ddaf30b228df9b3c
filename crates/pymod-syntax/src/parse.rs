//! tree-sitter parsing with one parser per thread.

use std::cell::RefCell;

use tree_sitter::{Language, Node, Parser, Tree};

/// Deeper trees are refused: CPython rejects them too, and refusing them
/// keeps every later step (ours and the strict parser's) far from the stack's
/// limit.
pub const MAX_TREE_DEPTH: usize = 1200;

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

pub fn python_language() -> Language {
    tree_sitter_python::LANGUAGE.into()
}

/// Parses `text` from scratch.
pub fn parse(text: &str) -> Option<Tree> {
    parse_incremental(text, None)
}

/// Parses `text`, reusing the unchanged parts of `old` (which must have been
/// `edit`ed to match `text`).
pub fn parse_incremental(text: &str, old: Option<&Tree>) -> Option<Tree> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser.set_language(&python_language()).ok()?;
            *slot = Some(parser);
        }
        slot.as_mut()?.parse(text, old)
    })
}

/// Where and why a file is not parseable Python 3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxIssue {
    /// One-based line.
    pub line: usize,
    /// One-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl SyntaxIssue {
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        SyntaxIssue {
            line: text[..offset].matches('\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
            message: message.into(),
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The first ERROR or MISSING node in document order, if any.
pub fn first_error(tree: &Tree) -> Option<Node<'_>> {
    let root = tree.root_node();
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    // Descend into the first child that contains an error, never recursing.
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if !cursor.goto_first_child() {
            return Some(node);
        }
        loop {
            let child = cursor.node();
            if child.has_error() {
                break;
            }
            if !cursor.goto_next_sibling() {
                // has_error was set by a descendant we cannot reach: report the parent.
                cursor.goto_parent();
                return Some(cursor.node());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_code_has_no_error() {
        let tree = parse("def f(x):\n    return x\n").unwrap();
        assert!(first_error(&tree).is_none());
    }

    #[test]
    fn error_is_located() {
        let text = "x = 1\ny = (\n";
        let tree = parse(text).unwrap();
        let node = first_error(&tree).unwrap();
        let issue = SyntaxIssue::at(text, node.start_byte(), "syntax error");
        assert_eq!(issue.line, 2);
    }
}
