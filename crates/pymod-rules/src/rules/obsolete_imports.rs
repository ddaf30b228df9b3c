use pymod_syntax::NodeExt;
use std::ops::Range;

use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use tree_sitter::Node;

use crate::helpers::import_tables::{
    is_removable, module_destination, symbol_destination, ROOT_MODULES,
};
use crate::helpers::import_tokens::{
    delete_slice, imported_names, insert_at, replace_slice, ImportLine, Tok, TokKind,
};

declare_rule! {
    /// Drops imports Python 3 no longer needs and imports moved names from their new home.
    ///
    /// ## What it does
    /// Removes imports that only mattered on older Pythons (`from __future__
    /// import print_function`, `from six.moves import map`, `from io import
    /// open`...), and rewrites imports of names and modules that moved:
    /// `from collections import Mapping` becomes `from collections.abc
    /// import Mapping`, `from six.moves import queue` becomes `import
    /// queue`, `import mock` becomes `from unittest import mock`, and
    /// `typing_extensions` backports come from `typing` once the target
    /// version has them.
    ///
    /// ## Why is this bad?
    /// Compatibility imports cost an import at start-up, keep dead
    /// dependencies alive (`six`, `mock`, `typing_extensions`), and some old
    /// locations (`collections.Mapping`) are gone from recent Pythons.
    ///
    /// ## Example
    /// ```python
    /// from __future__ import absolute_import, annotations
    /// from collections import Counter, Mapping
    /// import mock
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from __future__ import annotations
    /// from collections import Counter
    /// from collections.abc import Mapping
    /// from unittest import mock
    /// ```
    ///
    /// ## Minimum version
    /// Python 3; each removal and move applies from the version that made it
    /// possible (for example `typing.Callable` to `collections.abc` from 3.10,
    /// `from __future__ import annotations` is dropped from 3.14).
    ///
    /// ## When it refuses
    /// Relative imports; removals anywhere but at the start of a line; splitting
    /// a statement that shares its line with other code (`if x: from a import
    /// b, c` or `import a; b()`); and names imported with an alias are never
    /// simply dropped. `--keep-mock` keeps `mock` imports.
    ///
    /// ## Fix safety
    /// Safe. Comments inside a removed part of a statement are removed with it.
    pub struct ObsoleteImports {
        name: "obsolete-imports",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["import_from_statement", "future_import_statement", "import_statement"],
        prefilter: [
            "__future__", "builtins", "io", "six", "collections", "pipes", "typing",
            "mypy_extensions", "mock", "cElementTree",
        ],
    }
}

impl Rule for ObsoleteImports {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        match node.kind_name() {
            "import_statement" => check_import(node, cx),
            _ => check_from_import(node, cx),
        }
    }
}

/// Rules a fix can give new work to (see `RuleMeta::feeds`).
type Feeds = &'static [&'static str];

/// Dropping `__future__` names changes no binding a rule looks at (a
/// feature is only dropped once the target version has it anyway); it
/// only moves the lines below it up, which matters to the rules that look
/// at the top of the file.
const FUTURE_REMOVAL_FEEDS: Feeds = &["encoding-cookie", "leading-whitespace"];

/// One imported name: `name` or `name as alias`.
struct Alias<'s> {
    name: String,
    alias: Option<&'s str>,
}

impl Alias<'_> {
    fn render(name: &str, alias: Option<&str>) -> String {
        match alias {
            Some(alias) => format!("{name} as {alias}"),
            None => name.to_owned(),
        }
    }
}

/// A name taken out of a statement and where it goes.
struct Move<'a> {
    index: usize,
    module: &'static str,
    alias: Option<&'a str>,
    name: &'a str,
}

