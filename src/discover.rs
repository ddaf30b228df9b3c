//! Finding the Python files under the paths the user gave.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::{DirEntry, WalkBuilder};

/// Directory names never worth descending into.
const SKIPPED_DIRS: &[&str] = &[
    "__pycache__",
    "build",
    "dist",
    "site-packages",
    "node_modules",
    "venv",
    ".venv",
];

/// A file to process, or why a path could not be walked.
pub enum Found {
    File(PathBuf),
    Error(String),
}

/// Files named directly are taken as they are; directories are walked for
/// `*.py` and `*.pyi`, honouring `.gitignore` and skipping hidden
/// directories, virtualenvs and build output. Each file is listed once.
pub fn discover(paths: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut push_file = |path: PathBuf, found: &mut Vec<Found>| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            found.push(Found::File(path));
        }
    };
    for root in paths {
        if !root.is_dir() {
            push_file(root.clone(), &mut found);
            continue;
        }
        let walker = WalkBuilder::new(root)
            .follow_links(true)
            .require_git(false)
            .filter_entry(|entry| !is_skipped_dir(entry))
            .build();
        let mut files = Vec::new();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && is_python_file(entry.path()) {
                        files.push(entry.into_path());
                    }
                }
                Err(err) => found.push(Found::Error(err.to_string())),
            }
        }
        files.sort();
        for file in files {
            push_file(file, &mut found);
        }
    }
    found
}

fn is_python_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("py" | "pyi")
    )
}

fn is_skipped_dir(entry: &DirEntry) -> bool {
    if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
        return false;
    }
    let name = entry.file_name().to_string_lossy();
    SKIPPED_DIRS.contains(&name.as_ref()) || entry.path().join("pyvenv.cfg").exists()
}
