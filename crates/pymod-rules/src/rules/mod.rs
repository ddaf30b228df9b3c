// -- strings and tokens --
pub mod unicode_literal;
// -- format strings --
// -- imports --
pub mod collections_abc;
pub mod io_open;
pub mod lazy_type_checking_imports;
pub mod mock_attribute;
pub mod obsolete_imports;
pub mod typing_text;
// -- typing and newer stdlib --
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
