use pymod_engine::{declare_rule, Checker, PyVersion, Rule};
use pymod_syntax::NodeExt;
use tree_sitter::Node;

declare_rule! {
    /// Replaces deprecated `unittest` aliases with their current names.
    ///
    /// ## What it does
    /// Renames calls of the old `TestCase` method aliases on `self`
    /// (`self.assertEquals` becomes `self.assertEqual`, `self.failUnless`
    /// becomes `self.assertTrue`, `self.assertRaisesRegexp` becomes
    /// `self.assertRaisesRegex`, ...) and replaces the module functions
    /// `unittest.makeSuite`, `unittest.findTestCases` and
    /// `unittest.getTestCaseNames` with the `unittest.defaultTestLoader`
    /// methods they forward to.
    ///
    /// ## Why is this bad?
    /// The aliases have been deprecated for a long time and Python 3.12
    /// removed the method aliases; the module functions are deprecated
    /// since Python 3.11 and removed in 3.13.
    ///
    /// ## Example
    /// ```python
    /// class T(unittest.TestCase):
    ///     def test_it(self):
    ///         self.assertEquals(add(1, 1), 2)
    ///
    /// suite = unittest.makeSuite(T)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class T(unittest.TestCase):
    ///     def test_it(self):
    ///         self.assertEqual(add(1, 1), 2)
    ///
    /// suite = unittest.defaultTestLoader.loadTestsFromTestCase(T)
    /// ```
    ///
    /// ## Minimum version
    /// Python 3.
    ///
    /// ## When it refuses
    /// Method aliases are renamed only when called on the bare name `self`.
    /// The module functions are replaced only when called on the bare name
    /// `unittest` with exactly one positional argument (their other
    /// parameters have no equivalent on the loader). Nothing is done when a
    /// comment sits inside the name being replaced.
    ///
    /// ## Fix safety
    /// Safe, unless a class defines its own method under one of the alias
    /// names.
    pub struct DeprecatedUnittestAlias {
        name: "deprecated-unittest-alias",
        group: "pyupgrade",
        min_version: PyVersion::PY3,
        kinds: ["call"],
        prefilter: [
            "assertEquals",
            "failUnless",
            "failIf",
            "assert_",
            "assertNotEquals",
            "AlmostEquals",
            "RegexpMatches",
            "assertRaisesRegexp",
            "makeSuite",
            "findTestCases",
            "getTestCaseNames",
        ],
        feeds: [],
    }
}

fn method_replacement(name: &str) -> Option<&'static str> {
    Some(match name {
        "assertEquals" | "failUnlessEqual" => "assertEqual",
        "failIfEqual" | "assertNotEquals" => "assertNotEqual",
        "failUnless" | "assert_" => "assertTrue",
        "failIf" => "assertFalse",
        "failUnlessRaises" => "assertRaises",
        "failUnlessAlmostEqual" | "assertAlmostEquals" => "assertAlmostEqual",
        "failIfAlmostEqual" | "assertNotAlmostEquals" => "assertNotAlmostEqual",
        "assertRegexpMatches" => "assertRegex",
        "assertNotRegexpMatches" => "assertNotRegex",
        "assertRaisesRegexp" => "assertRaisesRegex",
        _ => return None,
    })
}

fn function_replacement(name: &str) -> Option<&'static str> {
    Some(match name {
        "findTestCases" => "defaultTestLoader.loadTestsFromModule",
        "makeSuite" => "defaultTestLoader.loadTestsFromTestCase",
        "getTestCaseNames" => "defaultTestLoader.getTestCaseNames",
        _ => return None,
    })
}

impl Rule for DeprecatedUnittestAlias {
    fn check(&self, node: Node<'_>, cx: &mut Checker<'_>) {
        let Some(function) = node.field("function") else {
            return;
        };
        if function.kind_name() != "attribute" {
            return;
        }
        let (Some(object), Some(attribute)) =
            (function.field("object"), function.field("attribute"))
        else {
            return;
        };
        if object.kind_name() != "identifier" {
            return;
        }
        let replacement = match cx.text(object) {
            "self" => match method_replacement(cx.text(attribute)) {
                Some(method) => format!("self.{method}"),
                None => return,
            },
            "unittest" => match function_replacement(cx.text(attribute)) {
                Some(function) if has_one_positional_argument(node) => {
                    format!("unittest.{function}")
                }
                _ => return,
            },
            _ => return,
        };
        if cx.has_comment(function) {
            return;
        }
        cx.replace(function, replacement);
    }
}

fn has_one_positional_argument(call: Node<'_>) -> bool {
    let Some(arguments) = call.field("arguments") else {
        return false;
    };
    if arguments.kind_name() == "generator_expression" {
        return true;
    }
    let mut cursor = arguments.walk();
    let mut args = arguments
        .named_children(&mut cursor)
        .filter(|c| !matches!(c.kind_name(), "comment" | "line_continuation"));
    let first_is_plain = args.next().is_some_and(|a| {
        !matches!(
            a.kind_name(),
            "keyword_argument" | "list_splat" | "dictionary_splat"
        )
    });
    first_is_plain && args.next().is_none()
}
