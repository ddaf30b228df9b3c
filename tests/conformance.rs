//! Runs every record of the shared pyupgrade conformance data through pymod
//! with all default rules and the record's flags, prints the pass rate per
//! feature and in total, and fails on any record that fails without being
//! listed in `tests/conformance/expected-failures.txt`, or that is listed
//! but now passes (so the list only shrinks).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

use pymod_engine::{Engine, FileFacts, PyVersion, Settings};
use pymod_rules::ALL_RULES;
use serde_json::Value;

struct Record {
    id: String,
    feature: String,
    input: String,
    expected: String,
    settings: Settings,
    noop: bool,
}

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/conformance/pyupgrade/cases.jsonl");
    let Ok(text) = std::fs::read_to_string(&data) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            eprintln!(
                "conformance: {} is missing (required under CI)",
                data.display()
            );
            return ExitCode::FAILURE;
        }
        println!("conformance: skipped ({} not found)", data.display());
        return ExitCode::SUCCESS;
    };
    let records: Vec<Record> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(parse_record)
        .collect();
    let expected_failures =
        read_expected_failures(&root.join("tests/conformance/expected-failures.txt"));

    let default_rules: Vec<_> = ALL_RULES
        .iter()
        .copied()
        .filter(|r| r.meta().default_enabled)
        .collect();
    let mut engines: HashMap<String, Engine> = HashMap::new();
    let mut per_feature: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    let mut listed_noops = Vec::new();
    let mut passed = 0;
    for record in &records {
        let key = format!("{:?}", record.settings);
        let engine = engines
            .entry(key)
            .or_insert_with(|| Engine::new(&default_rules, record.settings.clone()));
        let output = match engine.fix(&record.input, &FileFacts::default()) {
            Ok(outcome) => outcome.fixed.unwrap_or_else(|| record.input.clone()),
            Err(_) => record.input.clone(),
        };
        let ok = output == record.expected;
        let entry = per_feature.entry(record.feature.clone()).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
            passed += 1;
        }
        let listed = expected_failures.contains_key(&record.id);
        if record.noop && listed {
            listed_noops.push(record.id.clone());
        }
        match (ok, listed) {
            (false, false) => unexpected.push((record, output)),
            (true, true) => now_passing.push(record.id.clone()),
            _ => {}
        }
    }

    println!("pyupgrade conformance, per feature (passed/total):");
    for (feature, (ok, total)) in &per_feature {
        println!("  {feature:<32} {ok:>3}/{total:<3}");
    }
    let total = records.len();
    println!(
        "pyupgrade conformance: {passed}/{total} passed ({:.1}%), {} listed as expected failures",
        100.0 * passed as f64 / total.max(1) as f64,
        expected_failures.len()
    );
    let mut failed = false;
    // CONFORMANCE_ONLY=feature,feature limits the printed failures (not the verdict).
    let only: Vec<String> = std::env::var("CONFORMANCE_ONLY")
        .map(|v| v.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    for (record, output) in &unexpected {
        failed = true;
        if !only.is_empty() && !only.contains(&record.feature) {
            continue;
        }
        println!(
            "UNEXPECTED FAILURE {}\n  input:    {:?}\n  expected: {:?}\n  got:      {:?}",
            record.id, record.input, record.expected, output
        );
    }
    for id in &now_passing {
        failed = true;
        println!("NOW PASSING (remove from expected-failures.txt): {id}");
    }
    for id in &listed_noops {
        failed = true;
        println!("NO-OP RECORD LISTED (no-op records may not be listed): {id}");
    }
    for id in expected_failures.keys() {
        if !records.iter().any(|r| &r.id == id) {
            failed = true;
            println!("UNKNOWN ID in expected-failures.txt: {id}");
        }
    }
    // Listed (known) failures count as skipped; anything else that does not
    // pass is a failure of this test.
    let known = total - passed - unexpected.len();
    println!(
        "conformance: {passed} passed, {} failed, {known} skipped",
        unexpected.len()
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn parse_record(line: &str) -> Record {
    let value: Value = serde_json::from_str(line).expect("conformance record is JSON");
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
    let flag = |key: &str| value[key].as_bool().unwrap_or(false);
    let minor = value["min_version"]
        .as_array()
        .and_then(|v| v.get(1))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    Record {
        id: text("id"),
        feature: text("feature"),
        input: text("input"),
        expected: text("expected"),
        noop: flag("noop"),
        settings: Settings {
            target: PyVersion::py3(minor as u8),
            keep_percent_format: flag("keep_percent_format"),
            keep_mock: flag("keep_mock"),
            keep_runtime_typing: flag("keep_runtime_typing"),
            ..Settings::default()
        },
    }
}

/// `id<TAB>reason` lines; blank lines and lines starting with `#` are ignored.
fn read_expected_failures(path: &std::path::Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('\t') {
            Some((id, reason)) => (id.to_owned(), reason.to_owned()),
            None => (l.to_owned(), String::new()),
        })
        .collect()
}
