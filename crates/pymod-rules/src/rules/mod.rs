// -- strings and tokens --
pub mod unicode_literal;
// -- format strings --
pub mod format_literals;
pub mod format_locals;
pub mod format_to_fstring;
pub mod percent_format;
// -- imports --
// -- typing and newer stdlib --
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
