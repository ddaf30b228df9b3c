use pymod_engine::{declare_rule, Checker, Edit, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

use crate::helpers::args::{self, arguments, has_star_args, remove_argument};
use crate::helpers::call_template::call_args;
use crate::helpers::six_names::{decorator_line_range, name_attr, strip_parens};

declare_rule! {
    /// Rewrites `six` metaclass helpers and `six.Iterator` bases in class definitions.
    ///
    /// ## What it does
    /// Turns `class C(six.with_metaclass(M, B)):` into
    /// `class C(B, metaclass=M):`, moves `@six.add_metaclass(M)` into the
    /// class header as `metaclass=M`, and drops `six.Iterator` from the
    /// bases. Names imported with `from six import ...` match too.
    ///
    /// ## Why is this bad?
    /// Python 3 has a `metaclass=` keyword in the class header, and its
    /// iterators need no base class; the `six` helpers only bridged
    /// Python 2's different syntax.
    ///
    /// ## Example
    /// ```python
    /// @six.add_metaclass(Registry)
    /// class Plugin(Base):
    ///     pass
    ///
    /// class Reader(six.with_metaclass(Meta, object)):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Plugin(Base, metaclass=Registry):
    ///     pass
    ///
    /// class Reader(metaclass=Meta):
    ///     pass
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// With `*args` / `**kwargs` in the helper call, when `with_metaclass`
    /// is not the only base, when the class has type parameters or already
    /// names a metaclass (for `add_metaclass`), when the decorator shares
    /// its line with other code, and when a comment lies in the text that
    /// would be removed or moved.
    ///
    /// ## Fix safety
    /// Safe.
    pub struct SixClasses {
        name: "six-classes",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["class_definition"],
        prefilter: ["with_metaclass", "add_metaclass", "Iterator"],
    }
}

impl Rule for SixClasses {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        add_metaclass(node, cx);
        let Some(bases) = node.field("superclasses") else {
            return;
        };
        let args = arguments(bases);
        with_metaclass(&args, cx);
        iterator_base(bases, &args, cx);
    }
}

fn with_metaclass(args: &[Node<'_>], cx: &mut Checker<'_>) {
    let mut positional = args
        .iter()
        .filter(|a| !matches!(a.kind_name(), "keyword_argument" | "dictionary_splat"));
    let (Some(base), None) = (positional.next(), positional.next()) else {
        return;
    };
    if base.kind_name() != "call" {
        return;
    }
    let (Some(function), Some(arguments)) = (base.field("function"), base.field("arguments"))
    else {
        return;
    };
    if arguments.kind_name() != "argument_list"
        || name_attr(cx, function, &["six"], &["with_metaclass"]).is_none()
        || has_star_args(&args::arguments(arguments))
    {
        return;
    }
    let Some(call) = call_args(cx, arguments, false) else {
        return;
    };
    let replacement = match call.args.as_slice() {
        [Some(meta)] => format!("metaclass={meta}"),
        [Some(meta), Some(only)] if only == "object" => format!("metaclass={meta}"),
        [Some(meta), _, ..] => format!("{}, metaclass={meta}", call.rest),
        _ => return,
    };
    cx.replace(*base, replacement);
}

fn add_metaclass(class: Node<'_>, cx: &mut Checker<'_>) {
    let Some(decorated) = class
        .parent()
        .filter(|p| p.kind_name() == "decorated_definition")
    else {
        return;
    };
    if class.field("type_parameters").is_some() {
        return;
    }
    let mut cursor = decorated.walk();
    let decorators: Vec<Node<'_>> = decorated
        .children(&mut cursor)
        .filter(|c| c.kind_name() == "decorator")
        .collect();
    // A metaclass given twice (`metaclass=` or `with_metaclass` in the
    // bases, or a second decorator) would be a repeated keyword.
    let metaclass_decorators = decorators
        .iter()
        .filter(|d| cx.text(**d).contains("add_metaclass"))
        .count();
    if metaclass_decorators > 1
        || class
            .field("superclasses")
            .is_some_and(|bases| cx.text(bases).contains("metaclass"))
    {
        return;
    }
    for decorator in decorators {
        let Some(call) = decorator.named_child(0).map(strip_parens) else {
            continue;
        };
        if call.kind_name() != "call" {
            continue;
        }
        let (Some(function), Some(arguments)) = (call.field("function"), call.field("arguments"))
        else {
            continue;
        };
        if arguments.kind_name() != "argument_list"
            || name_attr(cx, function, &["six"], &["add_metaclass"]).is_none()
            || has_star_args(&args::arguments(arguments))
        {
            continue;
        }
        let Some(parsed) = call_args(cx, arguments, true) else {
            continue;
        };
        let Some(Some(meta)) = parsed.args.first() else {
            continue;
        };
        // `call_args` parenthesised the first argument; undo that here.
        let meta = meta
            .strip_prefix('(')
            .and_then(|m| m.strip_suffix(')'))
            .unwrap_or(meta);
        let Some(insert) = metaclass_insertion(class, meta) else {
            continue;
        };
        let Some(line) = decorator_line_range(cx.src, decorator) else {
            continue;
        };
        cx.fix(vec![insert, Edit::delete(line)]);
        return;
    }
}

/// Where and how `metaclass=M` goes into the class header.
fn metaclass_insertion(class: Node<'_>, meta: &str) -> Option<Edit> {
    let Some(bases) = class.field("superclasses") else {
        let mut cursor = class.walk();
        let colon = class.children(&mut cursor).find(|c| c.kind_name() == ":")?;
        return Some(Edit::insert(
            colon.start_byte(),
            format!("(metaclass={meta})"),
        ));
    };
    let count = bases.child_count();
    let mut index = count.checked_sub(2)?;
    let last = loop {
        let child = bases.child(index)?;
        if child.kind_name() != "comment" {
            break child;
        }
        index = index.checked_sub(1)?;
    };
    let text = match last.kind_name() {
        "(" => format!("metaclass={meta}"),
        "," => format!(" metaclass={meta},"),
        _ => format!(", metaclass={meta}"),
    };
    Some(Edit::insert(last.end_byte(), text))
}

fn iterator_base(bases: Node<'_>, args: &[Node<'_>], cx: &mut Checker<'_>) {
    let Some(index) = args.iter().position(|a| {
        !matches!(a.kind_name(), "keyword_argument" | "dictionary_splat")
            && name_attr(cx, *a, &["six"], &["Iterator"]).is_some()
    }) else {
        return;
    };
    let edit = if args.len() == 1 {
        Edit::delete(bases.byte_range())
    } else {
        match remove_argument(args, index) {
            Some(edit) => edit,
            None => return,
        }
    };
    if cx.has_comment_in(edit.range.clone()) {
        return;
    }
    cx.fix(vec![edit]);
}
