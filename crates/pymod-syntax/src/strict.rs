//! The strict judge: rustpython-parser accepts only Python 3 that CPython's
//! parser accepts (up to its grammar's age), where tree-sitter is lenient.

use std::borrow::Cow;

use crate::parse::SyntaxIssue;
use rustpython_parser::{ast, Parse};

/// Parses `text` as a Python 3 module with the strict parser.
pub fn check(text: &str) -> Result<(), SyntaxIssue> {
    let text = &*blank_lines_as_spaces(text);
    match ast::Suite::parse(text, "<input>") {
        Ok(_) => Ok(()),
        Err(err) => {
            let offset = usize::from(err.offset);
            Err(SyntaxIssue::at(text, offset, err.error.to_string()))
        }
    }
}

/// Whether `text` alone is one Python expression (as `eval` would read
/// it), for rules that turn a string's content into code.
pub fn is_expression(text: &str) -> bool {
    let text = text.trim_matches([' ', '\t']);
    !text.is_empty() && ast::Expr::parse(text, "<string>").is_ok()
}

/// rustpython-parser's lexer rejects a whitespace-only line that mixes tabs
/// after spaces, which CPython ignores (such lines carry no indentation).
/// Turning those tabs and form feeds into spaces keeps every offset and
/// changes nothing else CPython would judge.
fn blank_lines_as_spaces(text: &str) -> Cow<'_, str> {
    let is_blank_with_tab = |line: &str| {
        let body = line.trim_end_matches(['\n', '\r']);
        body.contains(['\t', '\x0c']) && body.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
    };
    if !text.split_inclusive('\n').any(is_blank_with_tab) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_blank_with_tab(line) {
            out.extend(
                line.chars()
                    .map(|c| if matches!(c, '\t' | '\x0c') { ' ' } else { c }),
            );
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{check, is_expression};

    #[test]
    fn blank_line_mixing_spaces_and_tabs_is_valid() {
        assert!(check("if x:\n        y = 1\n    \t\nz = 1\n").is_ok());
        assert!(check("if x:\n    y = 1\n \x0c\t \r\nz = 1\n").is_ok());
    }

    #[test]
    fn expressions() {
        assert!(is_expression("List[int]"));
        assert!(is_expression(" a.b | None "));
        for text in ["", "  ", "a b", "1 +", "x = 1", "a\nb"] {
            assert!(!is_expression(text), "{text:?}");
        }
    }

    #[test]
    fn python3_passes() {
        assert!(check("print('x')\nmatch x:\n    case 1: pass\n").is_ok());
    }

    #[test]
    fn python2_fails() {
        for src in [
            "print 'x'\n",
            "exec 'code'\n",
            "raise E, 'msg'\n",
            "x = `y`\n",
            "x = 0777\n",
            "x = 10L\n",
            "x = 1 <> 2\n",
        ] {
            assert!(check(src).is_err(), "{src:?} should fail");
        }
    }
}
