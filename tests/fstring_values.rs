//! The `fstring` rules (with `fstring-concat` and `fstring-join`) must keep
//! the value of every string they rewrite.
//!
//! `CASES` lists expressions over a few variables: `v` (the sample value),
//! `w` (the string `'w'`), `d` (a dict holding `v` under `'k'`), `t` (the
//! tuple `(v, 'x')`), `o` (an object whose `.attr` is `v`), `width` and
//! `prec`. Each expression becomes one function of a generated module, which
//! `pymod --select fstring,fstring-concat,fstring-join` rewrites once per
//! mode (safe fixes, `--unsafe-fixes`, `--py312-plus`). For every case the
//! table says whether that mode must convert it or leave it alone; then one
//! `python3` process calls the original and the converted function for every
//! value of the sample table (in `DRIVER`) and compares the strings.
//!
//! Wherever the original returns a string, the converted function must
//! return the same string, except in `--unsafe-fixes` mode for cases marked
//! `Lossy`: the conversions documented as unsafe. When the original raises,
//! the pair is counted, not compared.
//!
//! The `--py312-plus` output is run by the first of `python3`, `python3.15`
//! .. `python3.12` that is 3.12 or newer; with an older one, converted cases
//! that do not compile are counted as not evaluated. Without `python3` the
//! values are not compared (the test says so), unless `CI=true`, where that
//! is a failure.
//!
//! `FSTRING_VALUES_DIR=DIR` keeps the generated module, pymod's output for
//! each mode and the comparison script in `DIR`, to reproduce a failure.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

mod common;

/// What a mode must do with a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Rewritten to an f-string (or a plain literal), with no `%`, `+`,
    /// `.format()` or `.join()` of a string left outside its replacement
    /// fields, that gives the same string for every sample.
    Conv,
    /// Left exactly as written.
    Keep,
    /// Rewritten by an unsafe fix that may give a different string for some
    /// samples (only allowed in the `--unsafe-fixes` column).
    Lossy,
}

use Expect::{Conv, Keep, Lossy};

/// One expression and what each mode must do with it.
struct Case {
    source: &'static str,
    safe: Expect,
    unsafe_: Expect,
    py312: Expect,
}

const fn case(source: &'static str, safe: Expect, unsafe_: Expect, py312: Expect) -> Case {
    Case {
        source,
        safe,
        unsafe_,
        py312,
    }
}

