use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
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
        prefilter: [],
        quick_check: first_two_lines_mention_coding,
    }
}

/// Only a comment on one of the first two lines can be a declaration (the
/// tree counts lines at line feeds, so this looks at least as far).
fn first_two_lines_mention_coding(src: &str) -> bool {
    let mut line_feeds = src.match_indices('\n').map(|(at, _)| at);
    let end = line_feeds.nth(1).unwrap_or(src.len());
    src.get(..end).is_some_and(|top| top.contains("coding"))
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
        let edits = vec![Edit::delete(range)];
        if node
            .parent()
            .is_some_and(|parent| parent.kind_name() == "module")
        {
            // Only the lines below move up: a comment on the third line
            // may become a declaration, or leave blank lines on top.
            cx.fix_feeding(&["encoding-cookie", "leading-whitespace"], edits);
        } else {
            // Inside a construct, the comment may be what kept another rule
            // off it.
            cx.fix(edits);
        }
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
