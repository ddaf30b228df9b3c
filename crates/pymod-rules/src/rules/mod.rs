// -- strings and tokens --
pub mod unicode_literal;
// -- format strings --
// -- imports --
// -- typing and newer stdlib --
pub mod argparse_suggest_on_error;
pub mod datetime_utc_alias;
pub mod lru_cache;
pub mod open_encoding;
pub mod removeprefix_removesuffix;
pub mod sentinel;
pub mod shlex_join;
pub mod typing_classes;
pub mod typing_pep563;
pub mod typing_pep585;
pub mod typing_pep604;
pub mod typing_pep646_unpack;
pub mod typing_pep696_typevar_defaults;
// -- six, versions, classes and exceptions --
pub mod object_base;
// -- calls and comprehensions --
