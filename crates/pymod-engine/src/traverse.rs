//! The one traversal per file: collects the nodes each rule asked for, the
//! comments, the import table and a few facts about the syntax, without
//! recursion (trees can be deep).

use pymod_syntax::NodeExt;
use std::ops::Range;

use pymod_syntax::parse::MAX_TREE_DEPTH;
use tree_sitter::{Node, Tree};

use crate::imports::{Binding, ImportTable};

/// Rule indices subscribed to each node kind id.
pub(crate) type Dispatch = Vec<Vec<u16>>;

/// What the traversal itself does with a node kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interest {
    Nothing,
    Comment,
    Identifier,
    Function,
    Class,
    Import,
    Python2Only,
    Integer,
    StringStart,
    Interpolation,
    ForInClause,
    Generator,
}

/// Per node kind id: its name and what the traversal does with it, so the
/// hot loop compares integers instead of strings.
pub(crate) struct KindTable {
    names: Vec<&'static str>,
    interests: Vec<Interest>,
}

impl KindTable {
    pub(crate) fn new(language: &tree_sitter::Language) -> KindTable {
        let count = language.node_kind_count();
        let mut names = Vec::with_capacity(count);
        let mut interests = Vec::with_capacity(count);
        for id in 0..count {
            let name = u16::try_from(id)
                .ok()
                .and_then(|id| language.node_kind_for_id(id))
                .unwrap_or("");
            let named = u16::try_from(id).is_ok_and(|id| language.node_kind_is_named(id));
            let interest = match (name, named) {
                ("comment", true) => Interest::Comment,
                ("identifier", true) => Interest::Identifier,
                ("function_definition" | "lambda", true) => Interest::Function,
                ("class_definition", true) => Interest::Class,
                (
                    "import_statement" | "import_from_statement" | "future_import_statement",
                    true,
                ) => Interest::Import,
                ("print_statement" | "exec_statement", true) | ("<>", false) => {
                    Interest::Python2Only
                }
                ("integer", true) => Interest::Integer,
                ("string_start", true) => Interest::StringStart,
                ("interpolation", true) => Interest::Interpolation,
                ("for_in_clause", true) => Interest::ForInClause,
                ("generator_expression", true) => Interest::Generator,
                _ => Interest::Nothing,
            };
            names.push(name);
            interests.push(interest);
        }
        KindTable { names, interests }
    }

    fn interest(&self, id: u16) -> Interest {
        self.interests
            .get(id as usize)
            .copied()
            .unwrap_or(Interest::Nothing)
    }

    fn name(&self, id: u16) -> &'static str {
        self.names.get(id as usize).copied().unwrap_or("")
    }
}

pub(crate) struct FileIndex<'tree> {
    /// Nodes some rule subscribed to, in document order.
    pub visits: Vec<Node<'tree>>,
    /// Byte ranges of comments, sorted.
    pub comments: Vec<Range<usize>>,
    /// Byte ranges of the outermost f-string replacement fields, sorted.
    pub fstring_fields: Vec<Range<usize>>,
    pub imports: ImportTable,
    /// Constructs tree-sitter accepts but Python 3 rejects (Python 2 syntax,
    /// a comprehension over an unparenthesized tuple): the strict parser
    /// decides.
    pub python2_suspect: bool,
    /// Constructs newer than the strict parser's grammar (PEP 701 f-strings).
    pub newer_syntax: bool,
    /// Start of a node nested deeper than `MAX_TREE_DEPTH`.
    pub too_deep_at: Option<usize>,
    /// Start of a construct both tree-sitter and the strict parser accept
    /// but Python 3 rejects: a call's bare generator argument followed by a
    /// comma, `f(x for x in y,)`.
    pub invalid_at: Option<usize>,
    /// A carriage return without a line feed inside what tree-sitter reads
    /// as a comment: Python ends the comment (and the line) there.
    pub carriage_return_in_comment_at: Option<usize>,
}

struct Scope {
    depth: usize,
    range: Range<usize>,
    is_class: bool,
}

