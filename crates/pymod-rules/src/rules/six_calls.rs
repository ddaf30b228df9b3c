use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{self, has_star_args, positional};
use crate::helpers::call_template::{call_args, needs_parens};
use crate::helpers::six_names::{name_attr, strip_parens};
use crate::helpers::strings::StringParts;

declare_rule! {
    /// Replaces calls to `six` helpers with the Python 3 expression they stand for.
    ///
    /// ## What it does
    /// Rewrites `six.iteritems(d)` as `d.items()` (likewise `iterkeys`,
    /// `itervalues` and the `view*` helpers), `six.u(s)` as `s`,
    /// `six.byte2int(b)` as `b[0]`, `six.indexbytes(b, i)` as `b[i]`,
    /// `six.int2byte(i)` as `bytes((i,))`, the `get_method_*` /
    /// `get_function_*` accessors as the matching dunder attribute,
    /// `six.assertRegex(self, ...)` (and `assertCountEqual`,
    /// `assertRaisesRegex`) as the method call, `six.b("...")` /
    /// `six.ensure_binary("...")` as a bytes literal, and the statements
    /// `six.raise_from(e, c)` / `six.reraise(t, e, tb)` as `raise`
    /// statements. Names imported with `from six import ...` match too.
    ///
    /// ## Why is this bad?
    /// `six` bridged Python 2 and 3; on Python 3 alone each helper is an
    /// indirection around plain syntax or a method call.
    ///
    /// ## Example
    /// ```python
    /// for key, value in six.iteritems(mapping):
    ///     six.raise_from(ValueError(key), None)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for key, value in mapping.items():
    ///     raise ValueError(key) from None
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// With `*args` / `**kwargs`, without arguments, when `six.b` gets
    /// anything but one plain ASCII string literal written right inside the
    /// parentheses, when `raise_from` / `reraise` are not whole statements
    /// or have unexpected arguments, and when a comment sits inside an
    /// argument that would be moved.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct SixCalls {
        name: "six-calls",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["six"],
    }
}

const SIMPLE_CALLS: &[&str] = &[
    "u",
    "byte2int",
    "indexbytes",
    "iteritems",
    "iterkeys",
    "itervalues",
    "viewitems",
    "viewkeys",
    "viewvalues",
    "create_unbound_method",
    "get_unbound_function",
    "get_method_function",
    "get_method_self",
    "get_function_closure",
    "get_function_code",
    "get_function_defaults",
    "get_function_globals",
    "assertCountEqual",
    "assertRaisesRegex",
    "assertRegex",
];

fn render_simple(name: &str, args: &[Option<String>], rest: &str) -> Option<String> {
    let first = args.first()?.as_deref()?;
    let suffix = match name {
        "u" | "create_unbound_method" | "get_unbound_function" => "",
        "byte2int" => "[0]",
        "indexbytes" => return Some(format!("{first}[{rest}]")),
        "iteritems" | "viewitems" => ".items()",
        "iterkeys" | "viewkeys" => ".keys()",
        "itervalues" | "viewvalues" => ".values()",
        "get_method_function" => ".__func__",
        "get_method_self" => ".__self__",
        "get_function_closure" => ".__closure__",
        "get_function_code" => ".__code__",
        "get_function_defaults" => ".__defaults__",
        "get_function_globals" => ".__globals__",
        "assertCountEqual" | "assertRaisesRegex" | "assertRegex" => {
            return Some(format!("{first}.{name}({rest})"));
        }
        _ => return None,
    };
    Some(format!("{first}{suffix}"))
}

