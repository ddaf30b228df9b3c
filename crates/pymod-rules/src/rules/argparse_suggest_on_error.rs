use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_args::{call_arguments, find_keyword, remove_call_argument};
use crate::helpers::typing::{is_name_attr, strip_parens};

declare_rule! {
    /// Removes `suggest_on_error=True` from `argparse.ArgumentParser()`.
    ///
    /// ## What it does
    /// Rewrites `ArgumentParser(suggest_on_error=True)` as
    /// `ArgumentParser()`.
    ///
    /// ## Why is this bad?
    /// From Python 3.15 on, `ArgumentParser` suggests close matches for
    /// mistyped choices and subcommands by default.
    ///
    /// ## Example
    /// ```python
    /// parser = argparse.ArgumentParser(prog="tool", suggest_on_error=True)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// parser = argparse.ArgumentParser(prog="tool")
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.15.
    ///
    /// ## When it refuses
    /// When the value is anything but the literal `True`, when
    /// `ArgumentParser` was imported under another name or from elsewhere,
    /// and when a comment would be removed with the argument.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct ArgparseSuggestOnError {
        name: "argparse-suggest-on-error",
        group: "pyupgrade",
        min_version: PyVersion::py3(15),
        kinds: ["call"],
        prefilter: ["suggest_on_error"],
    }
}

impl Rule for ArgparseSuggestOnError {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if !is_name_attr(cx, function, &["argparse"], &["ArgumentParser"])
            || cx.in_fstring_field(node)
        {
            return;
        }
        let Some((list, args)) = call_arguments(node) else {
            return;
        };
        let Some((index, value)) = find_keyword(&args, "suggest_on_error", cx) else {
            return;
        };
        if strip_parens(value).kind_name() != "true" {
            return;
        }
        if let Some(edit) = remove_call_argument(cx, list, &args, index) {
            cx.fix(vec![edit]);
        }
    }
}
