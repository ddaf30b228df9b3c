// -- strings and tokens --
pub mod binary_literal;
pub mod default_encoding;
pub mod encoding_cookie;
pub mod escape_sequence;
pub mod is_literal;
pub mod unicode_literal;
// -- format strings --
// -- imports --
// -- typing and newer stdlib --
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
