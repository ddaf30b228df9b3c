//! `pymod`: the command line. The only place that does I/O.

mod cli;
mod discover;
mod run;
mod selection;
mod write;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use pymod_engine::Engine;
use pymod_rules::{find_rule, ALL_RULES};

use crate::cli::{Command, OutputFormat, RunArgs};
use crate::discover::{discover, Found};
use crate::run::{run_files, run_stdin, Mode};

/// mimalloc, also behind tree-sitter's and rustpython's allocations
/// (`override`): measured 16% less CPU than the system allocator on the
/// benchmark, where tree-sitter's many small nodes made `malloc` and `free`
/// a tenth of the run. Transparent huge pages stay off (`no_thp`): with
/// them the peak memory nearly doubled.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Worker threads get a generous stack: the strict parser recurses on
/// expression depth (bounded by the engine, but not small).
const WORKER_STACK_BYTES: usize = 32 * 1024 * 1024;

fn main() -> ExitCode {
    // Panics are caught per file and reported in one line; the default hook
    // would print a second, noisier report.
    std::panic::set_hook(Box::new(|_| {}));
    match real_main() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pymod: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<ExitCode> {
    let (cli, version_flag) = cli::parse_args(std::env::args_os())?;
    match cli.command {
        Some(Command::Rules) => {
            print_rules();
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Explain { name }) => match find_rule(&name) {
            Some(rule) => {
                print!("{}", rule.meta().documentation());
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprintln!("pymod: no rule named {name:?} (see `pymod rules`)");
                Ok(ExitCode::from(2))
            }
        },
        Some(Command::BenchParse {
            paths,
            validate,
            jobs,
        }) => {
            set_up_threads(jobs)?;
            bench_parse(&paths, validate);
            Ok(ExitCode::SUCCESS)
        }
        None => fix_paths(&cli.run, version_flag),
    }
}

fn set_up_threads(jobs: Option<usize>) -> Result<()> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_BYTES);
    if let Some(jobs) = jobs {
        builder = builder.num_threads(jobs.max(1));
    }
    builder.build_global().context("starting worker threads")
}

fn print_rules() {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{:<32} {:<15} {:<8} SUMMARY", "NAME", "GROUP", "MIN");
    for rule in ALL_RULES {
        let meta = rule.meta();
        let min = format!("{}+", meta.min_version);
        let _ = writeln!(
            out,
            "{:<32} {:<15} {:<8} {}",
            meta.name,
            meta.group,
            min,
            meta.summary()
        );
    }
}

/// Says which selected opt-in rules (those off unless selected) the target
/// version leaves out: otherwise a `--select fstring` without
/// `--py36-plus` would silently do nothing.
fn warn_about_version(
    rules: &[&'static dyn pymod_engine::Rule],
    settings: &pymod_engine::Settings,
) {
    let mut too_new: Vec<&str> = Vec::new();
    let mut needed = settings.target;
    for rule in rules {
        let meta = rule.meta();
        if meta.min_version > settings.target && !meta.default_enabled {
            too_new.push(meta.name);
            needed = needed.max(meta.min_version);
        }
    }
    if !too_new.is_empty() {
        eprintln!(
            "pymod: {} {} --py{}{}-plus or later; not run for the target Python {}",
            too_new.join(", "),
            if too_new.len() == 1 { "needs" } else { "need" },
            needed.major,
            needed.minor,
            settings.target
        );
    }
}

fn fix_paths(args: &RunArgs, version_flag: Option<pymod_engine::PyVersion>) -> Result<ExitCode> {
    if args.paths.is_empty() {
        anyhow::bail!("no paths given (try `pymod --help`)");
    }
    let settings = args.settings(version_flag)?;
    let also: &[&str] = if args.fstrings { &["fstring"] } else { &[] };
    let rules = selection::select_rules(ALL_RULES, &args.select, also, &args.ignore)?;
    warn_about_version(&rules, &settings);
    let engine = Engine::new(&rules, settings);
    set_up_threads(args.jobs)?;
    let mode = if args.diff {
        Mode::Diff
    } else if args.check {
        Mode::Check
    } else {
        Mode::Write
    };

    let mut changed = false;
    let mut failed = false;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stdin_report = None;
    for found in discover(&args.paths) {
        match found {
            Found::File(path) if path == Path::new("-") => {
                let name = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("-"));
                stdin_report = Some(
                    run_stdin(
                        &engine,
                        &name,
                        mode,
                        args.output_format == OutputFormat::Json,
                    )
                    .context("reading standard input")?,
                );
            }
            Found::File(path) => files.push(path),
            Found::Error(message) => {
                eprintln!("{message}");
                failed = true;
            }
        }
    }
    let reports = run_files(&engine, &files, mode);
    let all: Vec<&run::FileReport> = stdin_report.iter().chain(&reports).collect();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    for report in &all {
        changed |= report.changed;
        failed |= report.failed;
        if args.output_format == OutputFormat::Text {
            let _ = stdout.write_all(report.output.as_bytes());
            for message in &report.messages {
                let _ = writeln!(stderr, "{message}");
            }
        }
    }
    if args.output_format == OutputFormat::Json {
        let _ = stdout.write_all(run::json_report(&all).as_bytes());
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if changed && !args.exit_zero_even_if_changed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and parses every file on all cores, doing nothing else: the floor
/// under which no rule set can go. With `validate`, also runs the strict
/// parser on each file: given the files a run changes, the least work any
/// run that writes them (and so must validate them) can do.
fn bench_parse(paths: &[PathBuf], validate: bool) {
    use rayon::prelude::*;
    let files: Vec<PathBuf> = discover(paths)
        .into_iter()
        .filter_map(|f| match f {
            Found::File(path) => Some(path),
            Found::Error(_) => None,
        })
        .collect();
    let (bytes, trees) = files
        .par_iter()
        .map(|path| {
            let Ok(data) = std::fs::read(path) else {
                return (0, 0);
            };
            let text = String::from_utf8_lossy(&data);
            let parsed = pymod_syntax::parse(&text).is_some()
                && (!validate || pymod_syntax::strict::check(&text).is_ok());
            (data.len(), usize::from(parsed))
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("parsed {trees} files, {bytes} bytes");
}
