pub mod object_base;
pub mod unicode_literal;
