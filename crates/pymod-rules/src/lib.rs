//! pymod's built-in rules: one file per rule under `rules/`, all listed once
//! in [`ALL_RULES`].

pub mod helpers;
pub mod rules;

use pymod_engine::Rule;

use rules::*;

/// Every built-in rule, in the order `pymod rules` lists them.
pub static ALL_RULES: &[&dyn Rule] = &[
    // -- strings and tokens --
    &leading_whitespace::LeadingWhitespace,
    &binary_literal::BinaryLiteral,
    &default_encoding::DefaultEncoding,
    &duplicate_type_fold::DuplicateTypeFold,
    &encoding_cookie::EncodingCookie,
    &escape_sequence::EscapeSequence,
    &extra_parens::ExtraParens,
    &is_literal::IsLiteral,
    &native_literal::NativeLiteral,
    &unicode_literal::UnicodeLiteral,
    // -- f-strings (opt-in; ahead of the format-string rules so that
    // their conversion wins where both apply) --
    &fstring_percent::FstringPercent,
    &fstring_format::FstringFormat,
    &fstring_concat::FstringConcat,
    &fstring_join::FstringJoin,
    // -- format strings --
    &format_literals::FormatLiterals,
    &percent_format::PercentFormat,
    &format_to_fstring::FormatToFstring,
    &format_locals::FormatLocals,
    // -- imports --
    &io_open::IoOpen,
    &typing_text::TypingText,
    &collections_abc::CollectionsAbc,
    &mock_attribute::MockAttribute,
    &obsolete_imports::ObsoleteImports,
    &lazy_type_checking_imports::LazyTypeCheckingImports,
    // -- typing and newer stdlib --
    &typing_pep585::TypingPep585,
    &typing_pep604::TypingPep604,
    &typing_pep563::TypingPep563,
    &typing_classes::TypingClasses,
    &lru_cache::LruCache,
    &open_encoding::OpenEncoding,
    &argparse_suggest_on_error::ArgparseSuggestOnError,
    &removeprefix_removesuffix::RemoveprefixRemovesuffix,
    &shlex_join::ShlexJoin,
    &typing_pep696_typevar_defaults::TypingPep696TypevarDefaults,
    &datetime_utc_alias::DatetimeUtcAlias,
    &sentinel::Sentinel,
    &itertools_chain::ItertoolsChain,
    &typing_pep646_unpack::TypingPep646Unpack,
    // -- six, versions, classes and exceptions --
    &super_call::SuperCall,
    &exception_alias::ExceptionAlias,
    &metaclass_type::MetaclassType,
    &six_names::SixNames,
    &six_calls::SixCalls,
    &six_classes::SixClasses,
    &six_decorators::SixDecorators,
    &versioned_branches::VersionedBranches,
    &pytest_skipif::PytestSkipif,
    &object_base::ObjectBase,
    // -- calls and comprehensions --
    &set_literal::SetLiteral,
    &dict_literal::DictLiteral,
    &redundant_open_mode::RedundantOpenMode,
    &deprecated_unittest_alias::DeprecatedUnittestAlias,
    &yield_from_loop::YieldFromLoop,
    &type_of_primitive::TypeOfPrimitive,
    &defaultdict_factory::DefaultdictFactory,
    &unpack_list_comprehension::UnpackListComprehension,
    &subprocess_text::SubprocessText,
    &subprocess_capture_output::SubprocessCaptureOutput,
    &comprehension_splat::ComprehensionSplat,
];

/// The rule called `name`.
pub fn find_rule(name: &str) -> Option<&'static dyn Rule> {
    ALL_RULES.iter().copied().find(|r| r.meta().name == name)
}
