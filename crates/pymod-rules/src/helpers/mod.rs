//! Pieces of syntax several rules take apart the same way.

pub mod args;
pub mod format_spec;
pub mod strings;