/// Columns: source, `--py311-plus`, `--py311-plus --unsafe-fixes`,
/// `--py312-plus`. A newline in a source continues it inside its brackets.
#[rustfmt::skip]
const CASES: &[Case] = &[
    // `%` with a tuple operand: conversions, flags, width, precision.
    case("'%s' % (v,)",                                           Conv, Conv, Conv),
    case("'%s and %s' % (v, w)",                                  Conv, Conv, Conv),
    case("'%r' % (v,)",                                           Conv, Conv, Conv),
    case("'%a' % (v,)",                                           Conv, Conv, Conv),
    case("'<%s|%r|%a>' % (v, v, v)",                              Conv, Conv, Conv),
    case("'%5s|' % (v,)",                                         Conv, Conv, Conv),
    case("'%-10s|' % (v,)",                                       Conv, Conv, Conv),
    case("'%.2s|' % (v,)",                                        Conv, Conv, Conv),
    case("'%8.3s|' % (v,)",                                       Conv, Conv, Conv),
    case("'%12r|' % (v,)",                                        Conv, Conv, Conv),
    case("'%s%%' % (v,)",                                         Conv, Conv, Conv),
    case("'100%% %s' % (w,)",                                     Conv, Conv, Conv),
    case("'%s' % (v if v else 'none',)",                          Conv, Conv, Conv),
    case("'%s' % (o.attr,)",                                      Conv, Conv, Conv),
    case("'%s-%s' % (v, \"x\")",                                  Conv, Conv, Conv),
    case("'%s|%r' % (str(v), repr(v))",                           Conv, Conv, Conv),
    case("'%-6s|%6s|' % (len(v), len(v))",                        Conv, Conv, Conv),
    case("'%-6s|%6s|' % (1.5, -2)",                               Conv, Conv, Conv),
    case("'%.2s|%.2s|' % (12345, 1.5)",                           Conv, Conv, Conv),
    case("'%s|%s|%s|%s' % (1_000, 0x10, 1.50, 1e300)",            Conv, Conv, Conv),
    case("'%s|%s|%s' % (None, True, -0.0)",                       Conv, Conv, Conv),
    case("'%s|%s' % ('{x}', '100%')",                             Conv, Conv, Conv),
    case("'%s' % (b'x',)",                                        Conv, Conv, Conv),
    case("'%-5s|%5s|%.1s' % ('ab', 'cd', 'ef')",                  Conv, Conv, Conv),
    case("'%r|%a|%5r' % (42, 'é', 'ab')",                         Conv, Conv, Conv),
    case("'%s' % ('a' 'b',)",                                     Conv, Conv, Conv),
    case("'%s|%s' % (f'{v}', f\"{w!r}\")",                        Conv, Conv, Conv),
    case("'%(x)s' % {'x': 'lit{}'}",                              Conv, Conv, Conv),
    case("'%s|%s' % ({1: 2}, not v)",                             Conv, Conv, Conv),
    case("'%s' % (str(w.encode(), 'ascii'),)",                    Conv, Conv, Conv),
    case(r"'\N{BULLET} %s' % (v,)",                               Conv, Conv, Conv),
    // A string argument is written into the text, its quotes escaped as
    // the template's quotes need.
    case("'<%s>' % (\"it's\",)",                                  Conv, Conv, Conv),
    case("'{}|{!r}|{:>5}|'.format(\"it's\", 'a', 'ab')",          Conv, Conv, Conv),
    // A backslash, `#` or the template's own quote inside a replacement
    // field needs Python 3.12 (PEP 701).
    case(r"'%s|%r' % ('a\tb', 'c\\d')",                           Keep, Keep, Conv),
    case("'%r' % (\"it's\",)",                                    Keep, Keep, Conv),
    case("'%s' % (w.count('#'),)",                                Keep, Keep, Conv),
    case(r"'{}'.format(w.strip('\n'))",                           Keep, Keep, Conv),
    // Numeric types on a value of unknown type: `%d` truncates a float,
    // and `%f`, `%e`, `%g`, `%x`, `%o` go through `float()` or `int()`,
    // where an f-string calls the value's `__format__` (a Decimal rounds
    // differently; an int-based Enum member formats as its name, which
    // rejects numeric specs).
    case("'%d' % (v,)",                                           Keep, Lossy, Keep),
    case("'%i|%u' % (v, v)",                                      Keep, Lossy, Keep),
    case("'%5.2f' % (v,)",                                        Keep, Lossy, Keep),
    case("'%.3e' % (v,)",                                         Keep, Lossy, Keep),
    case("'%g' % (v,)",                                           Keep, Lossy, Keep),
    case("'%x' % (v,)",                                           Keep, Lossy, Keep),
    case("'%o' % (v,)",                                           Keep, Lossy, Keep),
    case("'%05d' % (v,)",                                         Keep, Lossy, Keep),
    case("'%+d' % (v,)",                                          Keep, Lossy, Keep),
    case("'%.1f%%' % (v,)",                                       Keep, Lossy, Keep),
    // `%d`, `%i`, `%u` and friends on int-valued expressions.
    case("'%d' % (len(v),)",                                      Conv, Conv, Conv),
    case("'%i items' % (len(v),)",                                Conv, Conv, Conv),
    case("'%u' % (len(v),)",                                      Conv, Conv, Conv),
    case("'%05d' % (len(v),)",                                    Conv, Conv, Conv),
    case("'%+d' % (len(v),)",                                     Conv, Conv, Conv),
    case("'% d' % (len(v),)",                                     Conv, Conv, Conv),
    case("'%-5d|' % (len(v),)",                                   Conv, Conv, Conv),
    case("'%#x|%#o|%X' % (len(v), len(v), len(v))",               Conv, Conv, Conv),
    case("'%e' % (len(v),)",                                      Conv, Conv, Conv),
    case("'%.1f' % (len(v),)",                                    Conv, Conv, Conv),
    case("'%d|%5d|' % (int(v), int(v))",                          Conv, Conv, Conv),
    case("'%x' % (ord(w),)",                                      Conv, Conv, Conv),
    case("'%d|%i' % (True, False)",                               Keep, Conv, Keep),
    case("'%d' % 42",                                             Conv, Conv, Conv),
    case("'%05d' % (-42,)",                                       Conv, Conv, Conv),
    case("'% d|%+d' % (-7, 7)",                                   Conv, Conv, Conv),
    case("'%x|%o|%#X|%#x' % (255, 8, 255, -255)",                 Conv, Conv, Conv),
    case("'%.2f' % (2.675,)",                                     Conv, Conv, Conv),
    case("'%e|%g' % (-1.5e300, 1e-5)",                            Conv, Conv, Conv),
    case("'%-05d|' % (42,)",                                      Conv, Conv, Conv),
    case("'%-08.3f|' % (-2.5,)",                                  Conv, Conv, Conv),
    case("'%0-6d|%-+6d|' % (len(v), len(v))",                     Conv, Conv, Conv),
    case("'% 06d|%+06.1f' % (-len(v), -2.5)",                     Keep, Conv, Keep),
    case("'%F|%E|%G' % (1e300, 2.5, 1e-10)",                      Conv, Conv, Conv),
    case("'%#.0f|% .2f|%+.1e' % (2.5, 1.5, -2.5)",                Conv, Conv, Conv),
    case("'%5x|%-6o|' % (255, 8)",                                Conv, Conv, Conv),
    case("'%d' % 3.7",                                            Keep, Conv, Keep),
    // A single operand that is not a tuple: it might be one at run time.
    case("'%s' % v",                                              Keep, Lossy, Keep),
    case("'%r' % v",                                              Keep, Lossy, Keep),
    case("'[%s]' % o.attr",                                       Keep, Lossy, Keep),
    case("'%d' % v",                                              Keep, Lossy, Keep),
    case("'%s %s' % v",                                           Keep, Keep, Keep),
    case("'%s' % len(v)",                                         Conv, Conv, Conv),
    case("'%d' % len(v)",                                         Conv, Conv, Conv),
    case("'%s' % [v]",                                            Conv, Conv, Conv),
    case("'%s' % str(v)",                                         Conv, Conv, Conv),
    case("'%r' % repr(v)",                                        Conv, Conv, Conv),
    case("'%s' % f'{v}'",                                         Conv, Conv, Conv),
    case("'%d|' % -5",                                            Conv, Conv, Conv),
    case("'%s|' % 1.5",                                           Conv, Conv, Conv),
    case("'%s' % (v)",                                            Keep, Lossy, Keep),
    case("'%s' % -len(v)",                                        Keep, Lossy, Keep),
    // Dicts: a literal, and a variable.
    case("'%(a)s' % {'a': v}",                                    Conv, Conv, Conv),
    case("'%(a)s %(b)r %(a)a' % {'a': v, 'b': w}",                Conv, Conv, Conv),
    case("'%(a)5s|%(b)-4s|' % {'a': v, 'b': w}",                  Conv, Conv, Conv),
    case("'%(k)s' % d",                                           Conv, Conv, Conv),
    case("'%(k)s and %(key)r' % d",                               Conv, Conv, Conv),
    case("'%(k)s %(k)s' % d",                                     Conv, Conv, Conv),
    case("'%(k)s' % d.copy()",                                    Conv, Conv, Conv),
    case("'%(x)s' % {\"x\": v}",                                  Conv, Conv, Conv),
    case("'%(k)8s|%(key)-3s|' % d",                               Conv, Conv, Conv),
    case("'%(a b)s' % d",                                         Conv, Conv, Conv),
    case("'%(a)s' % {'a': v, 'b': w}",                            Conv, Conv, Conv),
    case("'%(a)s' % {'a': v, 'b': len(v)}",                       Keep, Keep, Keep),
    case("'%(a)s %(a)s' % {'a': len(v)}",                         Keep, Keep, Keep),
    case("'%(k)d' % d",                                           Keep, Lossy, Keep),
    case("'%(k).2f' % d",                                         Keep, Lossy, Keep),
    // `%` forms that must be refused in every mode.
    case("'%*d' % (width, len(v))",                               Keep, Keep, Keep),
    case("'%.*f' % (prec, len(v))",                               Keep, Keep, Keep),
    case("'%-*s|' % (width, v)",                                  Keep, Keep, Keep),
    case("'%s %s' % (*t,)",                                       Keep, Keep, Keep),
    case("'%s' % (v, w)",                                         Keep, Keep, Keep),
    case("'%s %s' % (v,)",                                        Keep, Keep, Keep),
    case("'%(a)s' % {**d}",                                       Keep, Keep, Keep),
    case("'%(a)s' % {'a': v, **d}",                               Keep, Keep, Keep),
    case("'%(a)s %s' % {'a': v}",                                 Keep, Keep, Keep),
    case("'%()s' % {'': v}",                                      Keep, Keep, Keep),
    case("'%c' % (65,)",                                          Keep, Keep, Keep),
    case("'%.3d' % (len(v),)",                                    Keep, Keep, Keep),
    case("b'%s' % (w.encode(),)",                                 Keep, Keep, Keep),
    case("('%s' % (  # the value\n v,))",                         Keep, Keep, Keep),
    // Templates: braces, escapes, prefixes, quotes, implicit concatenation.
    case("'{%s}' % (v,)",                                         Conv, Conv, Conv),
    case("'{}%s{{' % (v,)",                                       Conv, Conv, Conv),
    case(r"'a\t%s\n' % (v,)",                                     Conv, Conv, Conv),
    case(r"r'\d+%s' % (v,)",                                      Keep, Keep, Keep),
    case("u'%s' % (v,)",                                          Conv, Conv, Conv),
    case("\"'%s'\" % (v,)",                                       Conv, Conv, Conv),
    case("'''%s\n%r''' % (v, w)",                                 Conv, Conv, Conv),
    case("('a=%s, '\n 'b=%s' % (v, w))",                          Conv, Conv, Conv),
    case("\"%s\" % (d['k'],)",                                    Conv, Conv, Conv),
    case("'%s' % (d['k'],)",                                      Conv, Conv, Conv),
    // `.format`: positional, numbered, keyword, repeated plain names.
    case("'{}'.format(v)",                                        Conv, Conv, Conv),
    case("'{} {}'.format(v, w)",                                  Conv, Conv, Conv),
    case("'{0} {1} {0}'.format(v, w)",                            Conv, Conv, Conv),
    case("'{1}-{0}'.format(v, w)",                                Conv, Conv, Conv),
    case("'{a} {b}'.format(a=v, b=w)",                            Conv, Conv, Conv),
    case("'{a}/{a}'.format(a=v)",                                 Conv, Conv, Conv),
    case("'{}'.format(len(v))",                                   Conv, Conv, Conv),
    case("'{}, {}'.format(v, 'lit')",                             Conv, Conv, Conv),
    case("'{}'.format(v if v else w)",                            Conv, Conv, Conv),
    case("'{}'.format(v).upper()",                                Conv, Conv, Conv),
    case("'{}'.format(v, )",                                      Conv, Conv, Conv),
    case("'{}|{}'.format('{x}', w)",                              Conv, Conv, Conv),
    case("'{}|{}|{}'.format({1: 2}, {v}, (v, w))",                Conv, Conv, Conv),
    case("'{}|{}|{}'.format(w[0:1], (lambda x: x)(v), v != w)",   Conv, Conv, Conv),
    case("'{}'.format(str(w.encode(), 'ascii'))",                 Conv, Conv, Conv),
    case("'{}'.format(v, w)",                                     Conv, Conv, Conv),
    case("'{}'.format(v, len(w))",                                Keep, Keep, Keep),
    case("'{a}|{b!r}'.format(**{'a': v, 'b': w})",                Conv, Conv, Conv),
    case("'{}|{}|{}'.format(1_000, 1e300, None)",                 Conv, Conv, Conv),
    // Attribute and index fields.
    case("'{0.attr}'.format(o)",                                  Conv, Conv, Conv),
    case("'{.name}:{.attr}'.format(o, o)",                        Conv, Conv, Conv),
    case("'{a.attr!r}'.format(a=o)",                              Conv, Conv, Conv),
    case("'{0[1]}'.format(t)",                                    Conv, Conv, Conv),
    case("'{0[0]}|{0[1]}'.format(t)",                             Conv, Conv, Conv),
    case("'{a[k]}'.format(a=d)",                                  Conv, Conv, Conv),
    case("\"{0[k]}{0[key]}\".format(d)",                          Conv, Conv, Conv),
    case("'{0[-1]}'.format(d)",                                   Conv, Conv, Conv),
    case("'{0[a b]}'.format(d)",                                  Conv, Conv, Conv),
    case("'{0[01]}'.format(t)",                                   Conv, Conv, Conv),
    case("'{.real}'.format(len(v) + 1)",                          Conv, Conv, Conv),
    case("'{.real}|{.imag}'.format(1, 2.5)",                      Conv, Conv, Conv),
    case("'{0[0]}'.format(t + t)",                                Conv, Conv, Conv),
    case("\"{0[it's]}\".format(d)",                               Keep, Keep, Keep),
    // Conversions and format specs, with nested fields.
    case("'{!r}'.format(v)",                                      Conv, Conv, Conv),
    case("'{!s}'.format(v)",                                      Conv, Conv, Conv),
    case("'{!a}'.format(v)",                                      Conv, Conv, Conv),
    case("'{0!r:>12}|'.format(v)",                                Conv, Conv, Conv),
    case("'{:>10}|'.format(v)",                                   Conv, Conv, Conv),
    case("'{:.2f}'.format(v)",                                    Conv, Conv, Conv),
    case("'{:05d}'.format(v)",                                    Conv, Conv, Conv),
    case("'{:,}'.format(v)",                                      Conv, Conv, Conv),
    case("'{0:{1}}|'.format(v, width)",                           Conv, Conv, Conv),
    case("'{:{}}|'.format(v, width)",                             Conv, Conv, Conv),
    case("'{x:>{w}.{p}}|'.format(x=v, w=width, p=prec)",          Conv, Conv, Conv),
    case("'{:{w}}|'.format(v, w=width)",                          Conv, Conv, Conv),
    case("'{:{}.{}}|'.format(v, width, prec)",                    Conv, Conv, Conv),
    // A spec starting with `=` after `:` is read as `:=` by tree-sitter-python.
    case("'{:=^7}|{:!<4}|'.format(v, w)",                         Keep, Keep, Keep),
    case("'{!s:=^7}|{:!<4}|'.format(v, w)",                       Conv, Conv, Conv),
    case("'{0:{1[0]}}|'.format(v, [5])",                          Conv, Conv, Conv),
    case("'{:{}}|'.format(v, '>9')",                              Conv, Conv, Conv),
    case("'{0!s:>{1}}|'.format(v, width)",                        Conv, Conv, Conv),
    case("'{0:=10}|{1:=+8.2f}'.format(len(v), 2.5)",              Keep, Keep, Keep),
    case("'{0:>10}|{1:+8.2f}'.format(len(v), 2.5)",               Conv, Conv, Conv),
    // Templates: braces, escapes, implicit concatenation, quotes.
    case("'{{}} {}'.format(v)",                                   Conv, Conv, Conv),
    case("'{{{}}}'.format(v)",                                    Conv, Conv, Conv),
    case(r"'\N{EM DASH} {}'.format(v)",                           Conv, Conv, Conv),
    case("('{} and '\n '{}'.format(v, w))",                       Conv, Conv, Conv),
    case("\"{}\".format(d['k'])",                                 Conv, Conv, Conv),
    case("'{}'.format(d['k'])",                                   Conv, Conv, Conv),
    // `.format` forms that must be refused in every mode.
    case("'{}'.format(*t)",                                       Keep, Keep, Keep),
    case("'{k}'.format(**d)",                                     Keep, Keep, Keep),
    case("'{} {}'.format(v)",                                     Keep, Keep, Keep),
    case("'{0} {}'.format(v, w)",                                 Keep, Keep, Keep),
    case("'{a}'.format(v)",                                       Keep, Keep, Keep),
    case("'{0}{0}'.format(len(v))",                               Keep, Keep, Keep),
    case("('{}'.format(  # the value\n v))",                      Keep, Keep, Keep),
    // fstring-concat: `+` with strings. A bare operand might be a str
    // subclass (a `str`-based Enum) whose own formatting differs.
    case("'a' + str(v) + 'b'",                                    Conv, Conv, Conv),
    case("'x=' + repr(v)",                                        Conv, Conv, Conv),
    case("str(v) + '!'",                                          Conv, Conv, Conv),
    case("'{' + str(v) + '}'",                                    Conv, Conv, Conv),
    case("'%' + str(v) + '%s'",                                   Conv, Conv, Conv),
    case("'<' + str(v) + '|' + str(w) + '>'",                     Conv, Conv, Conv),
    case("'n=' + str(len(v))",                                    Conv, Conv, Conv),
    case("('a'\n + str(v)\n + 'b')",                              Conv, Conv, Conv),
    case("'a' + str(v) + 'b' 'c'",                                Conv, Conv, Conv),
    case("'a' + repr(v, ) + 'b'",                                 Conv, Conv, Conv),
    case("'a' + str(w.encode(), 'ascii')",                        Conv, Conv, Conv),
    case("'a' + str() + 'b'",                                     Conv, Conv, Conv),
    case("'a' + str(object=v)",                                   Conv, Conv, Conv),
    case("'a' + 'b'",                                             Conv, Conv, Conv),
    case("'a' + f'{v}' + 'b'",                                    Conv, Conv, Conv),
    case("('a' + str(v)) + 'b'",                                  Conv, Conv, Conv),
    case("'{}'.format(v) + '!'",                                  Conv, Conv, Conv),
    case("'[' + '%s' % (v,) + ']'",                               Conv, Conv, Conv),
    case("str(v) + str(w)",                                       Keep, Keep, Keep),
    case("'a' + v + 'b'",                                         Keep, Lossy, Keep),
    case("'a' + v",                                               Keep, Lossy, Keep),
    case("v + 'b'",                                               Keep, Lossy, Keep),
    case("'a' + v * 2",                                           Keep, Lossy, Keep),
    case("1 + len(v)",                                            Keep, Keep, Keep),
    // fstring-join: a literal separator joining a literal list or tuple.
    case("'-'.join([str(v), 'x'])",                               Conv, Conv, Conv),
    case("', '.join((str(v), str(w)))",                           Conv, Conv, Conv),
    case("''.join([str(v), repr(w)])",                            Conv, Conv, Conv),
    case("'{}'.join([str(v), 'x'])",                              Conv, Conv, Conv),
    case("'%'.join([str(v), 'x'])",                               Conv, Conv, Conv),
    case("'-'.join([str(w.encode(), 'ascii'), 'x'])",             Conv, Conv, Conv),
    case("'-'.join(['a', 'b'])",                                  Conv, Conv, Conv),
    case("'-'.join((str(v),))",                                   Conv, Conv, Conv),
    case("\"'\".join([str(v), \"x\"])",                           Conv, Conv, Conv),
    case("'-'.join([v, 'x'])",                                    Keep, Lossy, Keep),
    case("'-'.join([v, w])",                                      Keep, Lossy, Keep),
    case("'-'.join([v, *t])",                                     Keep, Keep, Keep),
    case("'-'.join(t)",                                           Keep, Keep, Keep),
    case("'-'.join(str(x) for x in t)",                           Keep, Keep, Keep),
    case("'-'.join({str(v)})",                                    Keep, Keep, Keep),
    case("'-'.join([])",                                          Keep, Keep, Keep),
];

