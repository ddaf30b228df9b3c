//! Pieces of syntax several rules take apart the same way.

pub mod args;
pub mod six_names;
pub mod strings;
pub mod call_template;
pub mod version_expr;
