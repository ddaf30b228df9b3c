//! End-to-end tests of the `pymod` binary in temporary directories.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::pymod_stdin;

fn pymod(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pymod"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("pymod runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn rewrites_in_place_and_reports() {
    let dir = temp_dir();
    fs::write(dir.path().join("a.py"), "class A(object):\n    pass\n").unwrap();
    fs::write(dir.path().join("clean.py"), "class A:\n    pass\n").unwrap();
    let out = pymod(dir.path(), &["a.py", "clean.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.py")).unwrap(),
        "class A:\n    pass\n"
    );
    assert_eq!(stderr(&out), "Rewriting a.py\n");
    let again = pymod(dir.path(), &["a.py", "clean.py"]);
    assert_eq!(again.status.code(), Some(0), "a second run changes nothing");
}

#[test]
fn bytes_outside_edits_survive_crlf_bom_tabs_and_missing_final_newline() {
    let dir = temp_dir();
    let original: &[u8] =
        b"\xef\xbb\xbf# keep me\r\nclass A(object):\r\n\tx = u'1'  \t\r\n\ty = 'x'\t# trailing\r\n\tz = 2";
    let expected: &[u8] =
        b"\xef\xbb\xbf# keep me\r\nclass A:\r\n\tx = '1'  \t\r\n\ty = 'x'\t# trailing\r\n\tz = 2";
    fs::write(dir.path().join("f.py"), original).unwrap();
    let out = pymod(dir.path(), &["f.py"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join("f.py")).unwrap(), expected);
}

