//! Command-line flags, each defined once; `--help` is generated from them.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Arg, ArgAction, ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use pymod_engine::{PyVersion, Settings};

/// Target versions with a `--pyXY-plus` flag, as pyupgrade spells them.
const VERSION_FLAGS: &[(&str, u8)] = &[
    ("py36-plus", 6),
    ("py37-plus", 7),
    ("py38-plus", 8),
    ("py39-plus", 9),
    ("py310-plus", 10),
    ("py311-plus", 11),
    ("py312-plus", 12),
    ("py313-plus", 13),
    ("py314-plus", 14),
    ("py315-plus", 15),
];

#[derive(Debug, Parser)]
#[command(
    name = "pymod",
    version,
    about = "A fast codemod engine for Python: pyupgrade's rewrites and more.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: name, group, minimum version and summary.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule's name.
        name: String,
    },
    /// Only read and parse the files (the benchmark's floor).
    #[command(hide = true)]
    BenchParse {
        paths: Vec<PathBuf>,
        /// Also run the strict parser on every file, as the engine does on
        /// each file it changes.
        #[arg(long)]
        validate: bool,
        #[arg(short = 'j', long = "jobs")]
        jobs: Option<usize>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Files or directories to fix; `-` reads standard input and writes the result to standard output.
    pub paths: Vec<PathBuf>,

    /// Target Python 3 (the default).
    #[arg(long = "py3-plus", visible_alias = "py3-only", action = ArgAction::SetTrue)]
    pub py3_plus: bool,

    /// Target version, e.g. `py38` (same as `--py38-plus`).
    #[arg(long = "target-version", value_name = "VERSION")]
    pub target_version: Option<String>,

    /// Keep `%` formatting instead of rewriting it to `.format()`.
    #[arg(long)]
    pub keep_percent_format: bool,

    /// Keep `mock` instead of rewriting it to `unittest.mock`.
    #[arg(long)]
    pub keep_mock: bool,

    /// Keep `typing` names in annotations evaluated at run time.
    #[arg(long)]
    pub keep_runtime_typing: bool,

    /// Exit 0 even when files were changed.
    #[arg(long)]
    pub exit_zero_even_if_changed: bool,

    /// Print a unified diff instead of writing files.
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,

    /// Write nothing; list the files that would change.
    #[arg(long)]
    pub check: bool,

    /// How to report: `text` (messages on standard error), or `json` (one
    /// JSON document on standard output with every file's status, rules,
    /// fix count, messages and, with `--diff`, its diff).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output_format: OutputFormat,

    /// Run only these rules or groups (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub select: Vec<String>,

    /// Do not run these rules or groups (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub ignore: Vec<String>,

    /// Also apply fixes that may change behaviour in rare cases.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Also run the `fstring` group (`%` and `.format()` to f-strings).
    #[arg(long)]
    pub fstrings: bool,

    /// Longest line an f-string conversion may produce (0: no limit); a
    /// conversion that would make a line longer than this is not made.
    #[arg(long, value_name = "N", default_value_t = 88)]
    pub fstring_line_length: usize,

    /// Name standard input in messages and for rules that look at the path.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Number of files processed in parallel (default: all cores).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
}

/// Parses the command line, including the `--pyXY-plus` flags, of which the
/// last one given wins.
pub fn parse_args<I, T>(args: I) -> Result<(Cli, Option<PyVersion>)>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = Cli::command();
    for (flag, minor) in VERSION_FLAGS {
        command = command.arg(
            Arg::new(*flag)
                .long(*flag)
                .action(ArgAction::SetTrue)
                .help(format!("Target Python 3.{minor} and later")),
        );
    }
    let matches = command
        .try_get_matches_from(args)
        .unwrap_or_else(|err| err.exit());
    let cli = Cli::from_arg_matches(&matches)?;
    Ok((cli, last_version_flag(&matches)))
}

fn last_version_flag(matches: &ArgMatches) -> Option<PyVersion> {
    let mut last: Option<(usize, PyVersion)> = None;
    let mut consider = |id: &str, version: PyVersion| {
        if matches.get_flag(id) {
            if let Some(index) = matches.indices_of(id).and_then(|i| i.max()) {
                if last.is_none_or(|(at, _)| index > at) {
                    last = Some((index, version));
                }
            }
        }
    };
    for (flag, minor) in VERSION_FLAGS {
        consider(flag, PyVersion::py3(*minor));
    }
    consider("py3_plus", PyVersion::PY3);
    last.map(|(_, version)| version)
}

impl RunArgs {
    /// The settings for this run; `version_flag` is the last `--pyXY-plus`.
    pub fn settings(&self, version_flag: Option<PyVersion>) -> Result<Settings> {
        let target = match (&self.target_version, version_flag) {
            (_, Some(version)) => version,
            (Some(text), None) => match PyVersion::parse(text) {
                Some(version) => version,
                None => bail!("unknown target version {text:?} (expected e.g. py38)"),
            },
            (None, None) => PyVersion::PY3,
        };
        Ok(Settings {
            target,
            keep_percent_format: self.keep_percent_format,
            keep_mock: self.keep_mock,
            keep_runtime_typing: self.keep_runtime_typing,
            unsafe_fixes: self.unsafe_fixes,
            fstring_line_length: self.fstring_line_length,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(args: &[&str]) -> PyVersion {
        let (cli, flag) = parse_args(std::iter::once("pymod").chain(args.iter().copied())).unwrap();
        cli.run.settings(flag).unwrap().target
    }

    #[test]
    fn last_version_flag_wins() {
        assert_eq!(
            target(&["--py38-plus", "--py36-plus", "x.py"]),
            PyVersion::py3(6)
        );
        assert_eq!(
            target(&["--py36-plus", "--py311-plus", "x.py"]),
            PyVersion::py3(11)
        );
        assert_eq!(
            target(&["--py311-plus", "--py3-plus", "x.py"]),
            PyVersion::PY3
        );
        assert_eq!(
            target(&["--py3-only", "--py315-plus", "x.py"]),
            PyVersion::py3(15)
        );
    }

    #[test]
    fn default_and_target_version() {
        assert_eq!(target(&["x.py"]), PyVersion::PY3);
        assert_eq!(
            target(&["--target-version", "py39", "x.py"]),
            PyVersion::py3(9)
        );
    }
}
