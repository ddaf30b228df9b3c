//! What the user asked for: target version and behaviour flags.

use std::fmt;

/// A Python 3 version, as targeted by `--pyXY-plus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyVersion {
    pub major: u8,
    pub minor: u8,
}

impl PyVersion {
    pub const PY3: PyVersion = PyVersion::new(3, 0);

    pub const fn new(major: u8, minor: u8) -> Self {
        PyVersion { major, minor }
    }

    pub const fn py3(minor: u8) -> Self {
        PyVersion::new(3, minor)
    }

    /// Parses `py38`, `py3`, `3.8` or `38`.
    pub fn parse(text: &str) -> Option<PyVersion> {
        let digits = text.strip_prefix("py").unwrap_or(text).replace('.', "");
        let minor_text = digits.strip_prefix('3')?;
        if minor_text.is_empty() {
            return Some(PyVersion::PY3);
        }
        let minor: u8 = minor_text.parse().ok()?;
        Some(PyVersion::py3(minor))
    }
}

impl fmt::Display for PyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minor == 0 {
            write!(f, "{}", self.major)
        } else {
            write!(f, "{}.{}", self.major, self.minor)
        }
    }
}

/// Settings shared by every file of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub target: PyVersion,
    pub keep_percent_format: bool,
    pub keep_mock: bool,
    pub keep_runtime_typing: bool,
    pub unsafe_fixes: bool,
    /// Longest line an f-string conversion may produce; 0 means no limit.
    pub fstring_line_length: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            target: PyVersion::PY3,
            keep_percent_format: false,
            keep_mock: false,
            keep_runtime_typing: false,
            unsafe_fixes: false,
            fstring_line_length: 88,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PyVersion;

    #[test]
    fn parses_version_spellings() {
        assert_eq!(PyVersion::parse("py38"), Some(PyVersion::py3(8)));
        assert_eq!(PyVersion::parse("py315"), Some(PyVersion::py3(15)));
        assert_eq!(PyVersion::parse("3.11"), Some(PyVersion::py3(11)));
        assert_eq!(PyVersion::parse("py3"), Some(PyVersion::PY3));
        assert_eq!(PyVersion::parse("py2"), None);
    }
}
