use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use tree_sitter::Node;

use crate::helpers::literals::has_backslash_in_interpolation;
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Fixes invalid escape sequences such as `"\d"` in string literals.
    ///
    /// ## What it does
    /// A literal whose only escapes are invalid becomes a raw string
    /// (`"\d+"` -> `r"\d+"`); a literal that also has valid escapes gets the
    /// backslash of each invalid one doubled (`"\n\d"` -> `"\n\\d"`).
    ///
    /// ## Why is this bad?
    /// An unknown escape keeps its backslash today, but Python warns about it
    /// (`SyntaxWarning: invalid escape sequence`) and plans to make it an
    /// error.
    ///
    /// ## Example
    /// ```python
    /// pattern = "\d+\.\d+"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// pattern = r"\d+\.\d+"
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// Raw strings, strings nested in an f-string's replacement fields, and
    /// f-strings whose replacement fields contain a backslash. In bytes,
    /// `\u`, `\U` and `\N{...}` count as invalid.
    ///
    /// ## Fix safety
    /// Safe: the value of the literal does not change.
    pub struct EscapeSequence {
        name: "escape-sequence",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["string"],
        prefilter: ["\\"],
    }
}

impl Rule for EscapeSequence {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(parts) = StringParts::of(node, cx.src) else {
            return;
        };
        if parts.is_raw() || !parts.body.contains('\\') || parts.is_tstring() {
            return;
        }
        if cx.in_fstring_field(node)
            || (parts.is_fstring() && has_backslash_in_interpolation(node, cx.src))
        {
            return;
        }
        let is_bytes = parts.is_bytes();
        let body = parts.body;
        let mut has_valid = false;
        let mut invalid_at = Vec::new();
        let mut chars = body.char_indices();
        while let Some((at, c)) = chars.next() {
            if c != '\\' {
                continue;
            }
            let Some((next_at, next)) = chars.next() else {
                break;
            };
            if is_valid_escape(
                next,
                body.get(next_at + next.len_utf8()..).unwrap_or(""),
                is_bytes,
            ) {
                has_valid = true;
            } else {
                invalid_at.push(at);
            }
        }
        if invalid_at.is_empty() {
            return;
        }
        // The `u` prefix goes too, as `unicode-literal` would remove it.
        let prefix = parts.prefix_without_u();
        let body_start = parts.start + parts.prefix.len() + parts.quote.len();
        if has_valid {
            let mut edits: Vec<Edit> = invalid_at
                .iter()
                .map(|at| Edit::insert(body_start + at, "\\"))
                .collect();
            if prefix.len() != parts.prefix.len() {
                edits.push(Edit::replace(
                    parts.start..parts.start + parts.prefix.len(),
                    prefix,
                ));
            }
            cx.fix(edits);
        } else {
            cx.fix(vec![Edit::replace(
                parts.start..parts.start + parts.prefix.len(),
                format!("{prefix}r"),
            )]);
        }
    }
}

/// Whether `\` followed by `c` (then `rest`) is an escape Python knows.
fn is_valid_escape(c: char, rest: &str, is_bytes: bool) -> bool {
    match c {
        '\n'
        | '\r'
        | '\\'
        | '\''
        | '"'
        | 'a'
        | 'b'
        | 'f'
        | 'n'
        | 'r'
        | 't'
        | 'v'
        | '0'..='7'
        | 'x' => true,
        'u' | 'U' => !is_bytes,
        'N' => !is_bytes && is_named_escape_name(rest),
        _ => false,
    }
}

/// `{NAME}` with a non-empty name.
fn is_named_escape_name(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('{') else {
        return false;
    };
    inner.find('}').is_some_and(|end| end > 0)
}