/// Calls every original and converted case function for every sample value
/// and prints the outcomes as JSON. Argument: the JSON file of cases.
const DRIVER: &str = r#"
import ast
import enum
import json
import sys
from decimal import Decimal


class Plain:
    def __str__(self):
        return 'Plain.__str__'

    def __repr__(self):
        return 'Plain.__repr__'


class Formatted:
    def __format__(self, spec):
        return 'Formatted.__format__(' + repr(spec) + ')'

    def __str__(self):
        return 'Formatted.__str__'

    def __repr__(self):
        return 'Formatted.__repr__'


class Count(int):
    def __str__(self):
        return 'Count.__str__'

    def __repr__(self):
        return 'Count.__repr__'


class Level(enum.IntEnum):
    HIGH = 3


class Flavour(int, enum.Enum):
    SWEET = 2


class Colour(str, enum.Enum):
    RED = 'red'


class Holder:
    def __init__(self, attr):
        self.attr = attr
        self.name = 'holder-name'


SAMPLES = [
    ("str 'abc'", 'abc'),
    ('empty str', ''),
    ('str with braces and %', 'a{0}b%sc{}%%d'),
    ('non-ASCII str', 'caf\u00e9 \u20ac'),
    ('int 42', 42),
    ('int 0', 0),
    ('negative int', -255),
    ('large int', 10**20),
    ('float 2.675', 2.675),
    ('negative float', -0.5),
    ('large float', 1e300),
    ('None', None),
    ('True', True),
    ('object with __str__/__repr__', Plain()),
    ('object with __format__', Formatted()),
    ('tuple (1, 2)', (1, 2)),
    ("tuple ('one',)", ('one',)),
    ('int subclass with __str__', Count(7)),
    ('IntEnum member', Level.HIGH),
    ('int-based Enum member', Flavour.SWEET),
    ('str-based Enum member', Colour.RED),
    ("Decimal('2.675')", Decimal('2.675')),
]


