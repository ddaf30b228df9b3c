use crate::helpers::args::{argument_list, arguments};
use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::call_tokens::{
    argument_deletion, call_args, has_comment_token, token_at_byte, tokenize, untokenize, Tok,
    TokKind,
};
use crate::helpers::module_names::is_module_member;

declare_rule! {
    /// Replaces `stdout=PIPE, stderr=PIPE` with `capture_output=True` in `subprocess.run` and `check_output`.
    ///
    /// ## What it does
    /// Rewrites `subprocess.run(cmd, stdout=subprocess.PIPE,
    /// stderr=subprocess.PIPE)` as `subprocess.run(cmd, capture_output=True)`
    /// (the same for `subprocess.check_output`).
    ///
    /// ## Why is this bad?
    /// Python 3.7 added `capture_output` to say exactly this in one argument.
    ///
    /// ## Example
    /// ```python
    /// import subprocess
    ///
    /// subprocess.run(["ls"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import subprocess
    ///
    /// subprocess.run(["ls"], capture_output=True)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.7.
    ///
    /// ## When it refuses
    /// When the function or `PIPE` is neither reached through `subprocess.`
    /// nor imported unaliased from `subprocess`, when either stream is sent
    /// elsewhere, or when a comment lies in the text the fix replaces.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct SubprocessCaptureOutput {
        name: "subprocess-capture-output",
        group: "pyupgrade",
        min_version: PyVersion::py3(7),
        kinds: ["call"],
        prefilter: ["PIPE"],
    }
}

impl Rule for SubprocessCaptureOutput {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if !is_module_member(function, "subprocess", &["check_output", "run"], cx) {
            return;
        }
        let Some(list) = argument_list(node) else {
            return;
        };
        let args = arguments(list);
        let piped = |stream: &str| {
            args.iter().rposition(|a| {
                a.kind_name() == "keyword_argument"
                    && a.field("name").is_some_and(|n| cx.text(n) == stream)
                    && a.field("value")
                        .is_some_and(|v| is_module_member(v, "subprocess", &["PIPE"], cx))
            })
        };
        let (Some(stdout), Some(stderr)) = (piped("stdout"), piped("stderr")) else {
            return;
        };
        let Some(mut toks) = tokenize(node, cx.src) else {
            return;
        };
        if rewrite(&mut toks, list.start_byte(), args.len(), stdout, stderr).is_some() {
            cx.replace(node, untokenize(&toks));
        }
    }
}

fn rewrite(
    toks: &mut Vec<Tok>,
    open_byte: usize,
    arg_count: usize,
    stdout: usize,
    stderr: usize,
) -> Option<()> {
    let open = token_at_byte(toks, open_byte)?;
    let (args, _) = call_args(toks, open)?;
    if args.len() != arg_count {
        return None;
    }
    let deletion = argument_deletion(toks, &args, stderr)?;
    let (mut start, end) = *args.get(stdout)?;
    while toks
        .get(start)
        .is_some_and(|t| matches!(t.kind, TokKind::Ws | TokKind::Nl))
    {
        start += 1;
    }
    if has_comment_token(toks, deletion) || has_comment_token(toks, (start, end)) {
        return None;
    }
    let replacement = Tok {
        kind: TokKind::Name,
        text: "capture_output=True".to_owned(),
        start: usize::MAX,
    };
    // Edit the later range first so the earlier one keeps its indices.
    if stdout < stderr {
        toks.drain(deletion.0..deletion.1);
        toks.splice(start..end, [replacement]);
    } else {
        toks.splice(start..end, [replacement]);
        toks.drain(deletion.0..deletion.1);
    }
    Some(())
}
