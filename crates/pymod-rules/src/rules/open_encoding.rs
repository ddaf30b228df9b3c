use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_args::{
    call_arguments, find_keyword, is_utf8_codec, remove_call_argument,
};
use crate::helpers::typing::{simple_str_value, strip_parens};

declare_rule! {
    /// Removes `encoding="utf-8"` from `open()` calls.
    ///
    /// ## What it does
    /// Rewrites `open(path, encoding="utf-8")` as `open(path)`, for any
    /// spelling of UTF-8 that Python's codec registry accepts.
    ///
    /// ## Why is this bad?
    /// From Python 3.15 on (PEP 686), UTF-8 is the default encoding of
    /// text files, so the argument repeats the default.
    ///
    /// ## Example
    /// ```python
    /// with open("data.txt", encoding="utf-8") as f: ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// with open("data.txt") as f: ...
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.15.
    ///
    /// ## When it refuses
    /// Other encodings, non-literal values, calls of anything but the name
    /// `open`, and when a comment would be removed with the argument.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct OpenEncoding {
        name: "open-encoding",
        group: "pyupgrade",
        min_version: PyVersion::py3(15),
        kinds: ["call"],
        prefilter: ["encoding"],
    }
}

impl Rule for OpenEncoding {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if function.kind_name() != "identifier"
            || cx.text(function) != "open"
            || cx.in_fstring_field(node)
        {
            return;
        }
        let Some((list, args)) = call_arguments(node) else {
            return;
        };
        let Some((index, value)) = find_keyword(&args, "encoding", cx) else {
            return;
        };
        let is_utf8 =
            simple_str_value(strip_parens(value), cx.src).is_some_and(|v| is_utf8_codec(&v));
        if !is_utf8 {
            return;
        }
        if let Some(edit) = remove_call_argument(cx, list, &args, index) {
            cx.fix(vec![edit]);
        }
    }
}
