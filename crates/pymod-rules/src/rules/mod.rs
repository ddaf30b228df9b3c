// -- strings and tokens --
pub mod unicode_literal;
// -- format strings --
// -- imports --
pub mod obsolete_imports;
// -- typing and newer stdlib --
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