pub(crate) fn index_file<'tree>(
    tree: &'tree Tree,
    src: &str,
    dispatch: &Dispatch,
    kinds: &KindTable,
) -> FileIndex<'tree> {
    let mut index = FileIndex {
        visits: Vec::new(),
        comments: Vec::new(),
        fstring_fields: Vec::new(),
        imports: ImportTable::default(),
        python2_suspect: false,
        newer_syntax: false,
        too_deep_at: None,
        invalid_at: None,
        carriage_return_in_comment_at: None,
    };
    let root = tree.root_node();
    let mut scopes = vec![Scope {
        depth: 0,
        range: 0..src.len(),
        is_class: false,
    }];
    // Kind ids of the ancestors of the current node, by depth.
    let mut ancestor_kinds: Vec<u16> = Vec::with_capacity(64);
    // Quote of the innermost string being visited, with its depth.
    let mut string_quotes: Vec<(usize, &str)> = Vec::new();
    let mut cursor = root.walk();
    // Tracked by hand: asking the cursor for its depth walks its whole stack.
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        if depth > MAX_TREE_DEPTH {
            index.too_deep_at = Some(node.start_byte());
            return index;
        }
        let kind_id = node.kind_id();
        ancestor_kinds.truncate(depth);
        let interest = kinds.interest(kind_id);
        if interest != Interest::Nothing {
            while scopes.len() > 1 && scopes.last().is_some_and(|s| s.depth >= depth) {
                scopes.pop();
            }
            while string_quotes.last().is_some_and(|(d, _)| *d >= depth) {
                string_quotes.pop();
            }
        }
        if dispatch
            .get(kind_id as usize)
            .is_some_and(|rules| !rules.is_empty())
        {
            index.visits.push(node);
        }
        match interest {
            Interest::Nothing => {}
            Interest::Comment => {
                let comment = text(src, node);
                // A `\r` ending the comment right before a `\n` is a CRLF.
                let lone_cr = comment.find('\r').filter(|&at| {
                    at + 1 < comment.len() || src.as_bytes().get(node.end_byte()) != Some(&b'\n')
                });
                if let Some(at) = lone_cr {
                    index
                        .carriage_return_in_comment_at
                        .get_or_insert(node.start_byte() + at);
                }
                index.comments.push(node.start_byte()..node.end_byte());
            }
            Interest::Identifier => {
                let parent_kind = ancestor_kinds.last().map_or("", |&id| kinds.name(id));
                if let Some(scope) = binding_scope(parent_kind, cursor.field_name(), &scopes) {
                    index.imports.add(text(src, node), scope);
                }
            }
            Interest::Function | Interest::Class => {
                // A class's bases and a function's name and decorators are
                // evaluated in the enclosing scope: the new scope covers the
                // class body, or the function from its parameters on.
                let inner = match interest {
                    Interest::Class => node.field("body"),
                    _ => node.field("parameters"),
                };
                let range = inner.map_or(node.start_byte(), |n| n.start_byte())..node.end_byte();
                if interest == Interest::Function {
                    index.imports.function_scopes.push(range.clone());
                }
                scopes.push(Scope {
                    depth,
                    range,
                    is_class: interest == Interest::Class,
                });
            }
            Interest::Import => record_import(node, src, &mut index.imports),
            Interest::Python2Only => index.python2_suspect = true,
            Interest::Integer => {
                let t = text(src, node).as_bytes();
                let legacy_octal = t.len() > 1 && t[0] == b'0' && t[1].is_ascii_digit();
                let long_suffix = t.last().is_some_and(|b| matches!(b, b'l' | b'L'));
                if legacy_octal || long_suffix {
                    index.python2_suspect = true;
                }
            }
            Interest::StringStart => {
                let start = text(src, node);
                let quote = start.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                // `ur"..."` is Python 2 only; tree-sitter reads it.
                let prefix = &start[..start.len() - quote.len()];
                if prefix.len() > 1 && prefix.contains(['u', 'U']) {
                    index.python2_suspect = true;
                }
                string_quotes.push((depth.saturating_sub(1), quote));
            }
            Interest::Generator => {
                // The generator of `f(x for x in y,)` is the call's whole
                // argument list, its own parentheses included.
                let generator = text(src, node);
                let before_close = generator
                    .strip_suffix(')')
                    .map(|inner| inner.trim_end_matches(|c: char| c.is_whitespace() || c == '\\'));
                let is_call_arguments = ancestor_kinds
                    .last()
                    .is_some_and(|&id| kinds.name(id) == "call");
                if is_call_arguments && before_close.is_some_and(|inner| inner.ends_with(',')) {
                    index.invalid_at.get_or_insert(node.start_byte());
                }
            }
            Interest::ForInClause => {
                // `[x for x in a, b]` is Python 2; tree-sitter reads it, and
                // reads `f(x for x in y,)` (a bare generator with a trailing
                // comma, which Python 3 rejects) the same way.
                let mut children = node.walk();
                if node.children(&mut children).any(|c| c.kind_name() == ",") {
                    index.python2_suspect = true;
                }
            }
            Interest::Interpolation => {
                let range = node.start_byte()..node.end_byte();
                if index
                    .fstring_fields
                    .last()
                    .is_none_or(|outer| range.start >= outer.end)
                {
                    index.fstring_fields.push(range);
                }
                if let Some((_, quote)) = string_quotes.last() {
                    if interpolation_needs_pep701(text(src, node), quote) {
                        index.newer_syntax = true;
                    }
                }
            }
        }
        ancestor_kinds.push(kind_id);

        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return index;
            }
            depth -= 1;
        }
    }
}

