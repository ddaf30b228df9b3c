use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::module_names::is_module_member;

declare_rule! {
    /// Renames the `universal_newlines` argument of `subprocess.run` and `check_output` to `text`.
    ///
    /// ## What it does
    /// Rewrites `subprocess.run(cmd, universal_newlines=True)` as
    /// `subprocess.run(cmd, text=True)`, and the same for
    /// `subprocess.check_output`.
    ///
    /// ## Why is this bad?
    /// Python 3.7 added `text` as the clearer name for the same switch;
    /// `universal_newlines` is only kept for compatibility.
    ///
    /// ## Example
    /// ```python
    /// import subprocess
    ///
    /// out = subprocess.check_output(["ls"], universal_newlines=True)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import subprocess
    ///
    /// out = subprocess.check_output(["ls"], text=True)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.7.
    ///
    /// ## When it refuses
    /// When the function is neither reached through `subprocess.` nor
    /// imported unaliased from `subprocess`, when the call already passes
    /// `text`, or when it has `**kwargs` (which could hold `text`).
    ///
    /// ## Fix safety
    /// Safe.
    pub struct SubprocessText {
        name: "subprocess-text",
        group: "pyupgrade",
        min_version: PyVersion::py3(7),
        kinds: ["call"],
        prefilter: ["universal_newlines"],
    }
}

impl Rule for SubprocessText {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if !is_module_member(function, "subprocess", &["check_output", "run"], cx) {
            return;
        }
        let Some(arguments) = node.field("arguments") else {
            return;
        };
        let mut cursor = arguments.walk();
        let mut target = None;
        for arg in arguments.named_children(&mut cursor) {
            match arg.kind_name() {
                "dictionary_splat" => return,
                "keyword_argument" => {
                    let Some(name) = arg.field("name") else {
                        continue;
                    };
                    match cx.text(name) {
                        "text" => return,
                        "universal_newlines" if target.is_none() => target = Some(name),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        if let Some(name) = target {
            cx.replace(name, "text");
        }
    }
}
