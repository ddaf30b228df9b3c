//! A token-level view of one import statement's logical line, for rewrites
//! that must treat whitespace, continuations and comments inside the
//! statement exactly the way a token-based fixer does.
//!
//! Only the tokens an import statement can contain are understood; anything
//! else on the line (a `;` and another statement, a string...) makes
//! [`ImportLine::read`] give up.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Name,
    Op,
    /// Spaces, tabs and form feeds between tokens, or the indentation.
    Whitespace,
    /// A backslash continuation with its line break.
    EscapedNewline,
    Comment,
    /// A line break inside brackets.
    Nl,
    /// The line break ending the statement (empty at the end of the file).
    Newline,
    /// Text produced by a rewrite that belongs to the statement itself.
    Code,
    /// New statements added after the statement.
    Inserted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub kind: TokKind,
    pub text: String,
}

impl Tok {
    pub fn new(kind: TokKind, text: impl Into<String>) -> Self {
        Tok {
            kind,
            text: text.into(),
        }
    }

    pub fn is_name(&self, text: &str) -> bool {
        self.kind == TokKind::Name && self.text == text
    }

    pub fn is_op(&self, text: &str) -> bool {
        self.kind == TokKind::Op && self.text == text
    }
}

/// The tokens from the start of an import statement's line (indentation
/// included) to the end of its logical line.
#[derive(Debug, Clone)]
pub struct ImportLine {
    pub tokens: Vec<Tok>,
    /// Index of the statement's first token (`from` or `import`).
    pub keyword: usize,
    /// Whether code precedes the statement on its line (`if x: import y`).
    pub inline: bool,
    /// Byte offset where `tokens` begin in the source.
    pub start: usize,
    /// Byte offset just past the statement's line break.
    pub end: usize,
}

impl ImportLine {
    /// Reads the logical line of the statement starting at `stmt_start`.
    pub fn read(src: &str, stmt_start: usize) -> Option<ImportLine> {
        let line_start = src
            .get(..stmt_start)?
            .rfind(['\n', '\r'])
            .map_or(0, |i| i + 1);
        let prefix = src.get(line_start..stmt_start)?;
        let mut tokens = Vec::new();
        let (inline, start) = if prefix.is_empty() {
            (false, stmt_start)
        } else if prefix.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c')) {
            tokens.push(Tok::new(TokKind::Whitespace, prefix));
            (false, line_start)
        } else {
            (true, stmt_start)
        };
        let keyword = tokens.len();
        let end = tokenize_statement(src, stmt_start, &mut tokens)?;
        Some(ImportLine {
            tokens,
            keyword,
            inline,
            start,
            end,
        })
    }

    /// The indentation new statements after this one need, or `None` when
    /// the statement shares its line with other code.
    pub fn indent(&self) -> Option<String> {
        if self.inline {
            return None;
        }
        match self.has_space_before() {
            true => self.tokens.first().map(|t| t.text.clone()),
            false => Some(String::new()),
        }
    }

    pub fn has_space_before(&self) -> bool {
        self.keyword > 0
    }

    /// Index just past the statement's `Newline` token at or after `from`.
    pub fn find_end(&self, from: usize) -> Option<usize> {
        let offset = self
            .tokens
            .get(from..)?
            .iter()
            .position(|t| t.kind == TokKind::Newline)?;
        Some(from + offset + 1)
    }

    pub fn find_name(&self, from: usize, name: &str) -> Option<usize> {
        let offset = self
            .tokens
            .get(from..)?
            .iter()
            .position(|t| t.is_name(name))?;
        Some(from + offset)
    }

    /// The rewritten text of the line.
    pub fn render(&self) -> String {
        self.tokens.iter().map(|t| t.text.as_str()).collect()
    }

    /// The rewritten text of the statement itself, without added statements.
    pub fn render_statement(&self) -> String {
        self.tokens
            .iter()
            .filter(|t| t.kind != TokKind::Inserted)
            .map(|t| t.text.as_str())
            .collect()
    }
}

/// Deletes `tokens[from..to]` with the clamping of a Python slice.
pub fn delete_slice(tokens: &mut Vec<Tok>, from: usize, to: usize) {
    let to = to.min(tokens.len());
    if from < to {
        tokens.drain(from..to);
    }
}

/// Replaces `tokens[from..to]` (clamped like a Python slice) with `with`.
pub fn replace_slice(tokens: &mut Vec<Tok>, from: usize, to: usize, with: Tok) {
    let from = from.min(tokens.len());
    let to = to.clamp(from, tokens.len());
    tokens.splice(from..to, [with]);
}

/// Inserts `tok` at `at` (clamped like a Python slice assignment).
pub fn insert_at(tokens: &mut Vec<Tok>, at: usize, tok: Tok) {
    let at = at.min(tokens.len());
    tokens.insert(at, tok);
}

