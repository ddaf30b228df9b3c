//! Pieces of syntax several rules take apart the same way.

pub mod args;
pub mod call_args;
pub mod strings;
pub mod typing;
