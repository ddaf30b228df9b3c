//! Where Python 3 moved or dropped the names that old code imports: the data
//! behind `obsolete-imports` and `collections-abc`, keyed by the Python 3
//! minor version from which each change applies.

/// Names that need no import from `module` from Python 3.`since` on.
pub struct Removal {
    pub since: u8,
    pub module: &'static str,
    pub names: &'static [&'static str],
}

/// Names importable from `to` instead of `module` from Python 3.`since` on.
pub struct SymbolMove {
    pub since: u8,
    pub module: &'static str,
    pub to: &'static str,
    pub names: &'static [&'static str],
}

/// The first component of every module the tables mention: a cheap test
/// that an import has nothing to do with them.
pub const ROOT_MODULES: &[&str] = &[
    "__future__",
    "builtins",
    "collections",
    "io",
    "mock",
    "mypy_extensions",
    "pipes",
    "six",
    "typing",
    "typing_extensions",
    "xml",
];

/// Whether `from module import name` can be dropped when targeting 3.`minor`.
pub fn is_removable(module: &str, name: &str, minor: u8) -> bool {
    REMOVALS
        .iter()
        .any(|r| r.since <= minor && r.module == module && r.names.contains(&name))
}

/// Where `name` should be imported from instead of `module` when targeting
/// 3.`minor`; `mock.mock` belongs to `unittest` unless `keep_mock`.
pub fn symbol_destination(
    module: &str,
    name: &str,
    minor: u8,
    keep_mock: bool,
) -> Option<&'static str> {
    if !keep_mock && module == "mock" && name == "mock" {
        return Some("unittest");
    }
    SYMBOL_MOVES
        .iter()
        .rev()
        .find(|m| m.since <= minor && m.module == module && m.names.contains(&name))
        .map(|m| m.to)
}

/// The module that replaces the whole module `qualified`; `mock` and
/// `mock.mock` become `unittest.mock` unless `keep_mock`.
pub fn module_destination(qualified: &str, keep_mock: bool) -> Option<&'static str> {
    if !keep_mock && (qualified == "mock" || qualified == "mock.mock") {
        return Some("unittest.mock");
    }
    MODULE_MOVES
        .binary_search_by(|(from, _)| (*from).cmp(qualified))
        .ok()
        .and_then(|i| MODULE_MOVES.get(i))
        .map(|(_, to)| *to)
}

/// The abstract base classes `collections` used to re-export from
/// `collections.abc`.
pub fn is_collections_abc_name(name: &str) -> bool {
    SYMBOL_MOVES.iter().any(|m| {
        m.since == 0
            && m.module == "collections"
            && m.to == "collections.abc"
            && m.names.contains(&name)
    })
}

/// Names `from builtins import ...` (and its `six.moves` spelling) brought
/// in for Python 2 code: in Python 3 they are the builtins already.
const PY3_BUILTINS: &[&str] = &[
    "*",
    "ascii",
    "bytes",
    "chr",
    "dict",
    "filter",
    "hex",
    "input",
    "int",
    "isinstance",
    "list",
    "map",
    "max",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "pow",
    "range",
    "round",
    "str",
    "super",
    "zip",
];