fn check_from_import(node: Node<'_>, cx: &mut Checker<'_>) {
    let (module, module_node) = if node.kind_name() == "future_import_statement" {
        ("__future__".to_owned(), None)
    } else {
        let Some(module_node) = node.field("module_name") else {
            return;
        };
        if module_node.kind_name() != "dotted_name" || !has_known_root(module_node, cx) {
            return;
        }
        (dotted(module_node, cx), Some(module_node))
    };
    let aliases = from_aliases(node, cx);
    if aliases.is_empty() {
        return;
    }
    let minor = cx.target().minor;
    let keep_mock = cx.settings.keep_mock;
    let feeds = (module == "__future__").then_some(FUTURE_REMOVAL_FEEDS);

    let mut removals: Vec<usize> = Vec::new();
    if node.start_position().column == 0 {
        removals = aliases
            .iter()
            .enumerate()
            .filter(|(_, a)| a.alias.is_none() && is_removable(&module, &a.name, minor))
            .map(|(i, _)| i)
            .collect();
    }
    let exact_moves: Vec<Move<'_>> = aliases
        .iter()
        .enumerate()
        .filter_map(|(index, a)| {
            let to = symbol_destination(&module, &a.name, minor, keep_mock)?;
            Some(Move {
                index,
                module: to,
                alias: a.alias,
                name: &a.name,
            })
        })
        .collect();
    let module_moves: Vec<Move<'_>> = aliases
        .iter()
        .enumerate()
        .filter_map(|(index, a)| {
            let to = module_destination(&format!("{module}.{}", a.name), keep_mock)?;
            (a.alias.is_some() || a.name == to).then_some(Move {
                index,
                module: to,
                alias: a.alias,
                name: &a.name,
            })
        })
        .collect();

    if removals.len() == aliases.len() {
        remove_statement(node, cx, feeds);
    } else if exact_moves.len() == aliases.len()
        && exact_moves
            .iter()
            .all(|m| exact_moves.first().is_some_and(|f| f.module == m.module))
    {
        if let (Some(module_node), Some(first)) = (module_node, exact_moves.first()) {
            cx.replace(module_node, first.module);
        }
    } else if !removals.is_empty() || !exact_moves.is_empty() || !module_moves.is_empty() {
        split_from_import(
            node,
            cx,
            &aliases,
            removals,
            &exact_moves,
            &module_moves,
            feeds,
        );
    } else if let Some(to) = module_destination(&module, keep_mock) {
        if let Some(module_node) = module_node {
            cx.replace(module_node, to);
        }
    }
}

/// Whether the dotted name `node` starts with a module the tables know.
fn has_known_root(node: Node<'_>, cx: &Checker<'_>) -> bool {
    node.named_child(0)
        .is_some_and(|first| ROOT_MODULES.contains(&cx.text(first)))
}

/// The dotted name `node` spells, without the whitespace it may contain.
fn dotted(node: Node<'_>, cx: &Checker<'_>) -> String {
    let mut cursor = node.walk();
    let parts: Vec<&str> = node
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() == "identifier")
        .map(|n| cx.text(n))
        .collect();
    parts.join(".")
}

fn from_aliases<'s>(node: Node<'_>, cx: &Checker<'s>) -> Vec<Alias<'s>> {
    let mut cursor = node.walk();
    let mut aliases: Vec<Alias<'s>> = node
        .children_by_field_name("name", &mut cursor)
        .map(|n| alias_of(n, cx))
        .collect();
    let mut cursor = node.walk();
    if node
        .named_children(&mut cursor)
        .any(|n| n.kind_name() == "wildcard_import")
    {
        aliases.push(Alias {
            name: "*".to_owned(),
            alias: None,
        });
    }
    aliases
}

fn alias_of<'s>(node: Node<'_>, cx: &Checker<'s>) -> Alias<'s> {
    if node.kind_name() == "aliased_import" {
        let name = node
            .field("name")
            .map(|n| dotted(n, cx))
            .unwrap_or_default();
        let alias = node.field("alias").map(|n| cx.text(n));
        Alias { name, alias }
    } else {
        Alias {
            name: dotted(node, cx),
            alias: None,
        }
    }
}

