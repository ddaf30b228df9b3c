//! Pieces of syntax several rules take apart the same way.

pub mod args;
pub mod import_tables;
pub mod import_tokens;
pub mod name_context;
pub mod strings;
