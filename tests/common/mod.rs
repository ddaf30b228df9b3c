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
    let written = child.stdin.take().expect("stdin").write_all(input);
    // pymod may exit before reading its input (a usage error, say).
    if let Err(err) = written {
        assert_eq!(
            err.kind(),
            std::io::ErrorKind::BrokenPipe,
            "write stdin: {err}"
        );
    }
    child.wait_with_output().expect("pymod finishes")
}
