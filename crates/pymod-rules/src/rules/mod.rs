// -- strings and tokens --
pub mod binary_literal;
pub mod default_encoding;
pub mod duplicate_type_fold;
pub mod encoding_cookie;
pub mod escape_sequence;
pub mod extra_parens;
pub mod is_literal;
pub mod native_literal;
pub mod unicode_literal;
// -- format strings --
// -- imports --
// -- typing and newer stdlib --
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
