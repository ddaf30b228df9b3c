//! Decoding a file's bytes into text pymod may edit, and encoding it back.

use thiserror::Error;

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// A file's text with the byte-level facts needed to write it back unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The text without its byte-order mark.
    pub text: String,
    /// Whether the file started with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl SourceText {
    /// The bytes to write for `text`, restoring the byte-order mark.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.bom {
            out.extend_from_slice(UTF8_BOM);
        }
        out.extend_from_slice(text.as_bytes());
        out
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("not valid UTF-8")]
    InvalidUtf8,
    #[error("declares encoding {0:?}, not UTF-8")]
    OtherEncoding(String),
}

/// Decodes a Python file as UTF-8, refusing files that are not UTF-8 or that
/// declare another encoding with a PEP 263 cookie: editing those as UTF-8
/// would corrupt them.
pub fn decode(bytes: &[u8]) -> Result<SourceText, DecodeError> {
    let (bom, body) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let text = std::str::from_utf8(body).map_err(|_| DecodeError::InvalidUtf8)?;
    if let Some(encoding) = declared_encoding(text) {
        if !is_utf8_compatible(&encoding) {
            return Err(DecodeError::OtherEncoding(encoding));
        }
    }
    Ok(SourceText {
        text: text.to_owned(),
        bom,
    })
}

/// The encoding named by a PEP 263 cookie on the first or second line.
pub fn declared_encoding(text: &str) -> Option<String> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in_line(first) {
        return Some(name);
    }
    // The cookie may sit on line two only when line one is blank or a comment.
    if !is_blank_or_comment(first) {
        return None;
    }
    cookie_in_line(lines.next()?)
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
    trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(['\r', '\n'])
}

/// Matches CPython's `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
pub fn cookie_in_line(line: &str) -> Option<String> {
    let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
    let comment = trimmed.strip_prefix('#')?;
    let mut search = comment;
    while let Some(at) = search.find("coding") {
        let after = &search[at + "coding".len()..];
        if let Some(rest) = after.strip_prefix([':', '=']) {
            let rest = rest.trim_start_matches([' ', '\t']);
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .collect();
            if !name.is_empty() {
                return Some(name);
            }
        }
        search = after;
    }
    None
}

/// Whether decoding with `encoding` gives the same text as UTF-8 for every
/// file CPython would accept with that cookie.
pub fn is_utf8_compatible(encoding: &str) -> bool {
    let normalized = encoding.to_ascii_lowercase().replace('_', "-");
    matches!(
        normalized.as_str(),
        "utf-8" | "utf8" | "utf-8-sig" | "ascii" | "us-ascii"
    ) || normalized.starts_with("utf-8-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_kept_aside_and_restored() {
        let src = decode(b"\xef\xbb\xbfx = 1\n").unwrap();
        assert!(src.bom);
        assert_eq!(src.text, "x = 1\n");
        assert_eq!(src.encode("y\n"), b"\xef\xbb\xbfy\n");
    }

    #[test]
    fn invalid_utf8_is_refused() {
        assert_eq!(decode(b"x = '\xff'\n"), Err(DecodeError::InvalidUtf8));
    }

    #[test]
    fn latin1_cookie_is_refused_even_when_ascii() {
        let err = decode(b"# -*- coding: latin-1 -*-\nx = 1\n").unwrap_err();
        assert_eq!(err, DecodeError::OtherEncoding("latin-1".into()));
    }

    #[test]
    fn utf8_cookie_on_second_line_is_accepted() {
        assert!(decode(b"#!/usr/bin/env python\n# coding=utf8\nx = 1\n").is_ok());
    }

    #[test]
    fn cookie_after_code_is_not_a_cookie() {
        assert!(decode(b"x = 1\n# coding: latin-1\n").is_ok());
    }
}
