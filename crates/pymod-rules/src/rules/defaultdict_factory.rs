use crate::helpers::args::argument_list;
use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::{
    call_args, has_comment_token, token_at_byte, tokenize, unparenthesize, untokenize, Tok, TokKind,
};
use crate::helpers::constants::{number_is_zero, string_constant};

declare_rule! {
    /// Passes the type itself as a `defaultdict` factory instead of a lambda building an empty value.
    ///
    /// ## What it does
    /// Rewrites `defaultdict(lambda: [])` as `defaultdict(list)`, and
    /// likewise `lambda: {}` / `dict()` (`dict`), `lambda: ()` / `tuple()`
    /// (`tuple`), `lambda: set()` (`set`), `lambda: ""` (`str`),
    /// `lambda: 0` (`int`), `lambda: 0.0` (`float`), `lambda: 0j`
    /// (`complex`) and `lambda: False` (`bool`).
    ///
    /// ## Why is this bad?
    /// The type called without arguments already returns that empty value;
    /// the lambda only adds a layer of indirection.
    ///
    /// ## Example
    /// ```python
    /// from collections import defaultdict
    ///
    /// groups = defaultdict(lambda: [])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from collections import defaultdict
    ///
    /// groups = defaultdict(list)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// When `defaultdict` is neither `collections.defaultdict` nor imported
    /// unaliased with `from collections import defaultdict`; when the lambda
    /// takes parameters or returns anything but one of the empty values
    /// above (`lambda: None` is not `defaultdict()`); when a comment lies in
    /// the factory argument.
    ///
    /// ## Fix safety
    /// Safe, unless one of the type names is rebound where the call is.
    pub struct DefaultdictFactory {
        name: "defaultdict-factory",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: ["defaultdict"],
    }
}

impl Rule for DefaultdictFactory {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if !is_defaultdict(function, cx) {
            return;
        }
        let Some(arguments) = argument_list(node) else {
            return;
        };
        let mut cursor = arguments.walk();
        let Some(first) = arguments
            .named_children(&mut cursor)
            .find(|c| !matches!(c.kind_name(), "comment" | "line_continuation"))
        else {
            return;
        };
        let first = unparenthesize(first);
        if first.kind_name() != "lambda" || first.field("parameters").is_some() {
            return;
        }
        let Some(body) = first.field("body") else {
            return;
        };
        let Some(factory) = factory_for(body, cx.src) else {
            return;
        };
        let Some(mut toks) = tokenize(node, cx.src) else {
            return;
        };
        let Some(open) = token_at_byte(&toks, arguments.start_byte()) else {
            return;
        };
        let Some((args, _)) = call_args(&toks, open) else {
            return;
        };
        let Some(&(start, end)) = args.first() else {
            return;
        };
        if has_comment_token(&toks, (start, end)) {
            return;
        }
        toks.splice(
            start..end,
            [Tok {
                kind: TokKind::Name,
                text: factory.to_owned(),
                start: usize::MAX,
            }],
        );
        cx.replace(node, untokenize(&toks));
    }
}

fn is_defaultdict(function: Node<'_>, cx: &Checker<'_>) -> bool {
    match function.kind_name() {
        "identifier" => {
            cx.text(function) == "defaultdict"
                && cx.imports.is_from_imported("collections", "defaultdict")
        }
        "attribute" => {
            function
                .field("object")
                .is_some_and(|o| o.kind_name() == "identifier" && cx.text(o) == "collections")
                && function
                    .field("attribute")
                    .is_some_and(|a| cx.text(a) == "defaultdict")
        }
        _ => false,
    }
}

/// The type whose call makes the value `body` always evaluates to.
fn factory_for(body: Node<'_>, src: &str) -> Option<&'static str> {
    let body = unparenthesize(body);
    let has_items = |node: Node<'_>| {
        let mut cursor = node.walk();
        let found = node
            .named_children(&mut cursor)
            .any(|c| !matches!(c.kind_name(), "comment" | "line_continuation"));
        found
    };
    match body.kind_name() {
        "integer" | "float" => {
            let text = src.get(body.byte_range())?;
            if !number_is_zero(text)? {
                return None;
            }
            Some(if text.ends_with(['j', 'J']) {
                "complex"
            } else if body.kind_name() == "integer" {
                "int"
            } else {
                "float"
            })
        }
        "false" => Some("bool"),
        "string" | "concatenated_string" => {
            let constant = string_constant(body, src)?;
            (!constant.bytes && constant.empty).then_some("str")
        }
        "list" if !has_items(body) => Some("list"),
        "tuple" if !has_items(body) => Some("tuple"),
        "dictionary" if !has_items(body) => Some("dict"),
        "call" => {
            let function = body.field("function")?;
            let arguments = body.field("arguments")?;
            if function.kind_name() != "identifier"
                || arguments.kind_name() != "argument_list"
                || has_items(arguments)
            {
                return None;
            }
            match src.get(function.byte_range())? {
                "dict" => Some("dict"),
                "list" => Some("list"),
                "set" => Some("set"),
                "tuple" => Some("tuple"),
                _ => None,
            }
        }
        _ => None,
    }
}