/// Deletes the statement through the end of its line, comments included.
fn remove_statement(node: Node<'_>, cx: &mut Checker<'_>, feeds: Option<Feeds>) {
    let Some(mut line) = ImportLine::read(cx.src, node.start_byte()) else {
        return;
    };
    let keyword = line.keyword;
    let Some(end) = line.find_end(keyword) else {
        return;
    };
    delete_slice(&mut line.tokens, keyword, end);
    propose(cx, line.start..line.end, line.render(), feeds);
}

/// The token positions of a `from` import's parts.
struct FromParts {
    start: usize,
    names: Vec<usize>,
    ends: Vec<usize>,
    end: usize,
}

fn from_parts(line: &ImportLine) -> Option<FromParts> {
    let keyword = line.keyword;
    let start = if line.has_space_before() {
        keyword - 1
    } else {
        keyword
    };
    let import = line.find_name(keyword + 1, "import")?;
    let end = line.find_end(import)?;
    let mut names: Vec<usize> = (import + 1..end)
        .filter(|&j| line.tokens.get(j).is_some_and(|t| t.kind == TokKind::Name))
        .collect();
    let mut ends_by_name: Vec<(usize, usize)> = Vec::new();
    let mut k = names.len();
    while k > 0 {
        k -= 1;
        let is_as = names
            .get(k)
            .and_then(|&j| line.tokens.get(j))
            .is_some_and(|t| t.text == "as");
        if is_as {
            let before = *names.get(k.checked_sub(1)?)?;
            let after = *names.get(k + 1)?;
            ends_by_name.push((before, after));
            names.drain(k..k + 2);
        }
    }
    let ends = names
        .iter()
        .map(|&n| {
            ends_by_name
                .iter()
                .find(|(b, _)| *b == n)
                .map_or(n, |(_, a)| *a)
        })
        .collect();
    Some(FromParts {
        start,
        names,
        ends,
        end,
    })
}

/// Removes `indexes` (sorted) from the names of a `from` import, each with
/// the comma before it (or, for the first, through the next name).
fn remove_from_parts(tokens: &mut Vec<Tok>, parts: &FromParts, indexes: &[usize]) -> Option<()> {
    for &index in indexes.iter().rev() {
        if index == 0 {
            delete_slice(tokens, *parts.names.first()?, *parts.names.get(1)?);
        } else {
            let mut j = *parts.names.get(index)?;
            while !tokens.get(j)?.is_op(",") {
                j = j.checked_sub(1)?;
            }
            delete_slice(tokens, j, parts.ends.get(index)? + 1);
        }
    }
    Some(())
}

