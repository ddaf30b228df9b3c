//! A call (or any expression) seen as the flat token stream a Python
//! tokenizer would produce, whitespace and comments included, so rules can
//! reproduce rewrites that pyupgrade expresses on tokens (which brace goes,
//! which comma stays, when a line that only held a bracket disappears).
//!
//! Strings, f-strings included, are single tokens: their inner braces never
//! count as brackets.

use pymod_syntax::NodeExt;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Operators and punctuation, brackets and commas included.
    Op,
    /// Identifiers and keywords.
    Name,
    Str,
    Number,
    Comment,
    /// A line break inside brackets.
    Nl,
    /// Spaces and tabs between tokens (indentation included).
    Ws,
    /// A backslash line continuation.
    EscapedNl,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub kind: TokKind,
    pub text: String,
    /// Byte offset in the source it came from; rewritten tokens keep it.
    pub start: usize,
}

impl Tok {
    pub fn op(text: &str) -> Tok {
        Tok {
            kind: TokKind::Op,
            text: text.to_owned(),
            start: usize::MAX,
        }
    }

    pub fn is_op(&self, text: &str) -> bool {
        self.kind == TokKind::Op && self.text == text
    }

    pub fn is_name(&self, text: &str) -> bool {
        self.kind == TokKind::Name && self.text == text
    }

    pub fn is_open(&self) -> bool {
        self.kind == TokKind::Op && matches!(self.text.as_str(), "(" | "[" | "{")
    }

    pub fn is_close(&self) -> bool {
        self.kind == TokKind::Op && matches!(self.text.as_str(), ")" | "]" | "}")
    }

    /// Whitespace, line breaks and comments.
    pub fn is_non_coding(&self) -> bool {
        matches!(
            self.kind,
            TokKind::Comment | TokKind::Nl | TokKind::Ws | TokKind::EscapedNl
        )
    }
}

/// The tokens of `node`, from its first byte to its last. `None` when the
/// text between two leaves holds something the tokenizer model does not
/// expect.
pub fn tokenize(node: Node<'_>, src: &str) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    let mut position = node.start_byte();
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        let kind = current.kind_name();
        let atomic = current.child_count() == 0 || kind == "string";
        let skipped = matches!(kind, "comment" | "line_continuation");
        if atomic && !skipped && current.end_byte() > current.start_byte() {
            lex_gap(src, position, current.start_byte(), &mut toks)?;
            let text = src.get(current.byte_range())?;
            toks.push(Tok {
                kind: classify(kind, text),
                text: text.to_owned(),
                start: current.start_byte(),
            });
            position = current.end_byte();
        }
        if !atomic && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                lex_gap(src, position, node.end_byte(), &mut toks)?;
                return Some(toks);
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

fn classify(kind: &str, text: &str) -> TokKind {
    if kind == "string" {
        return TokKind::Str;
    }
    match text.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => TokKind::Number,
        Some(b'.') if text.len() > 1 => TokKind::Number,
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' || *b >= 0x80 => TokKind::Name,
        _ => TokKind::Op,
    }
}

/// Splits the text between two leaves into whitespace, line break, comment
/// and continuation tokens.
fn lex_gap(src: &str, from: usize, to: usize, toks: &mut Vec<Tok>) -> Option<()> {
    if from >= to {
        return Some(());
    }
    let gap = src.get(from..to)?;
    let bytes = gap.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let kind = match bytes[i] {
            b' ' | b'\t' | b'\x0c' => {
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\x0c') {
                    i += 1;
                }
                TokKind::Ws
            }
            b'\n' => {
                i += 1;
                TokKind::Nl
            }
            b'\r' => {
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                TokKind::Nl
            }
            b'#' => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
                TokKind::Comment
            }
            b'\\' => {
                i += 1;
                match bytes.get(i) {
                    Some(b'\n') => i += 1,
                    Some(b'\r') => {
                        i += 1;
                        if bytes.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    _ => return None,
                }
                TokKind::EscapedNl
            }
            _ => return None,
        };
        toks.push(Tok {
            kind,
            text: gap.get(start..i)?.to_owned(),
            start: from + start,
        });
    }
    Some(())
}

/// The source text of `toks`.
pub fn untokenize(toks: &[Tok]) -> String {
    toks.iter().map(|t| t.text.as_str()).collect()
}

