// -- strings and tokens --
pub mod unicode_literal;
// -- format strings --
// -- imports --
// -- typing and newer stdlib --
pub mod argparse_suggest_on_error;
pub mod lru_cache;
pub mod open_encoding;
pub mod removeprefix_removesuffix;
pub mod shlex_join;
pub mod typing_classes;
pub mod typing_pep563;
pub mod typing_pep585;
pub mod typing_pep604;
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
