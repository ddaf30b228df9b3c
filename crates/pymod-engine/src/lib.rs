//! pymod's engine: the rule API, one traversal per file that dispatches nodes
//! to the rules that asked for their kind, edits and their conflicts, the
//! fixpoint, and validation of every result.
//!
//! The engine does no I/O: it turns source text into fixed source text.

mod checker;
mod edit;
mod engine;
mod imports;
mod prefilter;
mod rule;
mod settings;
mod traverse;

pub use checker::{Checker, FileFacts};
pub use edit::{Edit, Fix, Safety};
pub use engine::{Diagnostic, Engine, FixError, FixOutcome, MAX_PASSES};
pub use imports::{Binding, ImportTable};
pub use rule::{DeclaredRule, Rule, RuleMeta};
pub use settings::{PyVersion, Settings};

pub use pymod_syntax as syntax;
pub use tree_sitter::Node;
