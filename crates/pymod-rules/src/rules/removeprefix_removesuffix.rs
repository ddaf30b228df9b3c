use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_args::call_arguments;
use crate::helpers::typing::strip_parens;

declare_rule! {
    /// Replaces prefix and suffix stripping by slicing with `str.removeprefix` / `str.removesuffix`.
    ///
    /// ## What it does
    /// Rewrites
    /// `if s.startswith(p):` + `s = s[len(p):]` as `s = s.removeprefix(p)`,
    /// and `if s.endswith(x):` + `s = s[:-1 * len(x)]` as
    /// `s = s.removesuffix(x)`.
    ///
    /// ## Why is this bad?
    /// Python 3.9 added methods that say what the two statements do, without
    /// repeating the argument.
    ///
    /// ## Example
    /// ```python
    /// if name.startswith("test_"):
    ///     name = name[len("test_"):]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// name = name.removeprefix("test_")
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.9.
    ///
    /// ## When it refuses
    /// When the `if` has an `elif` or `else`, its body has more than the one
    /// assignment, the names or arguments differ, the slice has any other
    /// shape, or the call has `*args` or `**kwargs`. As in pyupgrade, comments
    /// on the `if` line and in the body up to the assignment's line go away.
    ///
    /// ## Fix safety
    /// Safe for strings; for other types with `startswith` and slicing the
    /// methods must exist.
    pub struct RemoveprefixRemovesuffix {
        name: "removeprefix-removesuffix",
        group: "pyupgrade",
        min_version: PyVersion::py3(9),
        kinds: ["if_statement"],
        prefilter: ["startswith", "endswith"],
    }
}

impl Rule for RemoveprefixRemovesuffix {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let _ = rewrite(node, cx);
    }
}

fn only_named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect()
}

/// The single positional argument of `call`, refusing splats.
fn single_argument<'t>(call: Node<'t>) -> Option<(Node<'t>, usize)> {
    let (_, args) = call_arguments(call)?;
    if args
        .iter()
        .any(|a| matches!(a.kind_name(), "list_splat" | "dictionary_splat"))
    {
        return None;
    }
    let positional: Vec<Node<'t>> = args
        .iter()
        .copied()
        .filter(|a| a.kind_name() != "keyword_argument")
        .collect();
    match positional.as_slice() {
        [only] => Some((*only, args.len())),
        _ => None,
    }
}

/// The argument of `len(arg)`.
fn len_argument<'t>(node: Node<'t>, cx: &Checker<'_>) -> Option<Node<'t>> {
    let node = strip_parens(node);
    let function = node
        .field("function")
        .filter(|_| node.kind_name() == "call")?;
    if function.kind_name() != "identifier" || cx.text(function) != "len" {
        return None;
    }
    Some(single_argument(node)?.0)
}

/// The lower, upper and step parts of a `slice` node.
fn slice_parts(slice: Node<'_>) -> [Option<Node<'_>>; 3] {
    let mut parts = [None, None, None];
    let mut position = 0;
    let mut cursor = slice.walk();
    for child in slice.children(&mut cursor) {
        match child.kind_name() {
            ":" => position += 1,
            "comment" => {}
            _ => {
                if let Some(part) = parts.get_mut(position) {
                    *part = Some(child);
                }
            }
        }
    }
    parts
}

fn rewrite(node: Node<'_>, cx: &mut Checker<'_>) -> Option<()> {
    if node.field("alternative").is_some() {
        return None;
    }
    let test = strip_parens(node.field("condition")?);
    let method = test
        .field("function")
        .filter(|_| test.kind_name() == "call")?;
    let object = method
        .field("object")
        .filter(|_| method.kind_name() == "attribute")?;
    if object.kind_name() != "identifier" {
        return None;
    }
    let name = cx.text(object);
    let (argument, _) = single_argument(test)?;

    let body = only_named_children(node.field("consequence")?);
    let [statement] = body.as_slice() else {
        return None;
    };
    let statement_parts = only_named_children(*statement);
    let [assignment] = statement_parts.as_slice() else {
        return None;
    };
    if statement.kind_name() != "expression_statement"
        || assignment.kind_name() != "assignment"
        || assignment.field("type").is_some()
    {
        return None;
    }
    let target = assignment.field("left")?;
    let value = assignment.field("right")?;
    if target.kind_name() != "identifier"
        || cx.text(target) != name
        || value.kind_name() != "subscript"
    {
        return None;
    }
    let sliced = value.field("value")?;
    let mut cursor = value.walk();
    let items: Vec<Node<'_>> = value
        .children_by_field_name("subscript", &mut cursor)
        .collect();
    let [slice] = items.as_slice() else {
        return None;
    };
    if sliced.kind_name() != "identifier" || cx.text(sliced) != name || slice.kind_name() != "slice"
    {
        return None;
    }
    let [lower, upper, step] = slice_parts(*slice);
    if step.is_some() {
        return None;
    }
    let same_as_argument =
        |other: Node<'_>| cx.text(strip_parens(other)) == cx.text(strip_parens(argument));
    let new_method = match cx.text(method.field("attribute")?) {
        "startswith" => {
            if upper.is_some() || !same_as_argument(len_argument(lower?, cx)?) {
                return None;
            }
            "removeprefix"
        }
        "endswith" => {
            let product = strip_parens(upper?);
            if lower.is_some() || product.kind_name() != "binary_operator" {
                return None;
            }
            let operator = product.field("operator")?;
            let left = strip_parens(product.field("left")?);
            let is_minus_one = left.kind_name() == "unary_operator"
                && left.field("operator").is_some_and(|o| cx.text(o) == "-")
                && left
                    .field("argument")
                    .is_some_and(|a| a.kind_name() == "integer" && cx.text(a) == "1");
            if cx.text(operator) != "*"
                || !is_minus_one
                || !same_as_argument(len_argument(product.field("right")?, cx)?)
            {
                return None;
            }
            "removesuffix"
        }
        _ => return None,
    };

    // Like pyupgrade, replace everything up to the end of the assignment's
    // line, comments included.
    let after = cx.src.get(statement.end_byte()..)?;
    let line = after.split('\n').next().unwrap_or(after);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let rest = line.trim_start_matches([' ', '\t']);
    if !rest.is_empty() && !rest.starts_with('#') {
        return None;
    }
    let end = statement.end_byte() + line.len();
    let replacement = format!("{name} = {name}.{new_method}({})", cx.text(argument).trim());
    cx.fix(vec![Edit::replace(node.start_byte()..end, replacement)]);
    Some(())
}
