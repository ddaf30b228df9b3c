use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

declare_rule! {
    /// Turns imports guarded by `if TYPE_CHECKING:` into lazy imports.
    ///
    /// ## What it does
    /// Replaces a module-level `if TYPE_CHECKING:` (or `if False:`) block
    /// made only of imports by the same imports marked `lazy`, dedented to
    /// the module level.
    ///
    /// ## Why is this bad?
    /// The guard exists to avoid the cost (or the import cycle) of importing
    /// modules only annotations need. Python 3.15's lazy imports give the
    /// same benefit while keeping the names usable at run time.
    ///
    /// ## Example
    /// ```python
    /// from typing import TYPE_CHECKING
    /// if TYPE_CHECKING:
    ///     from collections.abc import Sequence
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from typing import TYPE_CHECKING
    /// lazy from collections.abc import Sequence
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.15.
    ///
    /// ## When it refuses
    /// Guards that are not at module level, that have an `else` or `elif`,
    /// or whose block holds anything but imports.
    ///
    /// ## Fix safety
    /// Safe: a lazy import runs no code until its name is used, as under the
    /// guard. Off by default until the engine can validate `lazy` syntax.
    pub struct LazyTypeCheckingImports {
        name: "lazy-type-checking-imports",
        group: "pyupgrade",
        min_version: PyVersion::py3(15),
        kinds: ["if_statement"],
        prefilter: ["if"],
        default_enabled: false,
    }
}

impl Rule for LazyTypeCheckingImports {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if node.start_position().column != 0 || node.field("alternative").is_some() {
            return;
        }
        let (Some(condition), Some(block)) = (node.field("condition"), node.field("consequence"))
        else {
            return;
        };
        if !is_never_true(condition, cx) {
            return;
        }
        let mut cursor = block.walk();
        let statements: Vec<Node<'_>> = block
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() != "comment")
            .collect();
        let all_imports = statements
            .iter()
            .all(|s| matches!(s.kind_name(), "import_statement" | "import_from_statement"));
        if statements.is_empty() || !all_imports {
            return;
        }
        let Some(edits) = lazy_edits(node, block, &statements, cx) else {
            return;
        };
        cx.fix(edits);
    }
}

/// Whether `condition` is `TYPE_CHECKING` (from `typing` or
/// `typing_extensions`) or a literal that is always false.
fn is_never_true(condition: Node<'_>, cx: &Checker<'_>) -> bool {
    let text = cx.text(condition);
    match condition.kind_name() {
        "identifier" => {
            text == "TYPE_CHECKING"
                && (cx.imports.is_from_imported("typing", text)
                    || cx.imports.is_from_imported("typing_extensions", text))
        }
        "attribute" => {
            let (Some(object), Some(attribute)) =
                (condition.field("object"), condition.field("attribute"))
            else {
                return false;
            };
            object.kind_name() == "identifier"
                && matches!(cx.text(object), "typing" | "typing_extensions")
                && cx.text(attribute) == "TYPE_CHECKING"
        }
        "false" | "none" => true,
        "integer" => is_zero_integer(text),
        "float" => is_zero_float(text),
        "string" => is_empty_string(condition, text),
        _ => false,
    }
}

/// An empty string or bytes literal (not an f-string, which is no constant).
fn is_empty_string(node: Node<'_>, text: &str) -> bool {
    let prefix = text.split(['\'', '"']).next().unwrap_or_default();
    let mut cursor = node.walk();
    let only_quotes = node
        .named_children(&mut cursor)
        .all(|c| matches!(c.kind_name(), "string_start" | "string_end"));
    only_quotes && !prefix.contains(['f', 'F', 't', 'T'])
}

fn is_zero_integer(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let digits = ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let digits = digits.strip_suffix('j').unwrap_or(digits);
    !digits.is_empty() && digits.chars().all(|c| c == '0' || c == '_')
}

