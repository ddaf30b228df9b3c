use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use tree_sitter::Node;

declare_rule! {
    /// Removes the source encoding declaration (`# -*- coding: utf-8 -*-`).
    ///
    /// ## What it does
    /// Deletes a `coding:` / `coding=` comment that starts a line among the
    /// first two lines of the file, with its line break.
    ///
    /// ## Why is this bad?
    /// Python 3 reads source files as UTF-8 unless told otherwise; the
    /// declaration was needed by Python 2 for any non-ASCII source.
    ///
    /// ## Example
    /// ```python
    /// # -*- coding: utf-8 -*-
    /// import os
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import os
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// For comments after the second line or not at the start of their line.
    /// Whatever encoding it names, the file has already been read as UTF-8.
    /// When the declaration is the first thing in the file, blank lines that
    /// follow it go as well, as with pyupgrade.
    ///
    /// ## Fix safety
    /// Safe for files that are valid UTF-8, the only ones pymod reads.
    pub struct EncodingCookie {
        name: "encoding-cookie",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["comment"],
        prefilter: ["coding:", "coding="],
    }
}

impl Rule for EncodingCookie {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let start = node.start_position();
        if start.row > 1 || start.column != 0 {
            return;
        }
        if !is_encoding_declaration(cx.text(node)) {
            return;
        }
        let rest = cx.src.get(node.end_byte()..).unwrap_or("");
        let line_break = if rest.starts_with("\r\n") {
            2
        } else if rest.starts_with(['\n', '\r']) {
            1
        } else {
            0
        };
        let mut range = node.start_byte()..node.end_byte() + line_break;
        // Nothing but whitespace before it: pyupgrade's output never starts
        // with whitespace, so what follows up to the first code goes too.
        let before = cx.src.get(..range.start).unwrap_or("");
        if before.chars().all(is_python_space) {
            let after = cx.src.get(range.end..).unwrap_or("");
            let blank = after.len() - after.trim_start_matches(is_python_space).len();
            range = 0..range.end + blank;
        }
        cx.fix(vec![Edit::delete(range)]);
    }
}

/// The comment matches Python's encoding-declaration pattern: `coding`
/// then `:` or `=`, optional blanks, and a codec-name character.
fn is_encoding_declaration(comment: &str) -> bool {
    let bytes = comment.as_bytes();
    let mut search_from = 0;
    while let Some(found) = comment
        .get(search_from..)
        .and_then(|rest| rest.find("coding"))
    {
        let after = search_from + found + "coding".len();
        if matches!(bytes.get(after), Some(b':' | b'=')) {
            let mut i = after + 1;
            while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            if bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            {
                return true;
            }
        }
        search_from = after;
    }
    false
}

/// Whitespace as Python's `str.isspace` sees it.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}