/// Tokenizes from `start` through the statement's line break, appending to
/// `out`; returns the offset past the line break.
fn tokenize_statement(src: &str, start: usize, out: &mut Vec<Tok>) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let Some(&b) = bytes.get(i) else {
            if depth > 0 {
                return None;
            }
            out.push(Tok::new(TokKind::Newline, ""));
            return Some(i);
        };
        let token_start = i;
        let kind = match b {
            b' ' | b'\t' | b'\x0c' => {
                while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\x0c')) {
                    i += 1;
                }
                TokKind::Whitespace
            }
            b'\\' => {
                i += 1 + line_break_len(bytes, i + 1)?;
                TokKind::EscapedNewline
            }
            b'#' => {
                while !matches!(bytes.get(i), None | Some(b'\n' | b'\r')) {
                    i += 1;
                }
                TokKind::Comment
            }
            b'\n' | b'\r' => {
                i += line_break_len(bytes, i)?;
                if depth == 0 {
                    out.push(Tok::new(TokKind::Newline, src.get(token_start..i)?));
                    return Some(i);
                }
                TokKind::Nl
            }
            b'(' => {
                depth += 1;
                i += 1;
                TokKind::Op
            }
            b')' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                TokKind::Op
            }
            b',' | b'.' | b'*' => {
                i += 1;
                TokKind::Op
            }
            _ => {
                let rest = src.get(i..)?;
                let len: usize = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .map(char::len_utf8)
                    .sum();
                let first = rest.chars().next()?;
                if len == 0 || first.is_ascii_digit() {
                    return None;
                }
                i += len;
                TokKind::Name
            }
        };
        out.push(Tok::new(kind, src.get(token_start..i)?));
    }
}

/// The length of the line break at `at`: `\n` or `\r\n` (a lone `\r` is
/// not supported).
fn line_break_len(bytes: &[u8], at: usize) -> Option<usize> {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\n'), _) => Some(1),
        (Some(b'\r'), Some(b'\n')) => Some(2),
        _ => None,
    }
}

/// The names an import statement's text imports, as `(dotted name, alias)`
/// pairs in order: what a rewrite of the statement must have kept.
pub fn imported_names(statement: &str) -> Option<Vec<(String, Option<String>)>> {
    let mut tokens = Vec::new();
    tokenize_statement(statement, 0, &mut tokens)?;
    let mut code = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Name | TokKind::Op | TokKind::Code));
    // Skip through the `import` keyword.
    code.by_ref().find(|t| t.is_name("import"))?;
    let mut names = Vec::new();
    let mut dotted = String::new();
    let mut alias: Option<String> = None;
    let mut after_as = false;
    let mut flush = |dotted: &mut String, alias: &mut Option<String>| {
        if !dotted.is_empty() {
            names.push((std::mem::take(dotted), alias.take()));
        }
    };
    for tok in code {
        match tok.kind {
            TokKind::Name if tok.text == "as" => after_as = true,
            TokKind::Name if after_as => {
                alias = Some(tok.text.clone());
                after_as = false;
            }
            TokKind::Name => dotted.push_str(&tok.text),
            TokKind::Op if tok.text == "." => dotted.push('.'),
            TokKind::Op if tok.text == "," => flush(&mut dotted, &mut alias),
            TokKind::Op if tok.text == "*" => dotted.push('*'),
            _ => {}
        }
    }
    flush(&mut dotted, &mut alias);
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &ImportLine) -> Vec<TokKind> {
        line.tokens.iter().map(|t| t.kind).collect()
    }

    #[test]
    fn reads_indented_line_with_continuations() {
        let src = "if x:\n    from a import \\\n  (b,  # c\n c)\nz = 1\n";
        let start = src.find("from").unwrap_or(0);
        let line = ImportLine::read(src, start).expect("tokenizes");
        assert_eq!(line.keyword, 1);
        assert_eq!(line.indent().as_deref(), Some("    "));
        assert_eq!(line.render(), "    from a import \\\n  (b,  # c\n c)\n");
        assert_eq!(&src[line.start..line.end], line.render());
        assert!(kinds(&line).contains(&TokKind::EscapedNewline));
        assert!(kinds(&line).contains(&TokKind::Nl));
    }

    #[test]
    fn inline_statement_has_no_indent() {
        let src = "if x: import a";
        let line = ImportLine::read(src, 6).expect("tokenizes");
        assert!(line.inline);
        assert_eq!(line.indent(), None);
        assert_eq!(line.tokens.last().map(|t| t.text.as_str()), Some(""));
    }

    #[test]
    fn gives_up_on_other_statements() {
        assert!(ImportLine::read("import a; b = 'x'\n", 0).is_none());
    }

    #[test]
    fn lists_imported_names() {
        let names = imported_names("from a import (b as c,\n d)\n").expect("parses");
        assert_eq!(
            names,
            vec![("b".into(), Some("c".into())), ("d".into(), None)]
        );
        let names = imported_names("import x . y as z, w").expect("parses");
        assert_eq!(
            names,
            vec![("x.y".into(), Some("z".into())), ("w".into(), None)]
        );
    }
}
