// -- strings and tokens --
pub mod binary_literal;
pub mod default_encoding;
pub mod duplicate_type_fold;
pub mod encoding_cookie;
pub mod escape_sequence;
pub mod extra_parens;
pub mod is_literal;
pub mod leading_whitespace;
pub mod native_literal;
pub mod unicode_literal;
// -- format strings --
pub mod format_literals;
pub mod format_locals;
pub mod format_to_fstring;
pub mod fstring_concat;
pub mod fstring_format;
pub mod fstring_join;
pub mod fstring_percent;
pub mod percent_format;
// -- imports --
pub mod collections_abc;
pub mod io_open;
pub mod itertools_chain;
pub mod lazy_type_checking_imports;
pub mod mock_attribute;
pub mod obsolete_imports;
pub mod typing_text;
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
pub mod exception_alias;
pub mod metaclass_type;
pub mod object_base;
pub mod pytest_skipif;
pub mod six_calls;
pub mod six_classes;
pub mod six_decorators;
pub mod six_names;
pub mod super_call;
pub mod versioned_branches;
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
