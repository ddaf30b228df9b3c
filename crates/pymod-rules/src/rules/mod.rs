// -- strings and tokens --
pub mod unicode_literal;
// -- format strings --
// -- imports --
// -- typing and newer stdlib --
// -- six, versions, classes and exceptions --
pub mod exception_alias;
pub mod metaclass_type;
pub mod pytest_skipif;
pub mod six_calls;
pub mod six_classes;
pub mod six_decorators;
pub mod six_names;
pub mod object_base;
pub mod super_call;
pub mod versioned_branches;
// -- calls and comprehensions --
