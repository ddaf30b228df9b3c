//! The strict judge: rustpython-parser accepts only Python 3 that CPython's
//! parser accepts (up to its grammar's age), where tree-sitter is lenient.

use crate::parse::SyntaxIssue;
use rustpython_parser::{ast, Parse};

/// Parses `text` as a Python 3 module with the strict parser.
pub fn check(text: &str) -> Result<(), SyntaxIssue> {
    match ast::Suite::parse(text, "<input>") {
        Ok(_) => Ok(()),
        Err(err) => {
            let offset = usize::from(err.offset);
            Err(SyntaxIssue::at(text, offset, err.error.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

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