#[test]
fn file_that_does_not_change_is_not_touched() {
    let dir = temp_dir();
    let path = dir.path().join("a.py");
    fs::write(&path, "x = 1\n").unwrap();
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = pymod(dir.path(), &["a.py"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let path = dir.path().join("script.py");
    fs::write(&path, "x = u'a'\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o751)).unwrap();
    let out = pymod(dir.path(), &["script.py"]);
    assert_eq!(out.status.code(), Some(1));
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o751);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn non_utf8_and_foreign_cookie_files_are_skipped_untouched() {
    let dir = temp_dir();
    let latin1: &[u8] = b"x = u'caf\xe9'\n";
    let cookie: &[u8] = b"# -*- coding: latin-1 -*-\nx = u'a'\n";
    fs::write(dir.path().join("latin1.py"), latin1).unwrap();
    fs::write(dir.path().join("cookie.py"), cookie).unwrap();
    fs::write(dir.path().join("ok.py"), "x = u'a'\n").unwrap();
    let out = pymod(dir.path(), &["latin1.py", "cookie.py", "ok.py"]);
    let err = stderr(&out);
    assert!(err.contains("latin1.py: not valid UTF-8, skipped"), "{err}");
    assert!(err.contains("cookie.py: not valid UTF-8, skipped"), "{err}");
    assert_eq!(fs::read(dir.path().join("latin1.py")).unwrap(), latin1);
    assert_eq!(fs::read(dir.path().join("cookie.py")).unwrap(), cookie);
    assert_eq!(
        fs::read_to_string(dir.path().join("ok.py")).unwrap(),
        "x = 'a'\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn syntax_errors_and_python2_are_skipped_untouched() {
    let dir = temp_dir();
    let broken = "class A(object):\n    x = (\n";
    let python2 = "class A(object):\n    pass\nprint 'hello'\n";
    fs::write(dir.path().join("broken.py"), broken).unwrap();
    fs::write(dir.path().join("py2.py"), python2).unwrap();
    let out = pymod(dir.path(), &["broken.py", "py2.py"]);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("broken.py:") && lines[0].ends_with(": syntax error, skipped"),
        "{err}"
    );
    assert_eq!(lines[1], "py2.py:3:7: syntax error, skipped");
    assert_eq!(
        fs::read_to_string(dir.path().join("broken.py")).unwrap(),
        broken
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("py2.py")).unwrap(),
        python2
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_crash() {
    let dir = temp_dir();
    let source = format!(
        "x = u'a'\ny = {}1{}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    fs::write(dir.path().join("deep.py"), &source).unwrap();
    let out = pymod(dir.path(), &["deep.py"]);
    assert!(
        stderr(&out).contains("syntax error, skipped"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("deep.py")).unwrap(),
        source
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported_and_others_still_processed() {
    let dir = temp_dir();
    fs::write(dir.path().join("ok.py"), "x = u'a'\n").unwrap();
    let out = pymod(dir.path(), &["missing.py", "ok.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing.py: could not read"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("ok.py")).unwrap(),
        "x = 'a'\n"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_with_exit_2() {
    let dir = temp_dir();
    fs::create_dir(dir.path().join("pkg")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("pkg/loop")).unwrap();
    fs::write(dir.path().join("pkg/a.py"), "x = u'a'\n").unwrap();
    let out = pymod(dir.path(), &["pkg"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.path().join("pkg/a.py")).unwrap(),
        "x = 'a'\n"
    );
}

#[test]
fn directories_are_walked_honouring_gitignore_and_skipping_venvs() {
    let dir = temp_dir();
    let root = dir.path();
    for sub in ["src", "ignored", "build", "__pycache__", "env"] {
        fs::create_dir(root.join(sub)).unwrap();
    }
    fs::write(root.join("env/pyvenv.cfg"), "").unwrap();
    fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
    for file in [
        "src/a.py",
        "src/b.pyi",
        "ignored/c.py",
        "build/d.py",
        "__pycache__/e.py",
        "env/f.py",
    ] {
        fs::write(root.join(file), "x = u'a'\n").unwrap();
    }
    fs::write(root.join("src/notes.txt"), "x = u'a'\n").unwrap();
    let out = pymod(root, &["--check", "."]);
    assert_eq!(out.status.code(), Some(1));
    let listed = stdout(&out);
    assert!(
        listed.contains("a.py") && listed.contains("b.pyi"),
        "{listed}"
    );
    for skipped in ["c.py", "d.py", "e.py", "f.py", "notes.txt"] {
        assert!(!listed.contains(skipped), "{skipped} listed: {listed}");
    }
    assert_eq!(
        fs::read_to_string(root.join("src/a.py")).unwrap(),
        "x = u'a'\n",
        "--check writes nothing"
    );
}

#[test]
fn diff_mode_prints_a_unified_diff_and_writes_nothing() {
    let dir = temp_dir();
    fs::write(dir.path().join("a.py"), "x = u'a'\n").unwrap();
    let out = pymod(dir.path(), &["--diff", "a.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "--- a.py\n+++ a.py\n@@ -1 +1 @@\n-x = u'a'\n+x = 'a'\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.py")).unwrap(),
        "x = u'a'\n"
    );
}

#[test]
fn stdin_always_writes_the_result() {
    let out = pymod_stdin(&["-"], b"x = u'a'\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "x = 'a'\n");
    let out = pymod_stdin(&["-"], b"x = 'a'\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "x = 'a'\n");
}

#[test]
fn stdin_filename_names_messages() {
    let out = pymod_stdin(&["--stdin-filename", "pkg/mod.py", "-"], b"x = u'a' + (\n");
    let err = stderr(&out);
    assert!(
        err.starts_with("pkg/mod.py:") && err.ends_with(": syntax error, skipped\n"),
        "{err}"
    );
}

#[test]
fn exit_zero_even_if_changed() {
    let out = pymod_stdin(&["--exit-zero-even-if-changed", "-"], b"x = u'a'\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn select_and_ignore_choose_rules() {
    let src = b"class A(object):\n    x = u'a'\n";
    let out = pymod_stdin(&["--select", "unicode-literal", "-"], src);
    assert_eq!(stdout(&out), "class A(object):\n    x = 'a'\n");
    let out = pymod_stdin(&["--ignore", "unicode-literal", "-"], src);
    assert_eq!(stdout(&out), "class A:\n    x = u'a'\n");
    let out = pymod_stdin(&["--select", "no-such-rule", "-"], src);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_and_explain_come_from_the_rule_docs() {
    let out = pymod(Path::new("."), &["rules"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("object-base"));
    let out = pymod(Path::new("."), &["explain", "object-base"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("## What it does"));
    let out = pymod(Path::new("."), &["explain", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Valid new syntax that tree-sitter-python (and the strict parser) cannot
/// read yet: such files are reported and left byte for byte as they were.
#[test]
fn known_grammar_gaps_are_left_untouched() {
    let gaps = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/grammar-gaps");
    let dir = temp_dir();
    let mut names = Vec::new();
    for entry in fs::read_dir(&gaps).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        fs::copy(&path, dir.path().join(&name)).unwrap();
        names.push(name);
    }
    assert_eq!(names.len(), 3);
    let out = pymod(dir.path(), &["."]);
    let err = stderr(&out);
    for name in &names {
        assert!(
            err.contains(&format!("{name}:")) && err.contains("skipped"),
            "{err}"
        );
        let original = fs::read(gaps.join(name)).unwrap();
        assert_eq!(
            fs::read(dir.path().join(name)).unwrap(),
            original,
            "{name} changed"
        );
    }
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn json_report_lists_every_file_with_its_rules() {
    let dir = temp_dir();
    fs::write(dir.path().join("a.py"), "class A(object):\n    x = u'a'\n").unwrap();
    fs::write(dir.path().join("b.py"), "x = 1\n").unwrap();
    let out = pymod(
        dir.path(),
        &[
            "--output-format",
            "json",
            "--diff",
            "a.py",
            "b.py",
            "missing.py",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["path"], "a.py");
    assert_eq!(files[0]["status"], "changed");
    assert_eq!(files[0]["fixes"], 2);
    assert_eq!(
        files[0]["rules"],
        serde_json::json!(["object-base", "unicode-literal"])
    );
    assert!(files[0]["diff"].as_str().unwrap().contains("+class A:"));
    assert_eq!(files[1]["status"], "unchanged");
    assert_eq!(files[2]["status"], "error");
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 3, "changed": 1, "errors": 1})
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.py")).unwrap(),
        "class A(object):\n    x = u'a'\n"
    );
}

#[test]
fn fstring_group_runs_alone_or_with_the_defaults() {
    let source = b"x = u'%s has %d' % (name, len(items))\ny = '{}'.format(z)\n";
    // Alone: only the f-string conversions (the `u` prefix stays on the
    // untouched line; here the whole literal is rewritten).
    let out = pymod_stdin(&["--select", "fstring", "--py311-plus", "-"], source);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "x = f'{name!s} has {len(items)}'\ny = f'{z}'\n"
    );
    // Added to the default rules.
    let source = b"class A(object):\n    s = '%s' % (x,)\n";
    let out = pymod_stdin(&["--fstrings", "--py36-plus", "-"], source);
    assert_eq!(stdout(&out), "class A:\n    s = f'{x!s}'\n");
    // Not run by default.
    let out = pymod_stdin(&["--py3-plus", "-"], b"s = '%s' % (x,)\n");
    assert_eq!(stdout(&out), "s = '{}'.format(x)\n");
}

#[test]
fn keep_percent_format_keeps_percent_formatting_with_fstrings() {
    let source = b"a = '%s' % (x,)\nb = '{}'.format(y)\n";
    let out = pymod_stdin(
        &["--fstrings", "--keep-percent-format", "--py36-plus", "-"],
        source,
    );
    assert_eq!(stdout(&out), "a = '%s' % (x,)\nb = f'{y}'\n");
}

#[test]
fn fstring_group_says_when_the_target_is_too_old() {
    let out = pymod_stdin(&["--select", "fstring", "-"], b"s = '%s' % (x,)\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "s = '%s' % (x,)\n");
    assert!(stderr(&out).contains("--py36-plus"), "{}", stderr(&out));
}

#[test]
fn fstring_unsafe_conversions_need_unsafe_fixes() {
    let source = b"s = 'hello %s' % name\n";
    let out = pymod_stdin(&["--select", "fstring", "--py311-plus", "-"], source);
    assert_eq!(out.status.code(), Some(0));
    let out = pymod_stdin(
        &["--select", "fstring", "--py311-plus", "--unsafe-fixes", "-"],
        source,
    );
    assert_eq!(stdout(&out), "s = f'hello {name!s}'\n");
}

#[test]
fn fstring_line_length_limits_longer_lines() {
    let source = b"s = '{0}-{0}-{0}'.format(a_long_variable_name)\n";
    let limited = pymod_stdin(
        &[
            "--select",
            "fstring",
            "--py311-plus",
            "--fstring-line-length",
            "40",
            "-",
        ],
        source,
    );
    assert_eq!(limited.status.code(), Some(0));
    let unlimited = pymod_stdin(
        &[
            "--select",
            "fstring",
            "--py311-plus",
            "--fstring-line-length",
            "0",
            "-",
        ],
        source,
    );
    assert_eq!(
        stdout(&unlimited),
        "s = f'{a_long_variable_name}-{a_long_variable_name}-{a_long_variable_name}'\n"
    );
}

#[test]
fn concat_and_join_are_their_own_groups() {
    let source = b"s = 'a' + str(x) + ', '.join(['b', str(y)])\n";
    let out = pymod_stdin(&["--select", "fstring", "--py311-plus", "-"], source);
    assert_eq!(out.status.code(), Some(0));
    let out = pymod_stdin(
        &[
            "--select",
            "fstring,fstring-concat,fstring-join",
            "--py311-plus",
            "-",
        ],
        source,
    );
    assert_eq!(stdout(&out), "s = f'a{x!s}b, {y!s}'\n");
}

#[test]
fn a_join_waits_for_its_items_to_become_fstrings() {
    let source = b"s = ', '.join(['{}'.format(x), 'a' + y])\n";
    let all_three = [
        "--select",
        "fstring,fstring-concat,fstring-join",
        "--py311-plus",
        "--unsafe-fixes",
        "-",
    ];
    let out = pymod_stdin(&all_three, source);
    assert_eq!(stdout(&out), "s = f'{x}, a{y}'\n");
    // Alone, the join leaves the formatting call to the fstring group.
    let out = pymod_stdin(
        &[
            "--select",
            "fstring-join",
            "--py311-plus",
            "--unsafe-fixes",
            "-",
        ],
        source,
    );
    assert_eq!(out.status.code(), Some(0));
}

/// Fixes that give other rules something new to do are followed up in the
/// same run (test builds also check each rule's claim of whom it feeds).
#[test]
fn fixes_that_feed_other_rules_reach_the_fixpoint_in_one_run() {
    let cases: [(&[&str], &str, &str); 4] = [
        // A parenthesized value taken out of the tuple doubles the call's parentheses.
        (&["-"], "x = '%r' % ((a or b),)\n", "x = '{!r}'.format(a or b)\n"),
        // The dropped import moves a declaration onto the second line.
        (
            &["-"],
            "#!/usr/bin/env python\nfrom __future__ import print_function\n# -*- coding: utf-8 -*-\nx = 1\n",
            "#!/usr/bin/env python\nx = 1\n",
        ),
        // So do the dropped blank lines.
        (&["-"], "\n\n# coding: utf-8\nx = 1\n", "x = 1\n"),
        (
            &["--py36-plus", "--fstrings", "-"],
            "raise ValueError(('a '\n                  'b {}').format(x))\n",
            "raise ValueError('a '\n                  f'b {x}')\n",
        ),
    ];
    for (args, source, expected) in cases {
        let out = pymod_stdin(args, source.as_bytes());
        assert_eq!(stdout(&out), expected, "{source:?}: {}", stderr(&out));
        let again = pymod_stdin(args, expected.as_bytes());
        assert_eq!(again.status.code(), Some(0), "{expected:?}");
    }
}
