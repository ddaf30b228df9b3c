use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::unparenthesize_target;

declare_rule! {
    /// Replaces a loop that only re-yields its items with `yield from`.
    ///
    /// ## What it does
    /// Rewrites `for x in items: yield x` (and `for a, b in pairs: yield a, b`)
    /// inside a generator function as `yield from items`.
    ///
    /// ## Why is this bad?
    /// `yield from` says the same in one line, is faster, and also forwards
    /// `send()` and `throw()` to the inner iterator.
    ///
    /// ## Example
    /// ```python
    /// def walk(tree):
    ///     for node in tree.nodes:
    ///         yield node
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def walk(tree):
    ///     yield from tree.nodes
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the loop has an `else` clause or more than the one `yield`, when
    /// the yielded value is not exactly the loop target, in `async`
    /// functions and `async for` loops, outside functions, when the
    /// iterable is a bare tuple (`for x in a, b:`), and when a loop variable
    /// is read anywhere else in the function (before or after the loop, or
    /// in a nested function), since after `yield from` it would no longer
    /// hold the last item. Comments inside the loop body are dropped.
    ///
    /// ## Fix safety
    /// Safe for ordinary iterables; a generator consumer that calls
    /// `send()` now reaches the inner iterator.
    pub struct YieldFromLoop {
        name: "yield-from-loop",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["for_statement"],
        prefilter: ["yield"],
    }
}

impl Rule for YieldFromLoop {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if !re_yields_target(node, cx.src) {
            return;
        }
        let Some(function) = enclosing_scope(node) else {
            return;
        };
        if function.kind_name() != "function_definition" || is_async(function) {
            return;
        }
        let Some(target) = node.field("left") else {
            return;
        };
        let Some(iterable) = node.field("right") else {
            return;
        };
        if iterable.kind_name() == "expression_list" {
            return;
        }
        let names = target_names(target, cx.src);
        if names.is_empty() || names.len() > 64 {
            return;
        }
        if reads_any(function, &names, cx.src) {
            return;
        }
        let (Some(in_keyword), Some(colon)) = (child_token(node, "in"), child_token(node, ":"))
        else {
            return;
        };
        // A continuation before the colon would end the new statement.
        let container = cx
            .slice(in_keyword.end_byte()..colon.start_byte())
            .trim()
            .trim_end_matches(|c: char| c.is_whitespace() || c == '\\');
        let Some(end) = replaced_end(node, colon, cx.src) else {
            return;
        };
        // Like pyupgrade, end with `\n` even in a file of `\r\n` lines.
        cx.replace_range(node.start_byte()..end, format!("yield from {container}\n"));
    }
}

fn is_async(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).any(|c| c.kind_name() == "async");
    found
}

fn child_token<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).find(|c| c.kind_name() == kind);
    found
}

fn is_scope(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "class_definition"
            | "lambda"
            | "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression"
    )
}

fn enclosing_scope(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node.parent()?;
    while !is_scope(current.kind_name()) {
        current = current.parent()?;
    }
    Some(current)
}

/// Whether `node` is a plain `for` loop whose whole body is `yield <target>`.
fn re_yields_target(node: Node<'_>, src: &str) -> bool {
    if is_async(node) || node.field("alternative").is_some() {
        return false;
    }
    let Some(body) = node.field("body") else {
        return false;
    };
    let mut cursor = body.walk();
    let mut statements = body
        .named_children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"));
    let (Some(statement), None) = (statements.next(), statements.next()) else {
        return false;
    };
    if statement.kind_name() != "expression_statement" || statement.named_child_count() != 1 {
        return false;
    }
    let Some(yield_node) = statement.named_child(0).map(unparenthesize_target) else {
        return false;
    };
    if yield_node.kind_name() != "yield" || child_token(yield_node, "from").is_some() {
        return false;
    }
    let mut cursor = yield_node.walk();
    let mut values = yield_node
        .named_children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"));
    let (Some(value), None) = (values.next(), values.next()) else {
        return false;
    };
    node.field("left")
        .is_some_and(|target| same_target(target, value, src))
}

#[derive(PartialEq, Eq)]
enum Shape {
    Name,
    Tuple,
    List,
    Starred,
}

