use crate::helpers::args::{argument_list, arguments};
use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::{
    argument_deletion, call_args, has_comment_token, token_at_byte, tokenize, untokenize, Tok,
    TokKind,
};
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Drops or simplifies `open()` modes that only restate the defaults.
    ///
    /// ## What it does
    /// Removes a mode of `"r"`, `"rt"` or `"U"` (and their orderings) from
    /// `open(...)` and `io.open(...)`, drops the `t` from modes such as
    /// `"wt"` or `"rt+"`, and drops the obsolete `U` flag from `"rUb"`
    /// (`"Ub"` becomes `"rb"`).
    ///
    /// ## Why is this bad?
    /// Reading in text mode is what `open` does by default, and universal
    /// newlines (`U`) have been the default since Python 3.0; the flag was
    /// removed in Python 3.11.
    ///
    /// ## Example
    /// ```python
    /// with open("data.txt", "rt") as f:
    ///     pass
    /// with open("log.txt", mode="wt") as f:
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// with open("data.txt") as f:
    ///     pass
    /// with open("log.txt", mode="w") as f:
    ///     pass
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When the call has `*args` or `**kwargs`; when the mode is not a
    /// plain string literal; when removing the positional mode would shift
    /// a later positional argument (`buffering`) into its place; when the
    /// mode is the only keyword of a call with no positional argument; or
    /// when a comment lies in the text the fix would change.
    ///
    /// ## Fix safety
    /// Safe, unless `open` or `io` is rebound (the rule, like pyupgrade,
    /// goes by the names).
    pub struct RedundantOpenMode {
        name: "redundant-open-mode",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["open"],
        feeds: [],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ModeFix {
    Delete,
    UToR,
    DropT,
    DropU,
}

impl Rule for RedundantOpenMode {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if !is_open_function(node, cx) {
            return;
        }
        let Some(list) = argument_list(node) else {
            return;
        };
        let args = arguments(list);
        if args
            .iter()
            .any(|a| matches!(a.kind_name(), "list_splat" | "dictionary_splat"))
        {
            return;
        }
        let positional = args
            .iter()
            .take_while(|a| a.kind_name() != "keyword_argument")
            .count();
        if args
            .get(positional..)
            .is_none_or(|rest| rest.iter().any(|a| a.kind_name() != "keyword_argument"))
        {
            return;
        }
        let positional_mode = args
            .get(1)
            .filter(|_| positional >= 2)
            .and_then(|a| str_value(*a, cx.src));
        let (index, fix) = if let Some(mode) = positional_mode {
            let Some(fix) = mode_fix(&mode) else {
                return;
            };
            // Deleting the mode of `open(f, "r", buffering)` would turn the
            // buffering into the mode.
            if fix == ModeFix::Delete && positional != 2 {
                return;
            }
            (1, fix)
        } else {
            if args.len() == positional || args.len() < 2 {
                return;
            }
            let Some(index) = args.iter().position(|a| {
                a.kind_name() == "keyword_argument"
                    && a.field("name").is_some_and(|n| cx.text(n) == "mode")
            }) else {
                return;
            };
            let Some(mode) = args
                .get(index)
                .and_then(|a| a.field("value"))
                .and_then(|v| str_value(v, cx.src))
            else {
                return;
            };
            let Some(fix) = mode_fix(&mode) else {
                return;
            };
            (index, fix)
        };
        let Some(mut toks) = tokenize(node, cx.src) else {
            return;
        };
        if rewrite(&mut toks, list.start_byte(), args.len(), index, fix).is_some() {
            cx.replace(node, untokenize(&toks));
        }
    }
}

fn is_open_function(call: Node<'_>, cx: &Checker<'_>) -> bool {
    let Some(function) = call.field("function") else {
        return false;
    };
    match function.kind_name() {
        "identifier" => cx.text(function) == "open",
        "attribute" => {
            function
                .field("object")
                .is_some_and(|o| o.kind_name() == "identifier" && cx.text(o) == "io")
                && function
                    .field("attribute")
                    .is_some_and(|a| cx.text(a) == "open")
        }
        _ => false,
    }
}

/// The value of a plain (not bytes, not f-) string literal or implicit
/// concatenation of them, when it holds no escapes.
fn str_value(node: Node<'_>, src: &str) -> Option<String> {
    let node = crate::helpers::call_tokens::unparenthesize(node);
    let mut value = String::new();
    let mut push = |part: Node<'_>| -> Option<()> {
        let parts = StringParts::of(part, src)?;
        if parts.is_bytes() || parts.is_fstring() || parts.is_tstring() || parts.body.contains('\\')
        {
            return None;
        }
        value.push_str(parts.body);
        Some(())
    };
    match node.kind_name() {
        "string" => push(node)?,
        "concatenated_string" => {
            let mut cursor = node.walk();
            for part in node.named_children(&mut cursor) {
                if !matches!(part.kind_name(), "comment" | "line_continuation") {
                    push(part)?;
                }
            }
        }
        _ => return None,
    }
    Some(value)
}

/// What to do with `mode`, or `None` when it says something that matters.
fn mode_fix(mode: &str) -> Option<ModeFix> {
    let sorted = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.sort_unstable();
        chars.into_iter().collect::<String>()
    };
    if matches!(mode, "U" | "r" | "rU" | "Ur" | "rt" | "tr") {
        return Some(ModeFix::Delete);
    }
    if matches!(mode, "Ub" | "bU") {
        return Some(ModeFix::UToR);
    }
    let without_plus = mode.strip_suffix('+').unwrap_or(mode);
    if matches!(sorted(without_plus).as_str(), "at" | "rt" | "tw" | "tx") {
        return Some(ModeFix::DropT);
    }
    if sorted(mode) == "Ubr" {
        return Some(ModeFix::DropU);
    }
    None
}

fn rewrite(
    toks: &mut Vec<Tok>,
    open_byte: usize,
    arg_count: usize,
    index: usize,
    fix: ModeFix,
) -> Option<()> {
    let open = token_at_byte(toks, open_byte)?;
    let (args, _) = call_args(toks, open)?;
    if args.len() != arg_count {
        return None;
    }
    let &(start, end) = args.get(index)?;
    let replaced = match fix {
        ModeFix::Delete => {
            let (from, to) = argument_deletion(toks, &args, index)?;
            if has_comment_token(toks, (from, to)) {
                return None;
            }
            toks.drain(from..to);
            return Some(());
        }
        ModeFix::UToR => untokenize(toks.get(start..end)?).replace('U', "r"),
        ModeFix::DropT => untokenize(toks.get(start..end)?).replace('t', ""),
        ModeFix::DropU => untokenize(toks.get(start..end)?).replace('U', ""),
    };
    if has_comment_token(toks, (start, end)) {
        return None;
    }
    toks.splice(
        start..end,
        [Tok {
            kind: TokKind::Str,
            text: replaced,
            start: usize::MAX,
        }],
    );
    Some(())
}