/// The token at `i`, or `None` out of bounds.
fn at(toks: &[Tok], i: usize) -> Option<&Tok> {
    toks.get(i)
}

fn kind_at(toks: &[Tok], i: Option<usize>) -> Option<TokKind> {
    i.and_then(|i| at(toks, i)).map(|t| t.kind)
}

/// The first token at or after `i` that is not whitespace or a comment.
pub fn next_coding(toks: &[Tok], mut i: usize) -> Option<usize> {
    while at(toks, i)?.is_non_coding() {
        i += 1;
    }
    Some(i)
}

/// The index of the bracket closing the one at `open`.
pub fn closing_bracket(toks: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = open;
    while depth > 0 {
        i += 1;
        let tok = at(toks, i)?;
        if tok.is_open() {
            depth += 1;
        } else if tok.is_close() {
            depth -= 1;
        }
    }
    Some(i)
}

/// Whether the bracket at `i` sits alone on its line (indentation before it,
/// a line break right after it).
fn alone_on_line(toks: &[Tok], i: usize) -> bool {
    i >= 2
        && kind_at(toks, Some(i - 2)) == Some(TokKind::Nl)
        && kind_at(toks, Some(i - 1)) == Some(TokKind::Ws)
        && kind_at(toks, Some(i + 1)) == Some(TokKind::Nl)
}

/// Removes the token at `i`; a bracket alone on its line takes the whole
/// line with it.
pub fn remove_brace(toks: &mut Vec<Tok>, i: usize) {
    if alone_on_line(toks, i) {
        toks.drain(i - 1..i + 2);
    } else if i < toks.len() {
        toks.remove(i);
    }
}

/// The brackets and commas that unwrapping an argument removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Victims {
    /// Opening brackets up to the argument's first element, outermost first.
    pub starts: Vec<usize>,
    /// Closing brackets matching them, with the trailing commas that go
    /// with them, sorted.
    pub ends: Vec<usize>,
    /// The first comma at the argument's own depth.
    pub first_comma: Option<usize>,
    /// The first token inside the argument.
    pub arg_index: usize,
}

/// Collects the victims of unwrapping the argument starting at byte
/// `arg_start`, whose enclosing bracket is the token at `open`. `trailing_comma`
/// also takes a comma right before the final closing bracket (after a
/// comprehension).
pub fn victims(
    toks: &[Tok],
    open: usize,
    arg_start: usize,
    trailing_comma: bool,
) -> Option<Victims> {
    let first = (open..toks.len()).find(|&i| toks.get(i).is_some_and(|t| t.start == arg_start))?;
    let arg_index = next_coding(toks, first + 1)?;
    let mut starts = vec![open];
    let mut start_depths = vec![1usize];
    let mut ends = Vec::new();
    let mut first_comma = None;
    let mut arg_depth = None;
    let mut depth = 1usize;
    let mut i = open + 1;
    while depth > 0 {
        let tok = at(toks, i)?;
        let opening = tok.is_open();
        let closing = tok.is_close();
        if i == arg_index {
            arg_depth = Some(depth);
        }
        if opening {
            depth += 1;
            if arg_depth.is_none() {
                start_depths.push(depth);
                starts.push(i);
            }
        }
        if tok.is_op(",") && Some(depth) == arg_depth && first_comma.is_none() {
            first_comma = Some(i);
        }
        if closing && start_depths.contains(&depth) {
            let before = |k: usize| i.checked_sub(k).and_then(|j| at(toks, j));
            if before(2).is_some_and(|t| t.text == ",") && before(1).is_some_and(|t| t.text == " ")
            {
                ends.extend([i - 2, i - 1, i]);
            } else if before(1).is_some_and(|t| t.text == ",") {
                ends.extend([i - 1, i]);
            } else {
                ends.push(i);
            }
            if depth > 1 && at(toks, i + 1).is_some_and(|t| t.text == ",") {
                ends.push(i + 1);
            }
        }
        if closing {
            depth -= 1;
        }
        i += 1;
    }
    if trailing_comma {
        let mut j = i.checked_sub(2)?;
        while at(toks, j)?.is_non_coding() {
            j = j.checked_sub(1)?;
        }
        if at(toks, j)?.text == "," {
            ends.push(j);
        }
    }
    ends.sort_unstable();
    ends.dedup();
    Some(Victims {
        starts,
        ends,
        first_comma,
        arg_index,
    })
}

