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
    &io_open::IoOpen,
    &typing_text::TypingText,
    &collections_abc::CollectionsAbc,
    &mock_attribute::MockAttribute,
    &obsolete_imports::ObsoleteImports,
    &lazy_type_checking_imports::LazyTypeCheckingImports,
    // -- typing and newer stdlib --
    // -- six, versions, classes and exceptions --
    &object_base::ObjectBase,
    // -- calls and comprehensions --
];

/// The rule called `name`.
pub fn find_rule(name: &str) -> Option<&'static dyn Rule> {
    ALL_RULES.iter().copied().find(|r| r.meta().name == name)
}
