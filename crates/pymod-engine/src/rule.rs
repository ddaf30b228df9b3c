//! The rule API.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::settings::{PyVersion, Settings};

/// Everything the engine and the CLI know about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case name used by `--select`, `--ignore` and `explain`.
    pub name: &'static str,
    /// The group it belongs to (`pyupgrade`, `fstring`, ...).
    pub group: &'static str,
    /// The rule runs only when the target version is at least this.
    pub min_version: PyVersion,
    /// Node kinds (tree-sitter-python names) the rule wants to see.
    pub kinds: &'static [&'static str],
    /// Substrings of which at least one must occur in a file for the rule to
    /// fire; empty means the rule cannot be prefiltered.
    pub prefilter: &'static [&'static str],
    /// A cheap test of the text for what substrings cannot express (such as
    /// "starts with whitespace"); the file is parsed when it or the
    /// prefilter says the rule might fire.
    pub quick_check: Option<fn(&str) -> bool>,
    /// Whether the rule runs without being selected by name or group.
    pub default_enabled: bool,
    /// `Some(rules)`: the only rules (this one included, if listed) to which
    /// the rule's fixes can give anything new to fix. After a pass, the
    /// next pass runs only the rules fed by the fixes applied (and those
    /// whose fixes had to wait), and when none of them could fire on the
    /// new text, the fixpoint ends without a re-parse: `Some(&[])` says the
    /// fixes are final. `None`: any rule may find something new. Debug
    /// builds run every rule in every pass and panic when a rule the claims
    /// left out finds a fix, so every test checks every claim.
    pub feeds: Option<&'static [&'static str]>,
    /// The rule's doc comment, the single source of its documentation.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first sentence-bearing line of the doc: what `pymod rules` shows.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with('#'))
            .unwrap_or("")
    }

    /// The doc comment with the one leading space of `///` lines removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// What `declare_rule!` implements for a rule: its metadata.
pub trait DeclaredRule {
    fn meta(&self) -> &'static RuleMeta;
}

/// A rewrite rule. It sees the nodes of the kinds it declared, in document
/// order, and proposes fixes through the checker. It never writes files,
/// walks the whole tree, re-parses or re-scans imports.
pub trait Rule: DeclaredRule + Send + Sync {
    /// Whether the rule applies under these settings beyond its minimum
    /// version (for example `--keep-mock` turns the mock rule off).
    fn enabled(&self, _settings: &Settings) -> bool {
        true
    }

    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>);
}

/// Declares a rule struct whose doc comment becomes its `RuleMeta::doc`.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub struct SetLiteral {
///         name: "set-literal",
///         group: "pyupgrade",
///         min_version: PyVersion::PY3,
///         kinds: ["call"],
///         prefilter: ["set("],
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $rule:ident {
            name: $name:literal,
            group: $group:literal,
            min_version: $min:expr,
            kinds: [$($kind:literal),* $(,)?],
            prefilter: [$($pattern:literal),* $(,)?] $(,)?
            $(quick_check: $quick:expr,)?
            $(default_enabled: $default:expr,)?
            $(feeds: [$($feeds:literal),* $(,)?] $(,)?)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $rule;

        impl $rule {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                name: $name,
                group: $group,
                min_version: $min,
                kinds: &[$($kind),*],
                prefilter: &[$($pattern),*],
                quick_check: $crate::__quick_check!($($quick)?),
                default_enabled: $crate::__default_enabled!($($default)?),
                feeds: $crate::__feeds!($([$($feeds),*])?),
                doc: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::DeclaredRule for $rule {
            fn meta(&self) -> &'static $crate::RuleMeta {
                &Self::META
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __default_enabled {
    () => {
        true
    };
    ($value:expr) => {
        $value
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __quick_check {
    () => {
        None
    };
    ($check:expr) => {
        Some($check)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __feeds {
    () => {
        None
    };
    ([$($feed:literal),*]) => {
        Some(&[$($feed),*])
    };
}