fn split_from_import(
    node: Node<'_>,
    cx: &mut Checker<'_>,
    aliases: &[Alias<'_>],
    mut removals: Vec<usize>,
    exact_moves: &[Move<'_>],
    module_moves: &[Move<'_>],
    feeds: Option<Feeds>,
) {
    let Some(mut line) = ImportLine::read(cx.src, node.start_byte()) else {
        return;
    };
    let Some(indent) = line.indent() else {
        return;
    };
    let Some(parts) = from_parts(&line) else {
        return;
    };

    // New `from` imports by module, in order of first appearance.
    let mut added: Vec<(&str, Vec<String>)> = Vec::new();
    let mut add =
        |module: &'static str, entry: String| match added.iter_mut().find(|(m, _)| *m == module) {
            Some((_, entries)) => entries.push(entry),
            None => added.push((module, vec![entry])),
        };
    for m in exact_moves {
        add(m.module, Alias::render(m.name, m.alias));
        insert_sorted(&mut removals, m.index);
    }
    let mut new_imports: Vec<String> = Vec::new();
    for m in module_moves {
        let (base, symbol) = m.module.rsplit_once('.').unwrap_or(("", m.module));
        if base.is_empty() {
            new_imports.push(format!(
                "{indent}import {}\n",
                Alias::render(symbol, m.alias)
            ));
        } else {
            let base: &'static str = m.module.get(..base.len()).unwrap_or_default();
            add(base, Alias::render(symbol, m.alias));
        }
        insert_sorted(&mut removals, m.index);
    }
    new_imports.extend(
        added
            .iter()
            .map(|(module, names)| format!("{indent}from {module} import {}\n", names.join(", "))),
    );
    new_imports.sort();
    let newline_missing = parts
        .end
        .checked_sub(1)
        .and_then(|j| line.tokens.get(j))
        .is_none_or(|t| t.text != "\n");
    if !new_imports.is_empty() && newline_missing {
        new_imports.insert(0, "\n".to_owned());
    }
    insert_at(
        &mut line.tokens,
        parts.end,
        Tok::new(TokKind::Inserted, new_imports.concat()),
    );

    if parts.names.len() == removals.len() {
        delete_slice(&mut line.tokens, parts.start, parts.end);
    } else if remove_from_parts(&mut line.tokens, &parts, &removals).is_none() {
        return;
    }

    let survivors: Vec<(String, Option<String>)> = aliases
        .iter()
        .enumerate()
        .filter(|(i, _)| !removals.contains(i))
        .map(|(_, a)| (a.name.clone(), a.alias.map(str::to_owned)))
        .collect();
    if !keeps_exactly(&line, &survivors) {
        return;
    }
    propose(cx, line.start..line.end, line.render(), feeds);
}

fn insert_sorted(sorted: &mut Vec<usize>, value: usize) {
    let at = sorted.partition_point(|&v| v <= value);
    sorted.insert(at, value);
}

/// Whether what is left of the rewritten statement imports exactly
/// `survivors`: guards against token surgery that would change meaning.
fn keeps_exactly(line: &ImportLine, survivors: &[(String, Option<String>)]) -> bool {
    let statement = line.render_statement();
    if survivors.is_empty() {
        return !line.tokens.iter().any(|t| t.kind == TokKind::Name);
    }
    imported_names(&statement).is_some_and(|names| names == survivors)
}

fn check_import(node: Node<'_>, cx: &mut Checker<'_>) {
    let keep_mock = cx.settings.keep_mock;
    let mut cursor = node.walk();
    let any_known = node.children_by_field_name("name", &mut cursor).any(|n| {
        let dotted = match n.kind_name() {
            "aliased_import" => n.field("name"),
            _ => Some(n),
        };
        dotted.is_some_and(|d| has_known_root(d, cx))
    });
    if !any_known {
        return;
    }
    let mut cursor = node.walk();
    let aliases: Vec<Alias<'_>> = node
        .children_by_field_name("name", &mut cursor)
        .map(|n| alias_of(n, cx))
        .collect();
    let mut to_from: Vec<(usize, &'static str, &'static str, Option<&str>)> = Vec::new();
    let mut exact_moves: Vec<(usize, &'static str, Option<&str>)> = Vec::new();
    for (index, alias) in aliases.iter().enumerate() {
        let Some(to) = module_destination(&alias.name, keep_mock) else {
            continue;
        };
        let alias_base = alias.name.split('.').next().unwrap_or_default();
        match to.rsplit_once('.') {
            Some((base, symbol)) if symbol == alias_base => {
                to_from.push((index, base, symbol, alias.alias))
            }
            _ if alias.alias.is_some() => exact_moves.push((index, to, alias.alias)),
            _ => {}
        }
    }
    // Renaming shifts the token positions the reference tool then uses to
    // split the statement: it garbles or deletes unrelated lines.
    if to_from.is_empty() == exact_moves.is_empty() {
        return;
    }
    let Some(mut line) = ImportLine::read(cx.src, node.start_byte()) else {
        return;
    };
    let Some(indent) = line.indent() else {
        return;
    };
    let keyword = line.keyword;
    let start = if line.has_space_before() {
        keyword - 1
    } else {
        keyword
    };
    let Some(end) = line.find_end(keyword) else {
        return;
    };

    // Each comma-separated part as the token range from its first to past
    // its last name.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for j in keyword + 1..end {
        let Some(tok) = line.tokens.get(j) else {
            return;
        };
        if tok.kind == TokKind::Name {
            current = Some((current.map_or(j, |(s, _)| s), j + 1));
        } else if tok.is_op(",") {
            let Some(part) = current.take() else {
                return;
            };
            parts.push(part);
        }
    }
    let Some(last) = current else {
        return;
    };
    parts.push(last);

    for &(index, to, alias) in exact_moves.iter().rev() {
        let Some(&(from, to_end)) = parts.get(index) else {
            return;
        };
        replace_slice(
            &mut line.tokens,
            from,
            to_end,
            Tok::new(TokKind::Code, Alias::render(to, alias)),
        );
    }
    let mut new_imports: Vec<String> = to_from
        .iter()
        .map(|(_, module, symbol, alias)| {
            format!(
                "{indent}from {module} import {}\n",
                Alias::render(symbol, *alias)
            )
        })
        .collect();
    new_imports.sort();
    if !new_imports.is_empty() {
        let Some(last_token) = end.checked_sub(1).and_then(|j| line.tokens.get(j)) else {
            return;
        };
        if last_token.text != "\n" {
            new_imports.insert(0, "\n".to_owned());
        }
    }
    insert_at(
        &mut line.tokens,
        end,
        Tok::new(TokKind::Inserted, new_imports.concat()),
    );

    if to_from.len() == parts.len() {
        delete_slice(&mut line.tokens, start, end);
    } else {
        for &(index, ..) in to_from.iter().rev() {
            if index == 0 {
                let (Some(first), Some(second)) = (parts.first(), parts.get(1)) else {
                    return;
                };
                delete_slice(&mut line.tokens, first.0, second.0);
            } else {
                let Some(&(part_start, _)) = parts.get(index) else {
                    return;
                };
                let mut j = part_start;
                loop {
                    let Some(tok) = line.tokens.get(j) else {
                        return;
                    };
                    if tok.is_op(",") {
                        break;
                    }
                    let Some(previous) = j.checked_sub(1) else {
                        return;
                    };
                    j = previous;
                }
                delete_slice(&mut line.tokens, j, part_start + 1);
            }
        }
    }

    let survivors: Vec<(String, Option<String>)> = aliases
        .iter()
        .enumerate()
        .filter(|(i, _)| !to_from.iter().any(|(t, ..)| t == i))
        .map(|(i, a)| match exact_moves.iter().find(|(e, ..)| *e == i) {
            Some((_, to, alias)) => ((*to).to_owned(), alias.map(str::to_owned)),
            None => (a.name.clone(), a.alias.map(str::to_owned)),
        })
        .collect();
    if !keeps_exactly(&line, &survivors) {
        return;
    }
    propose(cx, line.start..line.end, line.render(), None);
}

/// Proposes replacing `range` with `text`. A statement that starts the file
/// leaves no leading blank lines behind: the whole output of the reference
/// tool is stripped of leading whitespace.
fn propose(cx: &mut Checker<'_>, range: Range<usize>, text: String, feeds: Option<Feeds>) {
    let Range { mut start, mut end } = range;
    let mut text = text.as_str();
    if cx
        .src
        .get(..start)
        .is_some_and(|before| before.chars().all(is_python_space))
    {
        start = 0;
        text = text.trim_start_matches(is_python_space);
        if text.is_empty() {
            let rest = cx.src.get(end..).unwrap_or_default();
            end += rest.len() - rest.trim_start_matches(is_python_space).len();
        }
    }
    let edits = vec![Edit::replace(start..end, text)];
    match feeds {
        Some(feeds) => cx.fix_feeding(feeds, edits),
        None => cx.fix(edits),
    }
}

/// Whitespace as Python's `str.isspace` sees it.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}
