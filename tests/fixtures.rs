//! Each rule's fixture `tests/fixtures/<rule>.py` is fixed by that rule
//! alone; the snapshot under `snapshots/` shows the diff, so reviewing a
//! snapshot is reviewing the rewrite. Every rule must have a fixture, every
//! fixture a rule, and a second run over the output must change nothing.
//!
//! A fixture's first line may be `# pymod: FLAGS` with `--pyXY-plus`,
//! `--keep-percent-format`, `--keep-mock`, `--keep-runtime-typing`,
//! `--unsafe-fixes` or `--fstring-line-length=N`. A rule may have more
//! fixtures for other flags, named `<rule>.<variant>.py`.

use std::path::{Path, PathBuf};

use pymod_engine::{Engine, FileFacts, PyVersion, Settings};
use pymod_rules::{find_rule, ALL_RULES};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn settings_from_header(source: &str) -> Settings {
    let mut settings = Settings::default();
    let Some(flags) = source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# pymod:"))
    else {
        return settings;
    };
    for flag in flags.split_whitespace() {
        match flag {
            "--keep-percent-format" => settings.keep_percent_format = true,
            "--keep-mock" => settings.keep_mock = true,
            "--keep-runtime-typing" => settings.keep_runtime_typing = true,
            "--unsafe-fixes" => settings.unsafe_fixes = true,
            other if other.starts_with("--fstring-line-length=") => {
                settings.fstring_line_length = other
                    .trim_start_matches("--fstring-line-length=")
                    .parse()
                    .unwrap_or_else(|_| panic!("bad fixture flag {other}"));
            }
            other => {
                let version = other
                    .strip_prefix("--py")
                    .and_then(|v| v.strip_suffix("-plus"))
                    .and_then(PyVersion::parse);
                settings.target = version.unwrap_or_else(|| panic!("unknown fixture flag {other}"));
            }
        }
    }
    settings
}

fn render(rule_name: &str, source: &str) -> String {
    let rule =
        find_rule(rule_name).unwrap_or_else(|| panic!("fixture for unknown rule {rule_name}"));
    let engine = Engine::new(&[rule], settings_from_header(source));
    let facts = FileFacts::default();
    let outcome = engine
        .fix(source, &facts)
        .unwrap_or_else(|e| panic!("{rule_name}: fixture does not fix: {e}"));
    assert!(
        outcome.dropped.is_empty(),
        "{rule_name}: fixes dropped: {:?}",
        outcome.dropped
    );
    let Some(fixed) = outcome.fixed else {
        return "(no change)\n".to_owned();
    };
    let again = engine.fix(&fixed, &facts).expect("output parses");
    assert!(
        again.fixed.is_none(),
        "{rule_name}: second run changed the output"
    );
    similar::TextDiff::from_lines(source, &fixed)
        .unified_diff()
        .context_radius(2)
        .header("original", "fixed")
        .to_string()
}

#[test]
fn every_rule_has_a_fixture() {
    let missing: Vec<&str> = ALL_RULES
        .iter()
        .map(|r| r.meta().name)
        .filter(|name| !fixtures_dir().join(format!("{name}.py")).exists())
        .collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
}

#[test]
fn fixtures_match_snapshots() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    entries.sort();
    let mut failures = Vec::new();
    for path in entries {
        let fixture_name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let rule_name = fixture_name
            .split('.')
            .next()
            .unwrap_or_default()
            .to_owned();
        let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let result = std::panic::catch_unwind(|| {
            let rendered = render(&rule_name, &source);
            insta::with_settings!({
                snapshot_path => "../snapshots",
                prepend_module_to_snapshot => false,
                description => format!("rule {rule_name} on tests/fixtures/{fixture_name}.py"),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(fixture_name.clone(), rendered);
            });
        });
        if result.is_err() {
            failures.push(fixture_name);
        }
    }
    assert!(failures.is_empty(), "fixtures failing: {failures:?}");
}
