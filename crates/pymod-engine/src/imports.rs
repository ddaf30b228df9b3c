//! What names refer to in a file: imports (with aliases) and the local
//! bindings that shadow them or the builtins. Built by the engine during its
//! one traversal, so rules never re-scan imports.

use std::collections::HashMap;
use std::ops::Range;

/// Where a name gets its value from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// `import a.b` binds `a` to module `a`; `import a.b as c` binds `c` to `a.b`;
    /// `from a import b as c` binds `c` to `a.b`.
    Import {
        qualified: String,
        /// Whether the binding is a `from` import.
        from_import: bool,
        /// Whether the import renamed it (`as`).
        aliased: bool,
    },
    /// Assigned, defined or a parameter within `scope` (byte range).
    /// Names bound directly in a class body are not visible in the
    /// functions nested in it.
    Local {
        scope: Range<usize>,
        class_body: bool,
    },
}

#[derive(Debug, Default, Clone)]
pub struct ImportTable {
    bindings: HashMap<String, Vec<Binding>>,
    /// Modules imported with `from M import *`.
    pub star_imports: Vec<String>,
    /// Names imported from `__future__`.
    pub future_features: Vec<String>,
    /// Ranges of functions and lambdas, in document order.
    pub(crate) function_scopes: Vec<Range<usize>>,
}

impl ImportTable {
    pub(crate) fn clear(&mut self) {
        self.bindings.clear();
        self.star_imports.clear();
        self.future_features.clear();
        self.function_scopes.clear();
    }

    pub(crate) fn add(&mut self, name: &str, binding: Binding) {
        self.bindings
            .entry(name.to_owned())
            .or_default()
            .push(binding);
    }

    /// Every binding of `name` in the file.
    pub fn bindings_of(&self, name: &str) -> &[Binding] {
        self.bindings.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `name` is bound anywhere in the file, by import or otherwise.
    pub fn is_bound_anywhere(&self, name: &str) -> bool {
        self.bindings.contains_key(name)
    }

    /// Whether a local binding of `name` is visible at `offset`.
    pub fn is_shadowed_at(&self, name: &str, offset: usize) -> bool {
        self.bindings_of(name).iter().any(|b| match b {
            Binding::Local { scope, class_body } => {
                let inside = scope.contains(&offset) || scope.end == offset;
                inside && !(*class_body && self.in_function_within(scope, offset))
            }
            Binding::Import { .. } => false,
        })
    }

    fn in_function_within(&self, outer: &Range<usize>, offset: usize) -> bool {
        self.function_scopes
            .iter()
            .any(|f| f.start > outer.start && f.start <= offset && offset < f.end)
    }

    /// What the name `name` used at `offset` refers to: the qualified name of
    /// what it was imported as, its own name if nothing in the file binds it
    /// (a builtin or an unimported global), or `None` when a local binding
    /// may shadow it or several imports disagree.
    pub fn resolve_name(&self, name: &str, offset: usize) -> Option<String> {
        let bindings = self.bindings_of(name);
        if bindings.is_empty() {
            return Some(name.to_owned());
        }
        if self.is_shadowed_at(name, offset) {
            return None;
        }
        let mut imports = bindings.iter().filter_map(|b| match b {
            Binding::Import { qualified, .. } => Some(qualified),
            Binding::Local { .. } => None,
        });
        let Some(first) = imports.next() else {
            return Some(name.to_owned());
        };
        imports.all(|q| q == first).then(|| first.clone())
    }

    /// Whether `name` is, without alias, imported `from module`.
    pub fn is_from_imported(&self, module: &str, name: &str) -> bool {
        self.bindings_of(name).iter().any(|b| match b {
            Binding::Import {
                qualified,
                from_import: true,
                aliased: false,
            } => {
                qualified
                    .strip_suffix(name)
                    .and_then(|m| m.strip_suffix('.'))
                    == Some(module)
            }
            _ => false,
        })
    }

    /// Whether `feature` is imported from `__future__`.
    pub fn has_future(&self, feature: &str) -> bool {
        self.future_features.iter().any(|f| f == feature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(q: &str, from: bool, aliased: bool) -> Binding {
        Binding::Import {
            qualified: q.into(),
            from_import: from,
            aliased,
        }
    }

    #[test]
    fn resolves_aliases_and_builtins() {
        let mut t = ImportTable::default();
        t.add("L", import("typing.List", true, true));
        assert_eq!(t.resolve_name("L", 0).as_deref(), Some("typing.List"));
        assert_eq!(t.resolve_name("open", 0).as_deref(), Some("open"));
    }

    #[test]
    fn class_body_binding_is_invisible_in_methods() {
        let mut t = ImportTable::default();
        t.add(
            "open",
            Binding::Local {
                scope: 0..100,
                class_body: true,
            },
        );
        t.function_scopes.push(50..80);
        assert!(t.is_shadowed_at("open", 20));
        assert!(!t.is_shadowed_at("open", 60));
    }

    #[test]
    fn local_binding_shadows_within_its_scope() {
        let mut t = ImportTable::default();
        t.add(
            "open",
            Binding::Local {
                scope: 10..20,
                class_body: false,
            },
        );
        assert_eq!(t.resolve_name("open", 15), None);
        assert_eq!(t.resolve_name("open", 25).as_deref(), Some("open"));
        assert!(!t.is_shadowed_at("open", 25));
    }
}
