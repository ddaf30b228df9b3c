//! Removing one argument from a call the way pyupgrade does, and encoding
//! names as Python's codec registry normalizes them.

use pymod_engine::{Checker, Edit};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

/// The arguments of a call's `argument_list`, without comments.
pub fn call_arguments(call: Node<'_>) -> Option<(Node<'_>, Vec<Node<'_>>)> {
    let list = call.field("arguments")?;
    if list.kind_name() != "argument_list" {
        return None;
    }
    let mut cursor = list.walk();
    let args = list
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect();
    Some((list, args))
}

/// The index and value of the keyword argument `name`, provided every
/// positional argument precedes every keyword (so the index in source
/// order is the index Python's AST gives).
pub fn find_keyword<'t>(
    args: &[Node<'t>],
    name: &str,
    cx: &Checker<'_>,
) -> Option<(usize, Node<'t>)> {
    let first_keyword = args
        .iter()
        .position(|a| matches!(a.kind_name(), "keyword_argument" | "dictionary_splat"))?;
    if args
        .iter()
        .skip(first_keyword)
        .any(|a| !matches!(a.kind_name(), "keyword_argument" | "dictionary_splat"))
    {
        return None;
    }
    args.iter().enumerate().find_map(|(index, arg)| {
        let is_named = arg.kind_name() == "keyword_argument"
            && arg.field("name").is_some_and(|n| cx.text(n) == name);
        if is_named {
            Some((index, arg.field("value")?))
        } else {
            None
        }
    })
}

/// The separator (`,` or the closing parenthesis) that follows `arg`.
fn separator_after<'t>(list: Node<'t>, arg: Node<'t>) -> Option<Node<'t>> {
    let mut cursor = list.walk();
    let separator = list
        .children(&mut cursor)
        .find(|c| c.start_byte() >= arg.end_byte() && matches!(c.kind_name(), "," | ")"));
    separator
}

/// The edit removing `args[index]` from `list`: from the comma after the
/// previous argument to the separator after this one; for the first
/// argument, from the opening parenthesis to the next argument (keeping a
/// line break). `None` when a comment would go with it or when the result
/// would be `f(,)`.
pub fn remove_call_argument(
    cx: &Checker<'_>,
    list: Node<'_>,
    args: &[Node<'_>],
    index: usize,
) -> Option<Edit> {
    let arg = *args.get(index)?;
    let range = if index > 0 {
        let previous = *args.get(index - 1)?;
        let start = separator_after(list, previous)?;
        let end = separator_after(list, arg)?;
        start.start_byte()..end.start_byte()
    } else {
        let open = list.child(0).filter(|c| c.kind_name() == "(")?;
        let separator = separator_after(list, arg)?;
        match args.get(1) {
            Some(_) => {
                let after = cx.src.get(separator.end_byte()..)?;
                let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
                open.end_byte()..separator.end_byte() + blanks
            }
            None if separator.kind_name() == ")" => open.end_byte()..separator.start_byte(),
            None => return None,
        }
    };
    if cx.has_comment_in(range.clone()) {
        return None;
    }
    Some(Edit::delete(range))
}

/// Whether Python's codec registry maps `name` to UTF-8.
pub fn is_utf8_codec(name: &str) -> bool {
    let mut normalized = String::with_capacity(name.len());
    let mut pending_separator = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if pending_separator && !normalized.is_empty() {
                normalized.push('_');
            }
            pending_separator = false;
            normalized.push(c.to_ascii_lowercase());
        } else {
            pending_separator = true;
        }
    }
    matches!(
        normalized.as_str(),
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001"
    )
}

#[cfg(test)]
mod tests {
    use super::is_utf8_codec;

    #[test]
    fn recognizes_utf8_spellings() {
        for name in ["utf-8", "UTF8", "U8", "utf_8", "Utf-8 ", "cp65001"] {
            assert!(is_utf8_codec(name), "{name}");
        }
        for name in ["utf-8-sig", "latin-1", "utf-16", ""] {
            assert!(!is_utf8_codec(name), "{name}");
        }
    }
}
