//! String literals (`string` nodes) taken apart into prefix, quotes and body.

use pymod_syntax::NodeExt;
use tree_sitter::Node;

/// A single string literal's parts (not an implicit concatenation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringParts<'s> {
    /// The prefix letters as written (`u`, `Rb`, `f`, ...).
    pub prefix: &'s str,
    /// The opening (and closing) quote: `'`, `"`, `'''` or `"""`.
    pub quote: &'s str,
    /// What lies between the quotes, as written.
    pub body: &'s str,
    /// Byte offset of the literal's start.
    pub start: usize,
}

impl<'s> StringParts<'s> {
    /// Takes apart the `string` node `node` of `src`.
    pub fn of(node: Node<'_>, src: &'s str) -> Option<StringParts<'s>> {
        if node.kind_name() != "string" {
            return None;
        }
        let text = src.get(node.byte_range())?;
        let prefix_len = text.find(['\'', '"'])?;
        let (prefix, rest) = text.split_at(prefix_len);
        let quote = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
            &rest[..3]
        } else {
            &rest[..1]
        };
        let body = rest.strip_prefix(quote)?.strip_suffix(quote)?;
        Some(StringParts {
            prefix,
            quote,
            body,
            start: node.start_byte(),
        })
    }

    pub fn has_prefix(&self, letter: char) -> bool {
        self.prefix.chars().any(|c| c.eq_ignore_ascii_case(&letter))
    }

    pub fn is_bytes(&self) -> bool {
        self.has_prefix('b')
    }

    /// The prefix without `u`, which Python 3 ignores and no other prefix
    /// may be combined with.
    pub fn prefix_without_u(&self) -> String {
        self.prefix
            .chars()
            .filter(|c| !matches!(c, 'u' | 'U'))
            .collect()
    }

    pub fn is_raw(&self) -> bool {
        self.has_prefix('r')
    }

    pub fn is_fstring(&self) -> bool {
        self.has_prefix('f')
    }

    /// Template strings (PEP 750).
    pub fn is_tstring(&self) -> bool {
        self.has_prefix('t')
    }

    pub fn is_triple_quoted(&self) -> bool {
        self.quote.len() == 3
    }
}
