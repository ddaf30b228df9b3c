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
    // -- six, versions, classes and exceptions --
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
