//! Fixing files in parallel and reporting what happened, in file order.

use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use pymod_engine::{Engine, FileFacts, FixError};
use pymod_syntax::{decode, SourceText};
use rayon::prelude::*;
use similar::TextDiff;

use crate::write::write_atomically;

/// What to do with a file that would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Diff,
    Check,
}

/// What happened to one file.
#[derive(Debug, Default)]
pub struct FileReport {
    /// The path as given (or the stdin name).
    pub path: String,
    pub changed: bool,
    /// Rules whose fixes were applied, in order of first use.
    pub rules: Vec<&'static str>,
    /// How many fixes were applied.
    pub fixes: usize,
    /// The file could not be processed (read, written, or a crash).
    pub failed: bool,
    /// Lines for standard error.
    pub messages: Vec<String>,
    /// Text for standard output (a diff).
    pub output: String,
}

pub fn run_files(engine: &Engine, files: &[PathBuf], mode: Mode) -> Vec<FileReport> {
    files
        .par_iter()
        .map(|path| {
            catch_unwind(AssertUnwindSafe(|| process_file(engine, path, mode))).unwrap_or_else(
                |panic| FileReport {
                    path: path.display().to_string(),
                    failed: true,
                    messages: vec![format!(
                        "{}: internal error: {}; left unchanged",
                        path.display(),
                        panic_message(&*panic)
                    )],
                    ..FileReport::default()
                },
            )
        })
        .collect()
}

fn process_file(engine: &Engine, path: &Path, mode: Mode) -> FileReport {
    let name = path.display().to_string();
    let mut report = FileReport {
        path: name.clone(),
        ..FileReport::default()
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            report.failed = true;
            report
                .messages
                .push(format!("{name}: could not read: {err}"));
            return report;
        }
    };
    let Some((source, fixed)) = fix_bytes(engine, &bytes, &name, path, &mut report) else {
        return report;
    };
    report.changed = true;
    match mode {
        Mode::Write => match write_atomically(path, &source.encode(&fixed)) {
            Ok(()) => report.messages.push(format!("Rewriting {name}")),
            Err(err) => {
                report.failed = true;
                report
                    .messages
                    .push(format!("{name}: could not write: {err}"));
            }
        },
        Mode::Diff => report.output = unified_diff(&source.text, &fixed, &name),
        Mode::Check => report.output = format!("Would rewrite {name}\n"),
    }
    report
}

/// Decodes and fixes `bytes`, reporting problems into `report`. Returns the
/// decoded source and the fixed text when the file changes.
fn fix_bytes(
    engine: &Engine,
    bytes: &[u8],
    name: &str,
    path: &Path,
    report: &mut FileReport,
) -> Option<(SourceText, String)> {
    let source = match decode(bytes) {
        Ok(source) => source,
        Err(_) => {
            report
                .messages
                .push(format!("{name}: not valid UTF-8, skipped"));
            return None;
        }
    };
    let facts = FileFacts {
        is_stub: path.extension().is_some_and(|e| e == "pyi"),
        path: Some(path.display().to_string()),
        bom: source.bom,
    };
    match engine.fix(&source.text, &facts) {
        Ok(outcome) => {
            for dropped in &outcome.dropped {
                report.messages.push(format!(
                    "{name}:{}:{}: {}",
                    dropped.line, dropped.column, dropped.message
                ));
            }
            report.rules = outcome.applied_rules;
            report.fixes = outcome.fix_count;
            let fixed = outcome.fixed?;
            Some((source, fixed))
        }
        Err(FixError::Syntax(issue)) => {
            report.messages.push(format!(
                "{name}:{}:{}: syntax error, skipped",
                issue.line, issue.column
            ));
            None
        }
        Err(err @ (FixError::Unsupported(_) | FixError::LoneCarriageReturn(_))) => {
            report.messages.push(format!("{name}:{err}"));
            None
        }
        Err(err @ FixError::NoConvergence(_)) => {
            report
                .messages
                .push(format!("{name}: {err}; left unchanged"));
            None
        }
    }
}

/// Fixes standard input and writes the result (or its diff) to standard
/// output; with `report_only`, the diff goes into the report instead.
pub fn run_stdin(
    engine: &Engine,
    display_name: &Path,
    mode: Mode,
    report_only: bool,
) -> io::Result<FileReport> {
    let mut bytes = Vec::new();
    io::stdin().read_to_end(&mut bytes)?;
    let name = display_name.display().to_string();
    let mut report = FileReport {
        path: name.clone(),
        ..FileReport::default()
    };
    let fixed = catch_unwind(AssertUnwindSafe(|| {
        let mut inner = FileReport::default();
        let fixed = fix_bytes(engine, &bytes, &name, display_name, &mut inner);
        (inner, fixed)
    }));
    let result = match fixed {
        Ok((inner, fixed)) => {
            report.messages = inner.messages;
            report.rules = inner.rules;
            report.fixes = inner.fixes;
            fixed
        }
        Err(panic) => {
            report.failed = true;
            report.messages.push(format!(
                "{name}: internal error: {}; left unchanged",
                panic_message(&*panic)
            ));
            None
        }
    };
    if report_only {
        if let Some((source, fixed)) = result {
            report.changed = true;
            report.output = unified_diff(&source.text, &fixed, &name);
        }
        return Ok(report);
    }
    let mut stdout = io::stdout().lock();
    match (result, mode) {
        (Some((source, fixed)), Mode::Diff) => {
            report.changed = true;
            stdout.write_all(unified_diff(&source.text, &fixed, &name).as_bytes())?;
        }
        (Some((source, fixed)), _) => {
            report.changed = true;
            stdout.write_all(&source.encode(&fixed))?;
        }
        (None, Mode::Diff) => {}
        (None, _) => stdout.write_all(&bytes)?,
    }
    Ok(report)
}

fn unified_diff(old: &str, new: &str, name: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .header(name, name)
        .to_string()
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        format!("panic: {text}")
    } else if let Some(text) = panic.downcast_ref::<String>() {
        format!("panic: {text}")
    } else {
        "panic".to_owned()
    }
}

/// The machine-readable report of a run: one JSON document.
pub fn json_report(reports: &[&FileReport]) -> String {
    let files: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| {
            let status = if r.failed {
                "error"
            } else if r.changed {
                "changed"
            } else {
                "unchanged"
            };
            serde_json::json!({
                "path": r.path,
                "status": status,
                "rules": r.rules,
                "fixes": r.fixes,
                "messages": r.messages,
                "diff": (!r.output.is_empty()).then_some(&r.output),
            })
        })
        .collect();
    let changed = reports.iter().filter(|r| r.changed).count();
    let failed = reports.iter().filter(|r| r.failed).count();
    let document = serde_json::json!({
        "files": files,
        "summary": {"files": reports.len(), "changed": changed, "errors": failed},
    });
    format!("{document:#}\n")
}