def arguments(v):
    return {
        'v': v,
        'w': 'w',
        'd': {'k': v, 'key': 'K', '-1': 'minus', 'a b': 'space'},
        't': (v, 'x'),
        'o': Holder(v),
        'width': 9,
        'prec': 2,
    }


def outcome(function, value):
    try:
        result = function(**arguments(value))
    except Exception as e:
        return ['raise', type(e).__name__ + ': ' + str(e)]
    if type(result) is str:
        return ['ok', repr(result)]
    return ['ok', type(result).__name__ + ' ' + repr(result)]


def define(source, name, label):
    namespace = {}
    exec(compile(source, label, 'exec'), namespace)
    return namespace[name]


def stringlike(node):
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
    )


def formatting(node):
    # `%`, `+` or `.format()`/`.join()` of a string outside replacement
    # fields (an expression inside a field is the value, as written).
    if isinstance(node, ast.JoinedStr):
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and stringlike(node.left):
        return node
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (
        stringlike(node.left) or stringlike(node.right)
    ):
        return node
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ('format', 'join')
        and stringlike(node.func.value)
    ):
        return node
    for child in ast.iter_child_nodes(node):
        found = formatting(child)
        if found is not None:
            return found
    return None


def leftover(source):
    # The formatting that survives in the converted expression, if any.
    found = formatting(ast.parse(source).body[0].body[0].value)
    return None if found is None else ast.unparse(found)


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        cases = json.load(f)
    report = {
        'python': '%d.%d' % sys.version_info[:2],
        'samples': [label for label, _ in SAMPLES],
        'cases': [],
    }
    for case in cases:
        entry = {'compile_error': None, 'leftover': None, 'results': None}
        report['cases'].append(entry)
        if case['converted'] is None:
            continue
        original = define(case['original'], case['name'], 'original ' + case['name'])
        try:
            converted = define(case['converted'], case['name'], 'converted ' + case['name'])
        except SyntaxError as e:
            entry['compile_error'] = 'SyntaxError: ' + str(e)
            continue
        entry['leftover'] = leftover(case['converted'])
        entry['results'] = [
            [outcome(original, value), outcome(converted, value)] for _, value in SAMPLES
        ]
    json.dump(report, sys.stdout)


