use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_args::call_arguments;
use crate::helpers::typing::{simple_str_value, strip_parens};

declare_rule! {
    /// Replaces `" ".join(shlex.quote(a) for a in args)` with `shlex.join(args)`.
    ///
    /// ## What it does
    /// Rewrites joining shell-quoted arguments with spaces, written as a
    /// list comprehension or a generator, as a call of `shlex.join`.
    ///
    /// ## Why is this bad?
    /// Python 3.8 added `shlex.join`, which does exactly this.
    ///
    /// ## Example
    /// ```python
    /// import shlex
    /// command = " ".join(shlex.quote(arg) for arg in argv)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import shlex
    /// command = shlex.join(argv)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.8.
    ///
    /// ## When it refuses
    /// When the separator is not a single space, the comprehension filters,
    /// is async, has several `for` clauses or quotes something other than
    /// its loop variable, when `join` gets other arguments, and when a
    /// comment is inside the call.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct ShlexJoin {
        name: "shlex-join",
        group: "pyupgrade",
        min_version: PyVersion::py3(8),
        kinds: ["call"],
        prefilter: ["shlex.quote"],
    }
}

impl Rule for ShlexJoin {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let _ = rewrite(node, cx);
    }
}

fn rewrite(node: Node<'_>, cx: &mut Checker<'_>) -> Option<()> {
    let function = node.field("function")?;
    let separator = function
        .field("object")
        .filter(|_| function.kind_name() == "attribute")?;
    if cx.text(function.field("attribute")?) != "join"
        || simple_str_value(separator, cx.src).as_deref() != Some(" ")
        || cx.has_comment(node)
        || cx.in_fstring_field(node)
    {
        return None;
    }
    let arguments = node.field("arguments")?;
    // The comprehension and the closing bracket its text ends before.
    let (comprehension, close) = if arguments.kind_name() == "generator_expression" {
        (
            arguments,
            arguments.child(arguments.child_count().checked_sub(1)?)?,
        )
    } else {
        let (_, args) = call_arguments(node)?;
        let [only] = args.as_slice() else {
            return None;
        };
        let only = strip_parens(*only);
        if !matches!(
            only.kind_name(),
            "list_comprehension" | "generator_expression"
        ) {
            return None;
        }
        (only, only.child(only.child_count().checked_sub(1)?)?)
    };
    let body = comprehension.field("body")?;
    let mut cursor = comprehension.walk();
    let clauses: Vec<Node<'_>> = comprehension
        .named_children(&mut cursor)
        .filter(|n| n.id() != body.id() && n.kind_name() != "comment")
        .collect();
    let [clause] = clauses.as_slice() else {
        return None;
    };
    if clause.kind_name() != "for_in_clause" || cx.text(*clause).starts_with("async") {
        return None;
    }
    let target = clause.field("left")?;
    let iterable = clause.field("right")?;
    let mut cursor = clause.walk();
    if clause.children_by_field_name("right", &mut cursor).count() != 1
        || target.kind_name() != "identifier"
    {
        return None;
    }
    let quote = body
        .field("function")
        .filter(|_| body.kind_name() == "call")?;
    let module = quote
        .field("object")
        .filter(|_| quote.kind_name() == "attribute")?;
    if module.kind_name() != "identifier"
        || cx.text(module) != "shlex"
        || cx.text(quote.field("attribute")?) != "quote"
    {
        return None;
    }
    let (_, quoted) = call_arguments(body)?;
    let [quoted] = quoted.as_slice() else {
        return None;
    };
    let quoted = strip_parens(*quoted);
    if quoted.kind_name() != "identifier" || cx.text(quoted) != cx.text(target) {
        return None;
    }
    let iterable_text = cx.slice(iterable.start_byte()..close.start_byte());
    cx.fix(vec![Edit::replace(
        node.byte_range(),
        format!("shlex.join({iterable_text})"),
    )]);
    Some(())
}