fn shape(node: Node<'_>) -> Option<Shape> {
    Some(match node.kind_name() {
        "identifier" => Shape::Name,
        "tuple" | "pattern_list" | "tuple_pattern" | "expression_list" => Shape::Tuple,
        "list" | "list_pattern" => Shape::List,
        "list_splat" | "list_splat_pattern" => Shape::Starred,
        _ => return None,
    })
}

fn items(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"))
        .collect()
}

/// Whether the loop target and the yielded value are the same names in the
/// same tuple/list structure (parentheses aside).
fn same_target(target: Node<'_>, value: Node<'_>, src: &str) -> bool {
    let mut pending = vec![(target, value)];
    while let Some((a, b)) = pending.pop() {
        let (a, b) = (unparenthesize_target(a), unparenthesize_target(b));
        let (Some(shape_a), Some(shape_b)) = (shape(a), shape(b)) else {
            return false;
        };
        if shape_a != shape_b {
            return false;
        }
        if shape_a == Shape::Name {
            if src.get(a.byte_range()) != src.get(b.byte_range()) {
                return false;
            }
            continue;
        }
        let (items_a, items_b) = (items(a), items(b));
        if items_a.len() != items_b.len() {
            return false;
        }
        pending.extend(items_a.into_iter().zip(items_b));
    }
    true
}

fn target_names<'s>(target: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut names = Vec::new();
    let mut pending = vec![target];
    while let Some(node) = pending.pop() {
        if node.kind_name() == "identifier" {
            if let Some(name) = src.get(node.byte_range()) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        } else {
            pending.extend(items(node));
        }
    }
    names
}

#[derive(Debug, Clone, Copy)]
struct Scope {
    parent: usize,
    reads: u64,
    writes: u64,
    is_async_function: bool,
}

/// Whether any of `names` is read in `function`, counting the reads of
/// nested scopes that do not bind the name themselves, and not counting the
/// bodies of other loops that only re-yield their target (their variable
/// is their own).
fn reads_any(function: Node<'_>, names: &[&str], src: &str) -> bool {
    let bit = |node: Node<'_>| -> u64 {
        let text = src.get(node.byte_range()).unwrap_or("");
        names
            .iter()
            .position(|n| *n == text)
            .map_or(0, |i| 1u64 << i)
    };
    let mut scopes = vec![Scope {
        parent: 0,
        reads: 0,
        writes: 0,
        is_async_function: false,
    }];
    let mut pending: Vec<(Node<'_>, usize)> = Vec::new();
    if let Some(decorated) = function
        .parent()
        .filter(|p| p.kind_name() == "decorated_definition")
    {
        let mut cursor = decorated.walk();
        for decorator in decorated
            .children(&mut cursor)
            .filter(|c| c.kind_name() == "decorator")
        {
            pending.push((decorator, 0));
        }
    }
    let mut cursor = function.walk();
    for child in function.children(&mut cursor) {
        pending.push((child, 0));
    }
    while let Some((node, scope)) = pending.pop() {
        let kind = node.kind_name();
        if kind == "identifier" {
            let mask = bit(node);
            if mask != 0 {
                if let Some(entry) = scopes.get_mut(scope) {
                    match role(node) {
                        Role::Load => entry.reads |= mask,
                        Role::Store => entry.writes |= mask,
                        Role::NotAName => {}
                    }
                }
            }
            continue;
        }
        let mut cursor = node.walk();
        if is_scope(kind) {
            scopes.push(Scope {
                parent: scope,
                reads: 0,
                writes: 0,
                is_async_function: kind == "function_definition" && is_async(node),
            });
            let inner = scopes.len() - 1;
            for child in node.children(&mut cursor) {
                pending.push((child, inner));
            }
        } else if kind == "for_statement"
            && !scopes.get(scope).is_some_and(|s| s.is_async_function)
            && re_yields_target(node, src)
        {
            scopes.push(Scope {
                parent: scope,
                reads: 0,
                writes: 0,
                is_async_function: false,
            });
            let inner = scopes.len() - 1;
            let iterable = node.field("right").map(|r| r.id());
            for child in node.children(&mut cursor) {
                let owner = if Some(child.id()) == iterable {
                    scope
                } else {
                    inner
                };
                pending.push((child, owner));
            }
        } else {
            for child in node.children(&mut cursor) {
                pending.push((child, scope));
            }
        }
    }
    for index in (1..scopes.len()).rev() {
        let Some(&Scope {
            parent,
            reads,
            writes,
            ..
        }) = scopes.get(index)
        else {
            continue;
        };
        if let Some(outer) = scopes.get_mut(parent) {
            outer.reads |= reads & !writes;
        }
    }
    scopes.first().is_some_and(|s| s.reads != 0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Load,
    Store,
    /// An identifier that is not a variable reference: attribute and
    /// keyword names, parameters, definition names, imported names.
    NotAName,
}

fn is_import(kind: &str) -> bool {
    matches!(
        kind,
        "aliased_import" | "import_statement" | "import_from_statement" | "future_import_statement"
    )
}

fn is_field<'t>(parent: Node<'t>, field: &str, child: Node<'t>) -> bool {
    parent.field(field).is_some_and(|f| f.id() == child.id())
}