main()
"#;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Safe,
    Unsafe,
    Py312,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Safe => "--py311-plus",
            Mode::Unsafe => "--py311-plus --unsafe-fixes",
            Mode::Py312 => "--py312-plus",
        }
    }

    fn flags(self) -> &'static [&'static str] {
        match self {
            Mode::Safe => &["--py311-plus"],
            Mode::Unsafe => &["--py311-plus", "--unsafe-fixes"],
            Mode::Py312 => &["--py312-plus"],
        }
    }

    fn expect(self, case: &Case) -> Expect {
        match self {
            Mode::Safe => case.safe,
            Mode::Unsafe => case.unsafe_,
            Mode::Py312 => case.py312,
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Mode::Safe => "py311",
            Mode::Unsafe => "py311-unsafe",
            Mode::Py312 => "py312",
        }
    }

    /// The Python the converted code needs.
    fn min_python(self) -> (u32, u32) {
        match self {
            Mode::Safe | Mode::Unsafe => (3, 11),
            Mode::Py312 => (3, 12),
        }
    }
}

const PARAMETERS: &str = "v, w, d, t, o, width, prec";
const SEPARATOR: &str = "\n\n\n";

fn function_name(index: usize) -> String {
    format!("case_{index}")
}

/// One function per case, separated by two blank lines.
fn module() -> String {
    let mut text = String::from("# One function per expression of tests/fstring_values.rs.\n");
    for (index, case) in CASES.iter().enumerate() {
        let body = case.source.replace('\n', "\n        ");
        text.push_str(SEPARATOR);
        text.push_str(&format!(
            "def {}({PARAMETERS}):\n    r = {body}\n    return r\n",
            function_name(index)
        ));
    }
    text
}