/// `node` without the redundant parentheses around it.
pub fn unparenthesize(node: Node<'_>) -> Node<'_> {
    let mut inner = node;
    while inner.kind_name() == "parenthesized_expression" {
        let mut cursor = inner.walk();
        let Some(child) = inner
            .named_children(&mut cursor)
            .find(|c| !matches!(c.kind_name(), "comment" | "line_continuation"))
        else {
            return inner;
        };
        inner = child;
    }
    inner
}

/// The only argument of `call` when it has exactly one positional argument
/// and nothing else, parentheses removed; a bare generator argument
/// (`f(x for x in y)`) is the `generator_expression` spanning the call's
/// parentheses.
pub fn sole_positional_argument(call: Node<'_>) -> Option<Node<'_>> {
    let arguments = call.field("arguments")?;
    if arguments.kind_name() == "generator_expression" {
        return Some(arguments);
    }
    let mut cursor = arguments.walk();
    let mut args = arguments
        .named_children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"));
    let only = args.next()?;
    if args.next().is_some()
        || matches!(
            only.kind_name(),
            "keyword_argument" | "list_splat" | "dictionary_splat"
        )
    {
        return None;
    }
    Some(unparenthesize(only))
}

/// Whether `call` calls the bare name `name` and is not directly the
/// expression of an f-string replacement field.
pub fn calls_bare_name(call: Node<'_>, name: &str, src: &str) -> bool {
    call.field("function")
        .is_some_and(|f| f.kind_name() == "identifier" && src.get(f.byte_range()) == Some(name))
        && call
            .parent()
            .is_none_or(|p| p.kind_name() != "interpolation")
}

/// The token ranges of the arguments of the call whose `(` is at `open`
/// (each range runs from just after the separating comma, leading
/// whitespace included, to the next comma or the closing bracket; a
/// trailing comma adds no empty argument), and the index just past the
/// closing bracket.
pub fn call_args(toks: &[Tok], open: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let mut args = Vec::new();
    let mut depth = 1usize;
    let mut i = open + 1;
    let mut arg_start = i;
    while depth > 0 {
        let tok = at(toks, i)?;
        if depth == 1 && tok.is_op(",") {
            args.push((arg_start, i));
            arg_start = i + 1;
        } else if tok.is_open() {
            depth += 1;
        } else if tok.is_close() {
            depth -= 1;
        }
        i += 1;
    }
    let last_end = i - 1;
    if toks
        .get(arg_start..last_end)?
        .iter()
        .any(|t| !t.is_non_coding())
    {
        args.push((arg_start, last_end));
    }
    Some((args, i))
}

/// The token range deleting argument `index` removes: the first argument
/// up to the next one's first non-space token; any other from the end of
/// the previous argument to its own end.
pub fn argument_deletion(
    toks: &[Tok],
    args: &[(usize, usize)],
    index: usize,
) -> Option<(usize, usize)> {
    let &(start, end) = args.get(index)?;
    if index == 0 {
        match args.get(1) {
            Some(&(mut next, _)) => {
                while at(toks, next)?.kind == TokKind::Ws {
                    next += 1;
                }
                Some((start, next))
            }
            None => Some((start, end)),
        }
    } else {
        Some((args.get(index - 1)?.1, end))
    }
}

/// Whether a comment token lies in `range`.
pub fn has_comment_token(toks: &[Tok], range: (usize, usize)) -> bool {
    toks.get(range.0..range.1)
        .is_some_and(|s| s.iter().any(|t| t.kind == TokKind::Comment))
}

/// The index of the token starting at byte `offset`.
pub fn token_at_byte(toks: &[Tok], offset: usize) -> Option<usize> {
    toks.iter()
        .position(|t| t.start == offset && !t.is_non_coding())
}

/// Like [`unparenthesize`], also for assignment targets: tree-sitter reads
/// the target `(x)` as a one-item `tuple_pattern` without a comma.
pub fn unparenthesize_target(node: Node<'_>) -> Node<'_> {
    let mut inner = unparenthesize(node);
    while inner.kind_name() == "tuple_pattern" {
        let mut cursor = inner.walk();
        let children: Vec<Node<'_>> = inner
            .children(&mut cursor)
            .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"))
            .collect();
        match children.as_slice() {
            [open, only, close] if open.kind_name() == "(" && close.kind_name() == ")" => {
                inner = unparenthesize(*only)
            }
            _ => break,
        }
    }
    inner
}