impl Rule for SixCalls {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(function), Some(arguments)) = (node.field("function"), node.field("arguments"))
        else {
            return;
        };
        let Some(name) = name_attr(cx, function, &["six"], SIMPLE_CALLS)
            .or_else(|| name_attr(cx, function, &["six"], SPECIAL_CALLS))
        else {
            return;
        };
        let args = if arguments.kind_name() == "argument_list" {
            args::arguments(arguments)
        } else {
            vec![arguments]
        };
        let positional = positional(&args);
        let star = has_star_args(&args);
        let Some(first) = positional.first().copied() else {
            return;
        };
        let statement = node
            .parent()
            .is_some_and(|p| p.kind_name() == "expression_statement");
        let replacement = match name {
            "iteritems" | "iterkeys" | "itervalues" if !star && is_next_argument(cx, node) => {
                let Some(call) = call_args(cx, arguments, false) else {
                    return;
                };
                render_simple(name, &call.args, call.rest).map(|s| format!("iter({s})"))
            }
            "int2byte" if !star => {
                let Some(call) = call_args(cx, arguments, false) else {
                    return;
                };
                call.args
                    .first()
                    .cloned()
                    .flatten()
                    .map(|a| format!("bytes(({a},))"))
            }
            "b" | "ensure_binary" => six_b(cx, arguments, &args),
            "raise_from" if statement && !star => {
                let Some(call) = call_args(cx, arguments, false) else {
                    return;
                };
                match call.args.as_slice() {
                    [Some(exc), Some(cause), ..] => Some(format!("raise {exc} from {cause}")),
                    _ => None,
                }
            }
            "reraise" if statement => reraise(cx, arguments, &args),
            _ if SIMPLE_CALLS.contains(&name) && !star => {
                let paren_first = needs_parens(strip_parens(first));
                let Some(call) = call_args(cx, arguments, paren_first) else {
                    return;
                };
                render_simple(name, &call.args, call.rest)
            }
            _ => None,
        };
        if let Some(replacement) = replacement {
            cx.replace(node, replacement);
        }
    }
}

/// The `six` calls rewritten in their own way (not through a template).
const SPECIAL_CALLS: &[&str] = &["int2byte", "b", "ensure_binary", "raise_from", "reraise"];

/// Whether `call` is passed directly as a positional argument of `next(...)`.
fn is_next_argument(cx: &Checker<'_>, call: Node<'_>) -> bool {
    let Some(list) = call.parent().filter(|p| p.kind_name() == "argument_list") else {
        return false;
    };
    let Some(outer) = list.parent().filter(|p| p.kind_name() == "call") else {
        return false;
    };
    outer
        .field("function")
        .is_some_and(|f| f.kind_name() == "identifier" && cx.text(f) == "next")
}

/// `six.b("...")` becomes the bytes literal, only for one plain ASCII
/// string written directly between the parentheses.
fn six_b(cx: &Checker<'_>, arguments: Node<'_>, args: &[Node<'_>]) -> Option<String> {
    let [literal] = args else {
        return None;
    };
    if literal.kind_name() != "string" {
        return None;
    }
    let parts = StringParts::of(*literal, cx.src)?;
    if parts.is_bytes() || parts.is_fstring() || parts.is_tstring() || parts.has_prefix('u') {
        return None;
    }
    let text = cx.text(*literal);
    let tight = literal.start_byte() == arguments.start_byte() + 1
        && literal.end_byte() + 1 == arguments.end_byte();
    (tight && text.is_ascii()).then(|| format!("b{text}"))
}

fn reraise(cx: &Checker<'_>, arguments: Node<'_>, args: &[Node<'_>]) -> Option<String> {
    if args
        .iter()
        .any(|a| a.kind_name() == "keyword_argument" || a.kind_name() == "dictionary_splat")
    {
        return None;
    }
    if let [single] = args {
        if single.kind_name() != "list_splat" {
            return None;
        }
        let inner = strip_parens(single.named_child(0)?);
        let function = inner
            .field("function")
            .filter(|_| inner.kind_name() == "call")?;
        name_attr(cx, function, &["sys"], &["exc_info"])?;
        return Some("raise".to_owned());
    }
    if has_star_args(args) {
        return None;
    }
    let call = call_args(cx, arguments, false)?;
    match call.args.as_slice() {
        [_, Some(exc)] => Some(format!("raise {exc}.with_traceback(None)")),
        [_, Some(exc), Some(tb)] => Some(format!("raise {exc}.with_traceback({tb})")),
        _ => None,
    }
}