pub static REMOVALS: &[Removal] = &[
    Removal {
        since: 0,
        module: "__future__",
        names: &[
            "absolute_import",
            "division",
            "generators",
            "nested_scopes",
            "print_function",
            "unicode_literals",
            "with_statement",
        ],
    },
    Removal {
        since: 0,
        module: "builtins",
        names: PY3_BUILTINS,
    },
    Removal {
        since: 0,
        module: "io",
        names: &["open"],
    },
    Removal {
        since: 0,
        module: "six",
        names: &["callable", "next"],
    },
    Removal {
        since: 0,
        module: "six.moves",
        names: &["filter", "input", "map", "range", "zip"],
    },
    Removal {
        since: 0,
        module: "six.moves.builtins",
        names: PY3_BUILTINS,
    },
    Removal {
        since: 7,
        module: "__future__",
        names: &["generator_stop"],
    },
    Removal {
        since: 14,
        module: "__future__",
        names: &["annotations"],
    },
    Removal {
        since: 15,
        module: "typing_extensions",
        names: &["sentinel"],
    },
];
pub static SYMBOL_MOVES: &[SymbolMove] = &[
    SymbolMove {
        since: 0,
        module: "collections",
        to: "collections.abc",
        names: &[
            "AsyncGenerator",
            "AsyncIterable",
            "AsyncIterator",
            "Awaitable",
            "ByteString",
            "Callable",
            "Collection",
            "Container",
            "Coroutine",
            "Generator",
            "Hashable",
            "ItemsView",
            "Iterable",
            "Iterator",
            "KeysView",
            "Mapping",
            "MappingView",
            "MutableMapping",
            "MutableSequence",
            "MutableSet",
            "Reversible",
            "Sequence",
            "Set",
            "Sized",
            "ValuesView",
        ],
    },
    SymbolMove {
        since: 0,
        module: "pipes",
        to: "shlex",
        names: &["quote"],
    },
    SymbolMove {
        since: 0,
        module: "six",
        to: "functools",
        names: &["wraps"],
    },
    SymbolMove {
        since: 0,
        module: "six",
        to: "io",
        names: &["BytesIO", "StringIO"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves",
        to: "collections",
        names: &["UserDict", "UserList", "UserString"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves",
        to: "functools",
        names: &["reduce"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves",
        to: "io",
        names: &["StringIO"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves",
        to: "itertools",
        names: &["filterfalse", "zip_longest"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves",
        to: "os",
        names: &["getcwd", "getcwdb"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves",
        to: "subprocess",
        names: &["getoutput"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves",
        to: "sys",
        names: &["intern"],
    },
    SymbolMove {
        since: 0,
        module: "six.moves.urllib",
        to: "urllib",
        names: &["error", "parse", "request", "response", "robotparser"],
    },
    SymbolMove {
        since: 6,
        module: "typing_extensions",
        to: "typing",
        names: &[
            "AbstractSet",
            "AnyStr",
            "AsyncIterable",
            "AsyncIterator",
            "Awaitable",
            "BinaryIO",
            "Callable",
            "ClassVar",
            "Collection",
            "Container",
            "Coroutine",
            "DefaultDict",
            "Dict",
            "FrozenSet",
            "Generic",
            "Hashable",
            "IO",
            "ItemsView",
            "Iterable",
            "Iterator",
            "KeysView",
            "List",
            "Mapping",
            "MappingView",
            "Match",
            "MutableMapping",
            "MutableSequence",
            "MutableSet",
            "Optional",
            "Pattern",
            "Reversible",
            "Sequence",
            "Set",
            "Sized",
            "TYPE_CHECKING",
            "Text",
            "TextIO",
            "Tuple",
            "Type",
            "Union",
            "ValuesView",
            "cast",
            "no_type_check",
        ],
    },
    SymbolMove {
        since: 7,
        module: "mypy_extensions",
        to: "typing",
        names: &["NoReturn"],
    },
    SymbolMove {
        since: 7,
        module: "typing_extensions",
        to: "typing",
        names: &["ChainMap", "Counter", "Deque", "ForwardRef", "NoReturn"],
    },
    SymbolMove {
        since: 8,
        module: "mypy_extensions",
        to: "typing",
        names: &["TypedDict"],
    },
    SymbolMove {
        since: 8,
        module: "typing_extensions",
        to: "typing",
        names: &["Final", "OrderedDict"],
    },
    SymbolMove {
        since: 9,
        module: "typing",
        to: "collections",
        names: &["ChainMap", "Counter", "OrderedDict"],
    },
    SymbolMove {
        since: 9,
        module: "typing",
        to: "collections.abc",
        names: &[
            "AsyncGenerator",
            "AsyncIterable",
            "AsyncIterator",
            "Awaitable",
            "ByteString",
            "Collection",
            "Container",
            "Coroutine",
            "Generator",
            "Hashable",
            "ItemsView",
            "Iterable",
            "Iterator",
            "KeysView",
            "Mapping",
            "MappingView",
            "MutableMapping",
            "MutableSequence",
            "MutableSet",
            "Reversible",
            "Sequence",
            "Sized",
            "ValuesView",
        ],
    },
    SymbolMove {
        since: 9,
        module: "typing",
        to: "re",
        names: &["Match", "Pattern"],
    },
    SymbolMove {
        since: 9,
        module: "typing.re",
        to: "re",
        names: &["Match", "Pattern"],
    },
    SymbolMove {
        since: 9,
        module: "typing_extensions",
        to: "typing",
        names: &["Annotated", "get_type_hints"],
    },
    SymbolMove {
        since: 10,
        module: "typing",
        to: "collections.abc",
        names: &["Callable"],
    },
    SymbolMove {
        since: 10,
        module: "typing_extensions",
        to: "typing",
        names: &[
            "Concatenate",
            "Literal",
            "NewType",
            "ParamSpecArgs",
            "ParamSpecKwargs",
            "TypeAlias",
            "TypeGuard",
            "get_args",
            "get_origin",
            "is_typeddict",
        ],
    },
    SymbolMove {
        since: 11,
        module: "typing_extensions",
        to: "typing",
        names: &[
            "Any",
            "LiteralString",
            "Never",
            "NotRequired",
            "Required",
            "Self",
            "assert_never",
            "assert_type",
            "clear_overloads",
            "final",
            "get_overloads",
            "overload",
            "reveal_type",
        ],
    },
    SymbolMove {
        since: 12,
        module: "typing_extensions",
        to: "typing",
        names: &[
            "NamedTuple",
            "SupportsAbs",
            "SupportsBytes",
            "SupportsComplex",
            "SupportsFloat",
            "SupportsIndex",
            "SupportsInt",
            "SupportsRound",
            "TypeAliasType",
            "Unpack",
            "dataclass_transform",
            "override",
        ],
    },
    SymbolMove {
        since: 13,
        module: "typing_extensions",
        to: "typing",
        names: &[
            "AsyncContextManager",
            "AsyncGenerator",
            "ContextManager",
            "Generator",
            "NoDefault",
            "ParamSpec",
            "Protocol",
            "ReadOnly",
            "TypeIs",
            "TypeVar",
            "TypeVarTuple",
            "get_protocol_members",
            "is_protocol",
            "runtime_checkable",
        ],
    },
    SymbolMove {
        since: 13,
        module: "typing_extensions",
        to: "warnings",
        names: &["deprecated"],
    },
    SymbolMove {
        since: 14,
        module: "typing_extensions",
        to: "typing",
        names: &["evaluate_forward_ref"],
    },
    SymbolMove {
        since: 15,
        module: "typing_extensions",
        to: "typing",
        names: &["NoExtraItems", "TypeForm", "TypedDict", "disjoint_base"],
    },
];
pub static MODULE_MOVES: &[(&str, &str)] = &[
    ("six.moves.BaseHTTPServer", "http.server"),
    ("six.moves.CGIHTTPServer", "http.server"),
    ("six.moves.SimpleHTTPServer", "http.server"),
    ("six.moves._dummy_thread", "_thread"),
    ("six.moves._thread", "_thread"),
    ("six.moves.builtins", "builtins"),
    ("six.moves.cPickle", "pickle"),
    ("six.moves.collections_abc", "collections.abc"),
    ("six.moves.configparser", "configparser"),
    ("six.moves.copyreg", "copyreg"),
    ("six.moves.dbm_gnu", "dbm.gnu"),
    ("six.moves.dbm_ndbm", "dbm.ndbm"),
    ("six.moves.email_mime_base", "email.mime.base"),
    ("six.moves.email_mime_image", "email.mime.image"),
    ("six.moves.email_mime_multipart", "email.mime.multipart"),
    (
        "six.moves.email_mime_nonmultipart",
        "email.mime.nonmultipart",
    ),
    ("six.moves.email_mime_text", "email.mime.text"),
    ("six.moves.html_entities", "html.entities"),
    ("six.moves.html_parser", "html.parser"),
    ("six.moves.http_client", "http.client"),
    ("six.moves.http_cookiejar", "http.cookiejar"),
    ("six.moves.http_cookies", "http.cookies"),
    ("six.moves.queue", "queue"),
    ("six.moves.reprlib", "reprlib"),
    ("six.moves.socketserver", "socketserver"),
    ("six.moves.tkinter", "tkinter"),
    ("six.moves.tkinter_colorchooser", "tkinter.colorchooser"),
    ("six.moves.tkinter_commondialog", "tkinter.commondialog"),
    ("six.moves.tkinter_constants", "tkinter.constants"),
    ("six.moves.tkinter_dialog", "tkinter.dialog"),
    ("six.moves.tkinter_dnd", "tkinter.dnd"),
    ("six.moves.tkinter_filedialog", "tkinter.filedialog"),
    ("six.moves.tkinter_font", "tkinter.font"),
    ("six.moves.tkinter_messagebox", "tkinter.messagebox"),
    ("six.moves.tkinter_scrolledtext", "tkinter.scrolledtext"),
    ("six.moves.tkinter_simpledialog", "tkinter.simpledialog"),
    ("six.moves.tkinter_tix", "tkinter.tix"),
    ("six.moves.tkinter_tkfiledialog", "tkinter.filedialog"),
    ("six.moves.tkinter_tksimpledialog", "tkinter.simpledialog"),
    ("six.moves.tkinter_ttk", "tkinter.ttk"),
    ("six.moves.urllib.error", "urllib.error"),
    ("six.moves.urllib.parse", "urllib.parse"),
    ("six.moves.urllib.request", "urllib.request"),
    ("six.moves.urllib.response", "urllib.response"),
    ("six.moves.urllib.robotparser", "urllib.robotparser"),
    ("six.moves.urllib_error", "urllib.error"),
    ("six.moves.urllib_parse", "urllib.parse"),
    ("six.moves.urllib_robotparser", "urllib.robotparser"),
    ("six.moves.winreg", "_winreg"),
    ("six.moves.xmlrpc_client", "xmlrpc.client"),
    ("six.moves.xmlrpc_server", "xmlrpc.server"),
    ("xml.etree.cElementTree", "xml.etree.ElementTree"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_moves_are_sorted_for_lookup() {
        assert!(MODULE_MOVES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(module_destination("six.moves.queue", false), Some("queue"));
        assert_eq!(module_destination("mock", true), None);
    }

    #[test]
    fn root_modules_cover_the_tables() {
        let root = |m: &str| m.split('.').next().unwrap_or_default().to_owned();
        let modules = REMOVALS
            .iter()
            .map(|r| r.module)
            .chain(SYMBOL_MOVES.iter().map(|m| m.module))
            .chain(MODULE_MOVES.iter().map(|m| m.0));
        for module in modules {
            assert!(ROOT_MODULES.contains(&root(module).as_str()), "{module}");
        }
    }

    #[test]
    fn versions_gate_moves() {
        assert_eq!(symbol_destination("typing", "Callable", 9, false), None);
        assert_eq!(
            symbol_destination("typing", "Callable", 10, false),
            Some("collections.abc")
        );
        assert!(is_removable("__future__", "annotations", 14));
        assert!(!is_removable("__future__", "annotations", 13));
        assert!(is_removable("six.moves.builtins", "map", 0));
        assert!(is_collections_abc_name("Sized"));
        assert!(!is_collections_abc_name("defaultdict"));
    }
}
