// -- strings and tokens --
pub mod unicode_literal;
// -- format strings --
// -- imports --
// -- typing and newer stdlib --
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
pub mod comprehension_splat;
pub mod defaultdict_factory;
pub mod deprecated_unittest_alias;
pub mod dict_literal;
pub mod redundant_open_mode;
pub mod set_literal;
pub mod subprocess_capture_output;
pub mod subprocess_text;
pub mod type_of_primitive;
pub mod unpack_list_comprehension;
pub mod yield_from_loop;
