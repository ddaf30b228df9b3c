//! pymod's built-in rules: one file per rule under `rules/`, all listed once
//! in [`ALL_RULES`].

pub mod helpers;
pub mod rules;

use pymod_engine::Rule;

use rules::*;

/// Every built-in rule, in the order `pymod rules` lists them.
pub static ALL_RULES: &[&dyn Rule] = &[
    // -- strings and tokens --
    &unicode_literal::UnicodeLiteral,
    // -- format strings --
    // -- imports --
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
    &typing_pep646_unpack::TypingPep646Unpack,
    // -- six, versions, classes and exceptions --
    &object_base::ObjectBase,
    // -- calls and comprehensions --
];

/// The rule called `name`.
pub fn find_rule(name: &str) -> Option<&'static dyn Rule> {
    ALL_RULES.iter().copied().find(|r| r.meta().name == name)
}
