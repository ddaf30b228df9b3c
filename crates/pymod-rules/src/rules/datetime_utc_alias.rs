use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

declare_rule! {
    /// Replaces `datetime.timezone.utc` with `datetime.UTC`.
    ///
    /// ## What it does
    /// Rewrites the attribute chain `datetime.timezone.utc` as
    /// `datetime.UTC`.
    ///
    /// ## Why is this bad?
    /// Python 3.11 added the shorter `datetime.UTC` alias for the same
    /// object.
    ///
    /// ## Example
    /// ```python
    /// import datetime
    /// now = datetime.datetime.now(datetime.timezone.utc)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import datetime
    /// now = datetime.datetime.now(datetime.UTC)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.11.
    ///
    /// ## When it refuses
    /// Only the spelled-out `datetime.timezone.utc` chain is rewritten; not
    /// `timezone.utc` after `from datetime import timezone`, and not when a
    /// comment sits inside the chain.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct DatetimeUtcAlias {
        name: "datetime-utc-alias",
        group: "pyupgrade",
        min_version: PyVersion::py3(11),
        kinds: ["attribute"],
        prefilter: ["timezone"],
    }
}

impl Rule for DatetimeUtcAlias {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let (Some(object), Some(attribute)) = (node.field("object"), node.field("attribute"))
        else {
            return;
        };
        if cx.text(attribute) != "utc" || object.kind_name() != "attribute" {
            return;
        }
        let (Some(module), Some(timezone)) = (object.field("object"), object.field("attribute"))
        else {
            return;
        };
        if module.kind_name() != "identifier"
            || cx.text(module) != "datetime"
            || cx.text(timezone) != "timezone"
            || cx.has_comment(node)
            || cx.in_fstring_field(node)
        {
            return;
        }
        cx.replace(node, "datetime.UTC");
    }
}
