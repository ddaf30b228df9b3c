//! Pieces of syntax several rules take apart the same way.

pub mod args;
pub mod call_tokens;
pub mod literals;
pub mod module_names;
pub mod strings;
