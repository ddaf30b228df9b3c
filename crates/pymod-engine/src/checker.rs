//! What a rule sees of the file while it checks a node, and how it proposes fixes.

use pymod_syntax::NodeExt;
use std::ops::Range;

use tree_sitter::Node;

use crate::edit::{Edit, Fix, Safety};
use crate::imports::ImportTable;
use crate::rule::RuleMeta;
use crate::settings::{PyVersion, Settings};

/// Facts about the file being fixed that do not come from its tree.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// Whether the file is a stub (`.pyi`).
    pub is_stub: bool,
    /// The file's path as given by the user, if any (stdin may have none).
    pub path: Option<String>,
    /// Whether the file starts with a UTF-8 byte-order mark (not part of
    /// the text rules see).
    pub bom: bool,
}

/// The per-file context a rule works with.
pub struct Checker<'a> {
    /// The current source text.
    pub src: &'a str,
    pub settings: &'a Settings,
    /// What imported names refer to, and which names local bindings shadow.
    pub imports: &'a ImportTable,
    pub facts: &'a FileFacts,
    pub(crate) comments: &'a [Range<usize>],
    pub(crate) fstring_fields: &'a [Range<usize>],
    pub(crate) rule: &'static RuleMeta,
    /// Every rule this run uses.
    pub(crate) rules: &'a [&'static dyn crate::rule::Rule],
    pub(crate) fixes: &'a mut Vec<Fix>,
}

impl<'a> Checker<'a> {
    /// Whether the rule called `name` is part of this run, for a rule that
    /// leaves a construct to another one when that one will handle it.
    pub fn is_rule_enabled(&self, name: &str) -> bool {
        self.rules.iter().any(|r| r.meta().name == name)
    }

    /// The rule being run.
    pub fn rule_meta(&self) -> &'static RuleMeta {
        self.rule
    }

    /// The comment after `node` on the line where `node` ends, if any.
    pub fn trailing_comment(&self, node: Node<'_>) -> Option<&'a str> {
        let end = node.end_byte();
        let rest = self.src.get(end..)?;
        let line_end = end + rest.find('\n').unwrap_or(rest.len());
        let first_after = self.comments.partition_point(|c| c.start < end);
        let comment = self.comments.get(first_after)?;
        (comment.start < line_end).then(|| self.slice(comment.clone()))
    }

    /// The source text of `node`.
    pub fn text(&self, node: Node<'_>) -> &'a str {
        self.src
            .get(node.start_byte()..node.end_byte())
            .unwrap_or("")
    }

    /// The source text of `range`.
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        self.src.get(range).unwrap_or("")
    }

    pub fn target(&self) -> PyVersion {
        self.settings.target
    }

    /// Whether the target version is at least 3.`minor`.
    pub fn targets_at_least(&self, minor: u8) -> bool {
        self.settings.target >= PyVersion::py3(minor)
    }

    /// Whether a comment lies within `range`.
    pub fn has_comment_in(&self, range: Range<usize>) -> bool {
        let first_after_start = self.comments.partition_point(|c| c.start < range.start);
        self.comments
            .get(first_after_start)
            .is_some_and(|c| c.start < range.end)
    }

    /// Whether a comment lies within `node`.
    pub fn has_comment(&self, node: Node<'_>) -> bool {
        self.has_comment_in(node.start_byte()..node.end_byte())
    }

    /// Whether `node` lies inside an f-string's replacement field (`{...}`).
    pub fn in_fstring_field(&self, node: Node<'_>) -> bool {
        let start = node.start_byte();
        let after = self
            .fstring_fields
            .partition_point(|field| field.start < start);
        after > 0
            && self
                .fstring_fields
                .get(after - 1)
                .is_some_and(|field| field.end >= node.end_byte())
    }

    /// The file's line ending, from its first line (`\n` if it has none).
    pub fn line_ending(&self) -> &'static str {
        match self.src.find('\n') {
            Some(i) if i > 0 && self.src.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// The qualified name `node` refers to: `typing.List` for `List` after
    /// `from typing import List`, or for `t.List` after `import typing as t`;
    /// a builtin's own name when nothing in the file rebinds it. `None` for
    /// anything that is not a name or a chain of attributes on a name, or
    /// when a local binding shadows the name.
    pub fn resolve(&self, node: Node<'_>) -> Option<String> {
        let mut attributes = Vec::new();
        let mut current = node;
        loop {
            match current.kind() {
                "identifier" => break,
                "attribute" => {
                    let attribute = current.field("attribute")?;
                    attributes.push(self.text(attribute));
                    current = current.field("object")?;
                }
                _ => return None,
            }
        }
        let mut qualified = self
            .imports
            .resolve_name(self.text(current), current.start_byte())?;
        for attribute in attributes.iter().rev() {
            qualified.push('.');
            qualified.push_str(attribute);
        }
        Some(qualified)
    }

    /// Whether `node` refers to `qualified` (see [`Checker::resolve`]).
    pub fn refers_to(&self, node: Node<'_>, qualified: &str) -> bool {
        self.resolve(node).as_deref() == Some(qualified)
    }

    /// Proposes a safe fix made of `edits`.
    pub fn fix(&mut self, edits: Vec<Edit>) {
        self.fix_with_safety(Safety::Safe, edits);
    }

    /// Proposes a fix that may change behaviour in rare cases.
    pub fn fix_unsafe(&mut self, edits: Vec<Edit>) {
        self.fix_with_safety(Safety::Unsafe, edits);
    }

    pub fn fix_with_safety(&mut self, safety: Safety, edits: Vec<Edit>) {
        self.push_fix(safety, self.rule.feeds, edits);
    }

    /// Proposes a safe fix that can give new work only to the rules in
    /// `feeds`, a narrower claim than the rule's own (`RuleMeta::feeds`)
    /// for a kind of fix the rule knows more about.
    pub fn fix_feeding(&mut self, feeds: &'static [&'static str], edits: Vec<Edit>) {
        self.push_fix(Safety::Safe, Some(feeds), edits);
    }

    fn push_fix(
        &mut self,
        safety: Safety,
        feeds: Option<&'static [&'static str]>,
        edits: Vec<Edit>,
    ) {
        if let Some(fix) = Fix::new(self.rule.name, safety, feeds, edits) {
            self.fixes.push(fix);
        }
    }

    /// Proposes replacing `node` with `text`.
    pub fn replace(&mut self, node: Node<'_>, text: impl Into<String>) {
        self.fix(vec![Edit::replace(
            node.start_byte()..node.end_byte(),
            text,
        )]);
    }

    /// Proposes replacing `range` with `text`.
    pub fn replace_range(&mut self, range: Range<usize>, text: impl Into<String>) {
        self.fix(vec![Edit::replace(range, text)]);
    }
}