fn text<'s>(src: &'s str, node: Node<'_>) -> &'s str {
    src.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

/// Whether the string literal `node` is an f-string with a replacement
/// field that only Python 3.12's grammar reads.
pub(crate) fn string_needs_pep701(node: Node<'_>, src: &str) -> bool {
    let mut cursor = node.walk();
    let mut quote = "";
    for child in node.children(&mut cursor) {
        match child.kind() {
            "string_start" => {
                quote = text(src, child).trim_start_matches(|c: char| c.is_ascii_alphabetic());
            }
            "interpolation" if interpolation_needs_pep701(text(src, child), quote) => return true,
            _ => {}
        }
    }
    false
}

/// An f-string replacement field that only parses under PEP 701 (3.12+).
fn interpolation_needs_pep701(field: &str, quote: &str) -> bool {
    let single_quoted = quote.len() == 1;
    field.contains('\\')
        || field.contains('#')
        || (single_quoted && field.contains('\n'))
        || (!quote.is_empty() && field.contains(quote))
}

/// The scope an identifier binds in, if it is in a binding position.
fn binding_scope(parent_kind: &str, field: Option<&str>, scopes: &[Scope]) -> Option<Binding> {
    let innermost = scopes.last()?;
    let scope = match (parent_kind, field) {
        ("function_definition" | "class_definition", Some("name")) => {
            // The name binds in the scope around the definition.
            scopes.get(scopes.len().checked_sub(2)?)?
        }
        (
            "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause",
            Some("left"),
        )
        | ("named_expression", Some("name"))
        | ("default_parameter" | "typed_default_parameter", Some("name"))
        | ("as_pattern", Some("alias"))
        | (
            "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "list_splat_pattern"
            | "dictionary_splat_pattern"
            | "as_pattern_target"
            | "parameters"
            | "lambda_parameters"
            | "typed_parameter"
            | "global_statement"
            | "nonlocal_statement",
            _,
        ) => innermost,
        _ => return None,
    };
    Some(Binding::Local {
        scope: scope.range.clone(),
        class_body: scope.is_class,
    })
}

fn record_import(node: Node<'_>, src: &str, imports: &mut ImportTable) {
    let mut cursor = node.walk();
    match node.kind() {
        "import_statement" => {
            for child in node.children_by_field_name("name", &mut cursor) {
                match child.kind() {
                    "dotted_name" => {
                        let module = text(src, child);
                        let root = module.split('.').next().unwrap_or(module);
                        imports.add(root, import_binding(root, false, false));
                    }
                    "aliased_import" => {
                        if let (Some(name), Some(alias)) =
                            (child.field("name"), child.field("alias"))
                        {
                            imports.add(
                                text(src, alias),
                                import_binding(&dotted(src, name), false, true),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        "future_import_statement" => {
            for child in node.children_by_field_name("name", &mut cursor) {
                let (name, alias) = name_and_alias(child, src);
                imports.future_features.push(name.clone());
                imports.add(
                    &alias.unwrap_or_else(|| name.clone()),
                    import_binding(&format!("__future__.{name}"), true, false),
                );
            }
        }
        _ => {
            let Some(module_node) = node.field("module_name") else {
                return;
            };
            let module = dotted(src, module_node);
            let mut has_names = false;
            for child in node.children_by_field_name("name", &mut cursor) {
                has_names = true;
                let (name, alias) = name_and_alias(child, src);
                let qualified = format!("{module}.{name}");
                let aliased = alias.is_some();
                let local = alias.unwrap_or(name);
                imports.add(&local, import_binding(&qualified, true, aliased));
            }
            if !has_names {
                imports.star_imports.push(module);
            }
        }
    }
}

fn name_and_alias(child: Node<'_>, src: &str) -> (String, Option<String>) {
    if child.kind() == "aliased_import" {
        let name = child
            .field("name")
            .map(|n| dotted(src, n))
            .unwrap_or_default();
        let alias = child.field("alias").map(|n| text(src, n).to_owned());
        (name, alias)
    } else {
        (dotted(src, child), None)
    }
}

/// A dotted name's text without the spaces or comments it may contain.
fn dotted(src: &str, node: Node<'_>) -> String {
    text(src, node)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn import_binding(qualified: &str, from_import: bool, aliased: bool) -> Binding {
    Binding::Import {
        qualified: qualified.to_owned(),
        from_import,
        aliased,
    }
}
