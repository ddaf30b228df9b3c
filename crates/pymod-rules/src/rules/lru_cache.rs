use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_args::call_arguments;
use crate::helpers::typing::{is_name_attr, strip_parens};

declare_rule! {
    /// Simplifies `functools.lru_cache` decorators.
    ///
    /// ## What it does
    /// Rewrites `@lru_cache()` as `@lru_cache` (Python 3.8+), and
    /// `@functools.lru_cache(maxsize=None)` as `@functools.cache`
    /// (Python 3.9+), also with `typed=False`.
    ///
    /// ## Why is this bad?
    /// Since Python 3.8 `lru_cache` can decorate a function directly, and
    /// since 3.9 `functools.cache` names the unbounded cache.
    ///
    /// ## Example
    /// ```python
    /// import functools
    /// @functools.lru_cache(maxsize=None)
    /// def fib(n): ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import functools
    /// @functools.cache
    /// def fib(n): ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.8 for the empty call, 3.9 for `functools.cache`.
    ///
    /// ## When it refuses
    /// When `lru_cache` was imported under another name or from elsewhere;
    /// for `functools.cache`, when it was imported by name (the rewrite
    /// would need a new import), when other arguments are given, or when
    /// `typed` is not literally `False`; when a comment is inside the call.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct LruCache {
        name: "lru-cache",
        group: "pyupgrade",
        min_version: PyVersion::py3(8),
        kinds: ["call"],
        prefilter: ["lru_cache"],
    }
}

impl Rule for LruCache {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if !cx.text(function).ends_with("lru_cache") {
            return;
        }
        let Some((list, args)) = call_arguments(node) else {
            return;
        };
        if cx.has_comment(list) || cx.in_fstring_field(node) {
            return;
        }
        if args.is_empty() {
            if is_name_attr(cx, function, &["functools"], &["lru_cache"]) {
                cx.fix(vec![Edit::delete(list.byte_range())]);
            }
            return;
        }
        let is_functools_attribute = function.kind_name() == "attribute"
            && function
                .field("object")
                .is_some_and(|o| o.kind_name() == "identifier" && cx.text(o) == "functools")
            && function
                .field("attribute")
                .is_some_and(|a| cx.text(a) == "lru_cache");
        if cx.targets_at_least(9) && is_functools_attribute && unbounded_untyped(&args, cx) {
            cx.replace(node, "functools.cache");
        }
    }
}

/// Whether the keywords are exactly `maxsize=None`, optionally with
/// `typed=False`, in either order.
fn unbounded_untyped(args: &[Node<'_>], cx: &Checker<'_>) -> bool {
    let keyword = |arg: &Node<'_>, name: &str, value_kind: &str| {
        arg.kind_name() == "keyword_argument"
            && arg.field("name").is_some_and(|n| cx.text(n) == name)
            && arg
                .field("value")
                .is_some_and(|v| strip_parens(v).kind_name() == value_kind)
    };
    match args {
        [only] => keyword(only, "maxsize", "none"),
        [first, second] => {
            (keyword(first, "maxsize", "none") && keyword(second, "typed", "false"))
                || (keyword(second, "maxsize", "none") && keyword(first, "typed", "false"))
        }
        _ => false,
    }
}
