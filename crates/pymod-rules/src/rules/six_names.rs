use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{arguments, has_star_args};
use crate::helpers::six_names::is_expression_name;
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Replaces `six` aliases of builtins with the builtins themselves.
    ///
    /// ## What it does
    /// Rewrites `six.text_type` as `str`, `six.binary_type` as `bytes`,
    /// `six.string_types` / `integer_types` / `class_types` as `(str,)` /
    /// `(int,)` / `(type,)` (the bare type inside `isinstance` and
    /// `issubclass`), `six.unichr` as `chr`, `six.iterbytes` as `iter`,
    /// `six.print_` / `exec_` / `advance_iterator` as `print` / `exec` /
    /// `next`, and `six.moves.xrange`, `range`, `map`, `filter`, `zip`,
    /// `input` as the builtin. Names imported with `from six import ...`
    /// (or `from six.moves import xrange`) match too.
    ///
    /// ## Why is this bad?
    /// On Python 3 these are plain aliases of builtins; the indirection
    /// only obscures the code.
    ///
    /// ## Example
    /// ```python
    /// if isinstance(value, six.string_types):
    ///     value = six.text_type(value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(value, str):
    ///     value = str(value)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When `six` is written with parentheses around it, for names imported
    /// under another name, and for `six.text_type()` / `six.text_type("...")`,
    /// which are native string literals left to that rewrite.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct SixNames {
        name: "six-names",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["attribute", "identifier"],
        prefilter: ["six"],
        // What now reads a builtin type: a repeated type in a tuple, a
        // call that builds a literal, a value the f-string rules know is `str`.
        feeds: [
            "duplicate-type-fold", "native-literal", "defaultdict-factory",
            "fstring-percent", "fstring-format", "fstring-concat", "fstring-join",
        ],
    }
}

fn replacement(name: &str) -> Option<&'static str> {
    Some(match name {
        "text_type" => "str",
        "binary_type" => "bytes",
        "class_types" => "(type,)",
        "string_types" => "(str,)",
        "integer_types" => "(int,)",
        "unichr" => "chr",
        "iterbytes" => "iter",
        "print_" => "print",
        "exec_" => "exec",
        "advance_iterator" | "next" => "next",
        "callable" => "callable",
        _ => return None,
    })
}

fn type_check_replacement(name: &str) -> Option<&'static str> {
    Some(match name {
        "class_types" => "type",
        "string_types" => "str",
        "integer_types" => "int",
        _ => return None,
    })
}

fn moves_builtin(name: &str) -> Option<&'static str> {
    Some(match name {
        "xrange" | "range" => "range",
        "filter" => "filter",
        "input" => "input",
        "map" => "map",
        "zip" => "zip",
        _ => return None,
    })
}

impl Rule for SixNames {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        if node.kind_name() == "identifier" {
            check_name(node, cx);
        } else {
            check_attribute(node, cx);
        }
    }
}

fn check_name(node: Node<'_>, cx: &mut Checker<'_>) {
    let name = cx.text(node);
    if replacement(name).is_some() && cx.imports.is_from_imported("six", name) {
        if !is_expression_name(node) {
            return;
        }
        rewrite_alias(cx, node, name);
    } else if matches!(name, "xrange" | "range")
        && cx.imports.is_from_imported("six.moves", name)
        && is_expression_name(node)
    {
        cx.replace(node, "range");
    }
}

fn check_attribute(node: Node<'_>, cx: &mut Checker<'_>) {
    let (Some(object), Some(attribute)) = (node.field("object"), node.field("attribute")) else {
        return;
    };
    let name = cx.text(attribute);
    if object.kind_name() == "identifier" {
        if cx.text(object) == "six" && replacement(name).is_some() {
            rewrite_alias(cx, node, name);
        }
        return;
    }
    if object.kind_name() != "attribute" {
        return;
    }
    let (Some(root), Some(moves)) = (object.field("object"), object.field("attribute")) else {
        return;
    };
    if root.kind_name() == "identifier" && cx.text(root) == "six" && cx.text(moves) == "moves" {
        if let Some(new) = moves_builtin(name) {
            cx.replace(node, new);
        }
    }
}

fn rewrite_alias(cx: &mut Checker<'_>, node: Node<'_>, name: &str) {
    // Parentheses are not nodes of Python's own tree: look through them.
    let mut parent = node.parent();
    while let Some(p) = parent.filter(|p| p.kind_name() == "parenthesized_expression") {
        parent = p.parent();
    }
    let call = parent.filter(|p| p.kind_name() == "call").or_else(|| {
        parent
            .filter(|p| p.kind_name() == "argument_list")
            .and_then(|p| p.parent())
    });
    let parent_call = call.filter(|c| c.kind_name() == "call");
    if let Some(call) = parent_call {
        let is_function = call.field("function").is_some_and(|f| f.id() == node.id());
        if is_function && is_native_literal_call(cx, call) && is_native_str_name(name) {
            return;
        }
    }
    let type_check = parent_call.is_some_and(|c| is_type_check(cx, c));
    let new = match type_check_replacement(name) {
        Some(bare) if type_check => bare,
        _ => match replacement(name) {
            Some(new) => new,
            None => return,
        },
    };
    cx.replace(node, new);
}

fn is_native_str_name(name: &str) -> bool {
    name == "text_type"
}

/// `str()` / `str("literal")` style calls, which the native-literal
/// rewrite turns into plain string literals.
fn is_native_literal_call(cx: &Checker<'_>, call: Node<'_>) -> bool {
    let Some(list) = call
        .field("arguments")
        .filter(|a| a.kind_name() == "argument_list")
    else {
        return false;
    };
    let args = arguments(list);
    match args.as_slice() {
        [] => true,
        [single] => is_plain_str(cx, *single),
        _ => false,
    }
}

fn is_plain_str(cx: &Checker<'_>, node: Node<'_>) -> bool {
    let single = |n: Node<'_>| {
        StringParts::of(n, cx.src)
            .is_some_and(|p| !p.is_bytes() && !p.is_fstring() && !p.is_tstring())
    };
    match node.kind_name() {
        "string" => single(node),
        "concatenated_string" => {
            let mut cursor = node.walk();
            let all = node
                .named_children(&mut cursor)
                .filter(|n| n.kind_name() != "comment")
                .all(single);
            all
        }
        _ => false,
    }
}

/// `isinstance(x, T)` / `issubclass(x, T)` with exactly two plain arguments.
fn is_type_check(cx: &Checker<'_>, call: Node<'_>) -> bool {
    let (Some(function), Some(list)) = (call.field("function"), call.field("arguments")) else {
        return false;
    };
    if function.kind_name() != "identifier"
        || !matches!(cx.text(function), "isinstance" | "issubclass")
        || list.kind_name() != "argument_list"
    {
        return false;
    }
    let args = arguments(list);
    !has_star_args(&args)
        && args
            .iter()
            .filter(|a| a.kind_name() != "keyword_argument")
            .count()
            == 2
}