/// The functions of a module written by `module()`, in order.
fn functions(text: &str) -> Vec<&str> {
    text.split(SEPARATOR).skip(1).collect()
}

/// The expression of a case function, as written.
fn expression(function: &str) -> String {
    let start = function
        .find("    r = ")
        .map_or(0, |i| i + "    r = ".len());
    let end = function.rfind("\n    return r").unwrap_or(function.len());
    function[start..end].replace("\n        ", "\n")
}

/// `  [case: SOURCE]` for a `-:LINE:COL: message` line of pymod's report.
fn case_at(module: &str, report: &str) -> String {
    let line: Option<usize> = report
        .strip_prefix("-:")
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok());
    let Some(line) = line else {
        return String::new();
    };
    let offset: usize = module
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let index = module[..offset.min(module.len())]
        .matches("\ndef case_")
        .count();
    match index.checked_sub(1).and_then(|i| CASES.get(i)) {
        Some(case) => format!("  [case: {}]", case.source),
        None => String::new(),
    }
}

fn run_pymod(mode: Mode, source: &str) -> Output {
    let mut args = vec!["--select", "fstring,fstring-concat,fstring-join"];
    args.extend(mode.flags());
    args.push("-");
    common::pymod_stdin(&args, source.as_bytes())
}

/// `(major, minor)` of a Python interpreter, if it runs.
fn python_version(program: &str) -> Option<(u32, u32)> {
    let output = Command::new(program)
        .args(["-c", "import sys; print(*sys.version_info[:2])"])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut parts = text.split_whitespace().map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??))
}

