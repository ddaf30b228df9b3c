//! What the end-to-end tests share: running the built `pymod` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `pymod ARGS` with `input` on standard input.
pub fn pymod_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pymod"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pymod runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("pymod finishes")
}
