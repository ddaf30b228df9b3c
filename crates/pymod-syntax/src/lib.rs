//! Source text, encoding, line index and parsing for pymod.
//!
//! This crate knows Python's surface syntax and nothing about rules. It does
//! no I/O: callers hand it bytes and get text, trees and positions back.

pub mod line_index;
pub mod node;
pub mod parse;
pub mod source;
pub mod strict;

pub use line_index::LineIndex;
pub use node::NodeExt;
pub use parse::{parse, parse_incremental, python_language, SyntaxIssue};
pub use source::{decode, DecodeError, SourceText};
pub use tree_sitter::{InputEdit, Node, Point, Tree, TreeCursor};