/// `python3`, or for code that needs a newer Python than `python3` is, the
/// first `python3.X` on the PATH that is new enough.
fn find_python(min: (u32, u32)) -> Option<(String, (u32, u32))> {
    let default = python_version("python3").map(|v| ("python3".to_owned(), v));
    if default.as_ref().is_some_and(|(_, v)| *v >= min) {
        return default;
    }
    (min.1..=min.1 + 3)
        .rev()
        .map(|minor| format!("python3.{minor}"))
        .find_map(|program| python_version(&program).map(|v| (program, v)))
        .filter(|(_, v)| *v >= min)
        .or(default)
}

fn show_outcome(outcome: &Value) -> String {
    let kind = outcome[0].as_str().unwrap_or_default();
    let text = outcome[1].as_str().unwrap_or_default();
    if kind == "ok" {
        text.to_owned()
    } else {
        format!("raises {text}")
    }
}

fn check(mode: Mode) {
    let original = module();
    let output = run_pymod(mode, &original);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "pymod {} failed ({:?}): {stderr}",
        mode.label(),
        output.status
    );
    let converted = if output.status.code() == Some(1) {
        String::from_utf8(output.stdout).expect("pymod writes UTF-8")
    } else {
        original.clone()
    };
    if let Some(dir) = std::env::var_os("FSTRING_VALUES_DIR") {
        let dir = Path::new(&dir);
        std::fs::write(dir.join("cases.py"), &original).unwrap();
        let name = format!("converted-{}.py", mode.file_name());
        std::fs::write(dir.join(name), &converted).unwrap();
    }
    let before = functions(&original);
    let after = functions(&converted);
    assert_eq!(
        before.len(),
        after.len(),
        "pymod {} changed the layout of the module:\n{converted}",
        mode.label()
    );

    let mut failures = Vec::new();
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        failures.push(format!(
            "pymod reported: {line}{}",
            case_at(&original, line)
        ));
    }
    let mut changed = 0;
    for (index, case) in CASES.iter().enumerate() {
        let was_changed = before[index] != after[index];
        changed += usize::from(was_changed);
        match (mode.expect(case), was_changed) {
            (Keep, true) => failures.push(format!(
                "{}: must be left unchanged, became  {}",
                case.source,
                expression(after[index])
            )),
            (Conv | Lossy, false) => failures.push(format!(
                "{}: must be converted, was left unchanged",
                case.source
            )),
            _ => {}
        }
    }

    compare_values(mode, &before, &after, &mut failures);

    let counts = format!(
        "{} expressions, {changed} converted, {} left unchanged",
        CASES.len(),
        CASES.len() - changed
    );
    if failures.is_empty() {
        println!("fstring values {}: {counts}", mode.label());
        return;
    }
    panic!(
        "fstring values {}: {counts}; {} failures:\n  {}",
        mode.label(),
        failures.len(),
        failures.join("\n  ")
    );
}

