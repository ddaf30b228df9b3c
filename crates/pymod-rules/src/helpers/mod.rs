//! Pieces of syntax several rules take apart the same way.

pub mod args;
pub mod call_args;
pub mod call_template;
pub mod call_tokens;
pub mod constants;
pub mod format_spec;
pub mod fstring;
pub mod import_tables;
pub mod import_tokens;
pub mod literals;
pub mod module_names;
pub mod name_context;
pub mod six_names;
pub mod strings;
pub mod typing;
pub mod version_expr;