fn is_zero_float(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let lower = lower.strip_suffix('j').unwrap_or(&lower);
    let mantissa = lower.split('e').next().unwrap_or_default();
    mantissa.chars().any(|c| c == '0') && mantissa.chars().all(|c| matches!(c, '0' | '.' | '_'))
}

/// The edits that drop the `if` line, dedent the block's lines and mark
/// `lazy` each import that starts a line.
fn lazy_edits(
    node: Node<'_>,
    block: Node<'_>,
    statements: &[Node<'_>],
    cx: &Checker<'_>,
) -> Option<Vec<Edit>> {
    let src = cx.src;
    let first = statements.first()?;
    if block.start_position().row == node.start_position().row {
        // One-line block: `if TYPE_CHECKING: import a`; only the first of
        // several `;`-separated imports is marked.
        return Some(vec![Edit::replace(
            node.start_byte()..first.start_byte(),
            "lazy ",
        )]);
    }
    let mut cursor = node.walk();
    let colon = node.children(&mut cursor).find(|c| c.kind_name() == ":")?;
    let header_end = line_end(src, colon.end_byte())?;
    if header_end > first.start_byte() {
        return None;
    }
    // The block's lines run up to the next statement at module level.
    let region_end = next_statement_line(node, src).unwrap_or(src.len());
    let lines = body_lines(src, header_end, region_end);
    let minimum = lines
        .iter()
        .filter(|l| !l.after_continuation && l.indent > 0 && !l.is_comment)
        .map(|l| l.indent)
        .min()?;
    let mut text = String::with_capacity(region_end.saturating_sub(header_end) + 16);
    for line in &lines {
        let line_text = src.get(line.start..line.end)?;
        if line.after_continuation || line.indent == 0 {
            text.push_str(line_text);
            continue;
        }
        let kept_indent = line_text.get(minimum.min(line.indent)..line.indent)?;
        text.push_str(kept_indent);
        if statements
            .iter()
            .any(|s| s.start_byte() == line.start + line.indent)
        {
            text.push_str("lazy ");
        }
        text.push_str(line_text.get(line.indent..)?);
    }
    Some(vec![Edit::replace(node.start_byte()..region_end, text)])
}

struct BodyLine {
    start: usize,
    end: usize,
    /// Length of the leading spaces, tabs and form feeds.
    indent: usize,
    /// Whether the previous line ended with a backslash continuation.
    after_continuation: bool,
    /// Whether the first thing after the indentation is a comment.
    is_comment: bool,
}

fn body_lines(src: &str, from: usize, to: usize) -> Vec<BodyLine> {
    let mut lines = Vec::new();
    let mut start = from;
    let mut after_continuation = false;
    while start < to {
        let end = src
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(src.len(), |i| start + i + 1);
        let line = src.get(start..end).unwrap_or_default();
        let indent = line.len() - line.trim_start_matches([' ', '\t', '\x0c']).len();
        let rest = line.get(indent..).unwrap_or_default();
        lines.push(BodyLine {
            start,
            end,
            indent,
            after_continuation,
            is_comment: rest.starts_with('#'),
        });
        after_continuation = rest.trim_end_matches(['\n', '\r']).ends_with('\\');
        start = end;
    }
    lines
}

/// The offset just past the line break of the line holding `offset`.
fn line_end(src: &str, offset: usize) -> Option<usize> {
    let rest = src.get(offset..)?;
    Some(rest.find('\n').map_or(src.len(), |i| offset + i + 1))
}

/// The start of the line of the first statement after `node`.
fn next_statement_line(node: Node<'_>, src: &str) -> Option<usize> {
    let mut next = node.next_named_sibling();
    while let Some(sibling) = next {
        if sibling.kind_name() != "comment" {
            let start = sibling.start_byte();
            return Some(src.get(..start)?.rfind('\n').map_or(0, |i| i + 1));
        }
        next = sibling.next_named_sibling();
    }
    None
}
