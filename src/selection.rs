//! Turning `--select` and `--ignore` into the list of rules to run.

use anyhow::{bail, Result};
use pymod_engine::Rule;

/// The rules named by `select` (or the default ones) and those of the
/// `also` groups, less those named by `ignore`. A name is a rule's name or
/// a group's.
pub fn select_rules(
    all: &[&'static dyn Rule],
    select: &[String],
    also: &[&str],
    ignore: &[String],
) -> Result<Vec<&'static dyn Rule>> {
    for name in select.iter().chain(ignore) {
        if !all
            .iter()
            .any(|r| r.meta().name == name || r.meta().group == name)
        {
            bail!("unknown rule or group {name:?} (see `pymod rules`)");
        }
    }
    let named = |rule: &dyn Rule, names: &[String]| {
        names
            .iter()
            .any(|n| n == rule.meta().name || n == rule.meta().group)
    };
    Ok(all
        .iter()
        .copied()
        .filter(|r| {
            let chosen = if select.is_empty() {
                r.meta().default_enabled
            } else {
                named(*r, select)
            };
            chosen || also.contains(&r.meta().group)
        })
        .filter(|r| !named(*r, ignore))
        .collect())
}