/// Runs the original and the converted functions under Python and records a
/// failure for every sample whose string differs.
fn compare_values(mode: Mode, before: &[&str], after: &[&str], failures: &mut Vec<String>) {
    let Some((python, version)) = find_python(mode.min_python()) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            failures.push("python3 is missing (required under CI)".to_owned());
        } else {
            println!(
                "fstring values {}: values not compared (python3 not found)",
                mode.label()
            );
        }
        return;
    };

    let cases: Vec<Value> = (0..CASES.len())
        .map(|index| {
            json!({
                "name": function_name(index),
                "original": before[index],
                "converted": (before[index] != after[index]).then_some(after[index]),
            })
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("FSTRING_VALUES_DIR").map(std::path::PathBuf::from);
    let work = keep.as_deref().unwrap_or(dir.path());
    let cases_path = work.join(format!("cases-{}.json", mode.file_name()));
    let driver_path = work.join("driver.py");
    std::fs::write(&cases_path, serde_json::to_string(&cases).unwrap()).unwrap();
    std::fs::write(&driver_path, DRIVER).unwrap();
    let report = run_driver(&python, &driver_path, &cases_path);

    let samples: Vec<&str> = report["samples"]
        .as_array()
        .expect("samples")
        .iter()
        .map(|s| s.as_str().unwrap_or_default())
        .collect();
    let needs_newer = version < mode.min_python();
    let mut compared = 0;
    let mut original_raises = 0;
    let mut differing = 0;
    let mut not_evaluated = 0;
    let mut unsafe_differences = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        let entry = &report["cases"][index];
        let converted = expression(after[index]);
        let heading = format!("{}  ->  {converted}", case.source);
        if let Some(error) = entry["compile_error"].as_str() {
            if needs_newer {
                not_evaluated += 1;
            } else {
                failures.push(format!("{heading}: does not compile: {error}"));
            }
            continue;
        }
        if let Some(rest) = entry["leftover"].as_str() {
            failures.push(format!("{heading}: still formats with `{rest}`"));
        }
        let Some(results) = entry["results"].as_array() else {
            continue;
        };
        let mut differences = Vec::new();
        for (sample, pair) in samples.iter().zip(results) {
            let (original, fixed) = (&pair[0], &pair[1]);
            if original[0] != "ok" {
                original_raises += 1;
                continue;
            }
            compared += 1;
            if original != fixed {
                differences.push(format!(
                    "sample {sample}: original {}, converted {}",
                    show_outcome(original),
                    show_outcome(fixed)
                ));
            }
        }
        if differences.is_empty() {
            continue;
        }
        differing += differences.len();
        if mode.expect(case) == Lossy {
            unsafe_differences.push(format!(
                "{heading}: {}",
                differences
                    .iter()
                    .map(|d| d.split(':').next().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        } else {
            failures.push(format!(
                "{heading}: {} of {} samples differ\n      {}",
                differences.len(),
                samples.len(),
                differences.join("\n      ")
            ));
        }
    }

    let mut summary = format!(
        "fstring values {} ({python} {}.{}): {} expressions x {} samples, {compared} comparisons, \
         {original_raises} not compared (the original raises)",
        mode.label(),
        version.0,
        version.1,
        CASES.len(),
        samples.len()
    );
    if not_evaluated > 0 {
        summary.push_str(&format!(
            ", {not_evaluated} converted cases not evaluated (they need Python {}.{})",
            mode.min_python().0,
            mode.min_python().1
        ));
    }
    if differing == 0 {
        summary.push_str(", all equal");
    } else {
        let documented = unsafe_differences.len();
        summary.push_str(&format!(", {differing} differ"));
        if documented > 0 {
            summary.push_str(&format!(" ({documented} cases marked unsafe allow theirs)"));
        }
    }
    println!("{summary}");
    for line in &unsafe_differences {
        println!("  differs as documented (unsafe): {line}");
    }
}

fn run_driver(python: &str, driver: &Path, cases: &Path) -> Value {
    let output = Command::new(python)
        .arg(driver)
        .arg(cases)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "the value comparison script failed under {python}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the comparison script prints JSON")
}

#[test]
fn safe_fixes_keep_every_value() {
    check(Mode::Safe);
}

#[test]
fn unsafe_fixes_differ_only_where_documented() {
    check(Mode::Unsafe);
}

#[test]
fn py312_fixes_keep_every_value() {
    check(Mode::Py312);
}

#[test]
fn case_table_is_consistent() {
    for case in CASES {
        assert_ne!(
            case.safe, Lossy,
            "{}: safe fixes must be exact",
            case.source
        );
        assert_ne!(
            case.py312, Lossy,
            "{}: safe fixes must be exact",
            case.source
        );
        if case.safe == Conv {
            assert_eq!(
                case.unsafe_, Conv,
                "{}: --unsafe-fixes keeps every safe fix",
                case.source
            );
        }
    }
    let mut sources: Vec<&str> = CASES.iter().map(|c| c.source).collect();
    sources.sort_unstable();
    sources.dedup();
    assert_eq!(sources.len(), CASES.len(), "a case is listed twice");
}