fn role(ident: Node<'_>) -> Role {
    let Some(parent) = ident.parent() else {
        return Role::Load;
    };
    match parent.kind_name() {
        "attribute" if is_field(parent, "attribute", ident) => return Role::NotAName,
        "keyword_argument" if is_field(parent, "name", ident) => return Role::NotAName,
        "function_definition" | "class_definition" if is_field(parent, "name", ident) => {
            return Role::NotAName
        }
        "default_parameter" | "typed_default_parameter" if is_field(parent, "name", ident) => {
            return Role::NotAName
        }
        "parameters" | "lambda_parameters" => return Role::NotAName,
        "aliased_import" | "import_statement" | "import_from_statement" => return Role::NotAName,
        // Module paths of imports name no variable; elsewhere (match value
        // patterns such as `case x.y:`) a dotted name reads its first part.
        "dotted_name" if parent.parent().is_some_and(|g| is_import(g.kind_name())) => {
            return Role::NotAName
        }
        _ => {}
    }
    if matches!(
        parent.kind_name(),
        "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern"
    ) && !is_field(parent, "type", ident)
        && parent.parent().is_some_and(|g| {
            matches!(
                g.kind_name(),
                "parameters" | "lambda_parameters" | "typed_parameter"
            )
        })
    {
        return Role::NotAName;
    }
    // Climb through target structure to see whether this is the target of
    // a binding.
    let mut child = ident;
    let mut current = parent;
    loop {
        match current.kind_name() {
            "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "list_splat_pattern"
            | "tuple"
            | "list"
            | "parenthesized_expression"
            | "expression_list"
            | "list_splat" => {}
            "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
                return if is_field(current, "left", child) {
                    Role::Store
                } else {
                    Role::Load
                };
            }
            "named_expression" => {
                return if is_field(current, "name", child) {
                    Role::Store
                } else {
                    Role::Load
                };
            }
            "as_pattern_target" | "delete_statement" => return Role::Store,
            _ => return Role::Load,
        }
        child = current;
        let Some(next) = current.parent() else {
            return Role::Load;
        };
        current = next;
    }
}

/// Where the text the fix replaces ends: after the line of a one-line body;
/// for an indented body, after its last line, or after the last comment or
/// blank line indented deeper than the loop that follows it before the next
/// statement.
fn replaced_end(node: Node<'_>, colon: Node<'_>, src: &str) -> Option<usize> {
    let body = node.field("body")?;
    let mut cursor = body.walk();
    let statement = body
        .named_children(&mut cursor)
        .find(|c| !matches!(c.kind_name(), "comment" | "line_continuation"))?;
    let one_line = !src
        .get(colon.end_byte()..statement.start_byte())?
        .contains('\n');
    let mut end = line_end(src, statement.end_byte());
    if one_line {
        return Some(end);
    }
    let indent = node.start_position().column;
    let mut position = end;
    while position < src.len() {
        let next = line_end(src, position);
        let line = src.get(position..next)?;
        let content = line.trim_start_matches([' ', '\t', '\x0c']);
        let is_trailing =
            content.starts_with('#') || content.trim_end_matches(['\r', '\n']).is_empty();
        if !is_trailing {
            break;
        }
        let leading = line.len() - content.len();
        if leading > indent {
            end = next;
        }
        position = next;
    }
    Some(end)
}

/// The offset just after the line break ending the line that contains
/// `offset` (or the end of the text).
fn line_end(src: &str, offset: usize) -> usize {
    src.get(offset..)
        .and_then(|rest| rest.find('\n'))
        .map_or(src.len(), |i| offset + i + 1)
}
