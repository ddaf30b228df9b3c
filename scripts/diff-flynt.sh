#!/usr/bin/env bash
# Differential test against flynt 1.0.6 on the benchmark corpus, counted per
# expression. flynt (default settings) is run until a run changes nothing (its
# fixpoint); pymod runs once with `--select fstring --py311-plus` plus the
# flags given. Every candidate expression of the original files (`%` with a
# str literal on the left, `.format` called on a str literal; nested ones
# count one by one) is looked up in both results: one that no longer appears
# there was converted by that tool. Prints candidates converted by both, by
# flynt only, by pymod only and by neither, checks that every file pymod
# changed still compiles and that a second pymod run changes nothing, and
# writes the expressions only one tool converts, with what it made of them,
# to .bench/diff-flynt/{flynt-only,pymod-only}.txt. Key figures last.
#
#   scripts/diff-flynt.sh [--concats] [PYMOD_FLAGS...]
#     e.g. scripts/diff-flynt.sh; scripts/diff-flynt.sh --unsafe-fixes
#   --concats: also string concatenations and static joins: flynt gets
#     --transform-concats --transform-joins, pymod
#     --select fstring,fstring-concat,fstring-join; results in
#     .bench/diff-flynt-concats/.
# Environment:
#   FLYNT_FLAGS    extra flynt flags (e.g. -a, to compare with --unsafe-fixes)
#   FLYNT_CACHE=0  re-run flynt even if its result for these flags is there
#   PYMOD_SELECT   rules pymod runs instead of the f-string group
#   ONLY=DIR       only the corpus directory DIR (e.g. requests-2.18.4)
#   CORPUS, OUT    another tree of Python files, and where its results go
set -euo pipefail
cd "$(dirname "$0")/.."
concats=0
flags=()
for arg in "$@"; do
  if [ "$arg" = --concats ]; then concats=1; else flags+=("$arg"); fi
done
read -ra flynt_flags <<<"${FLYNT_FLAGS:-}"
if [ "$concats" = 1 ]; then
  select=${PYMOD_SELECT:-fstring,fstring-concat,fstring-join}
  flynt_flags=(--transform-concats --transform-joins "${flynt_flags[@]}")
  out=${OUT:-.bench/diff-flynt-concats}
else
  select=${PYMOD_SELECT:-fstring}
  out=${OUT:-.bench/diff-flynt}
fi
corpus=${CORPUS:-$(scripts/corpus.sh)}
src=$corpus/${ONLY:-}
[ -d "$src" ] || { echo "no directory $src" >&2; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/pymod
flynt=$PWD/.bench/venv/bin/flynt
pymod_flags=(--select "$select" --py311-plus "${flags[@]}")
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Both tools get every file by name (a directory walk would skip some:
# pymod skips build/, flynt any path containing venv, .tox, .eggs or
# site-packages).
pyfiles() { (cd "$1" && find . -name '*.py' -print0 | sort -z); }

# flynt is slow (about a minute per run on the whole corpus): its result is
# kept for the same flags, corpus and subset, in a directory of its own for
# each FLYNT_FLAGS.
suffix=$(printf '%s' "${FLYNT_FLAGS:-}" | tr -cs 'A-Za-z0-9' '-')
fl=$out/flynt${suffix:+-${suffix#-}}
stamp="flynt $("$flynt" --version 2>&1) [${flynt_flags[*]}] $(stat -c %Y "$corpus/.complete" 2>/dev/null || stat -c %Y "$corpus") ${ONLY:-all}"
if [ "${FLYNT_CACHE:-1}" != 0 ] && [ -f "$fl.stamp" ] && [ "$(head -1 "$fl.stamp")" = "$stamp" ]; then
  echo "flynt: result of an earlier run reused (FLYNT_CACHE=0 runs it again)"
  tail -n +2 "$fl.stamp"
else
  rm -rf "$fl" "$fl-run1" "$fl.stamp"
  cp -r "$src" "$fl"
  summary=""
  for pass in $(seq 1 10); do
    (cd "$fl" && find . -name '*.py' -print0 | xargs -0 md5sum) >"$fl.sums"
    if ! pyfiles "$fl" | (cd "$fl" && xargs -0 "$flynt" "${flynt_flags[@]}") >"$fl.log" 2>&1; then
      echo "FAIL: flynt run $pass failed, see $fl.log" >&2
      exit 1
    fi
    changed=$( (cd "$fl" && md5sum -c --quiet "$fl.sums" 2>/dev/null || true) | wc -l)
    echo "flynt run $pass: $changed files changed"
    summary+="flynt run $pass: $changed files changed"$'\n'
    [ "$changed" -gt 0 ] || break
    # The first run's result is kept to count it apart should more runs
    # change more.
    [ "$pass" -gt 1 ] || cp -r "$fl" "$fl-run1"
  done
  [ "$pass" -gt 2 ] || rm -rf "$fl-run1"
  rm -f "$fl.sums"
  printf '%s\n%s' "$stamp" "$summary" >"$fl.stamp"
fi

rm -rf "$out/pymod"
cp -r "$src" "$out/pymod"
# Exit 1 means files changed, 2 that some file was skipped (xargs turns
# either into 123): only messages from pymod itself, panics and internal
# errors are fatal.
pyfiles "$out/pymod" | (cd "$out/pymod" && xargs -0 "$bin" "${pymod_flags[@]}") 2>"$out/pymod.stderr" || true
if grep -q '^pymod: \|panicked\|internal error' "$out/pymod.stderr"; then
  echo "FAIL: pymod ${pymod_flags[*]}:" >&2
  grep -v '^Rewriting ' "$out/pymod.stderr" | head -20 >&2
  exit 1
fi
second=$(pyfiles "$out/pymod" | (cd "$out/pymod" && xargs -0 "$bin" --check "${pymod_flags[@]}") 2>/dev/null | grep -c '^Would rewrite ' || true)
echo "pymod ${pymod_flags[*]}: $(grep -c '^Rewriting ' "$out/pymod.stderr" || true) files rewritten"

python3 - "$src" "$out" "$concats" "$second" "flynt ${flynt_flags[*]:-(defaults)}" "pymod ${pymod_flags[*]}" "$fl" <<'PYEOF'
import ast, collections, difflib, io, multiprocessing, os, re, string, sys, tokenize, warnings

original_dir, out, concats, second, flynt_name, pymod_name, flynt_dir = sys.argv[1:]
concats = concats == "1"
KINDS = ["%", "format"] + (["concat", "join"] if concats else [])
DIRS = {"flynt": flynt_dir, "pymod": os.path.join(out, "pymod")}
if os.path.isdir(flynt_dir + "-run1"):
    DIRS["flynt-run1"] = flynt_dir + "-run1"
TOOLS = list(DIRS)
sys.setrecursionlimit(20000)
warnings.simplefilter("ignore")


def is_str(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def is_add(node):
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)


def operands(node):
    """The operands of a `+` chain, left to right."""
    if is_add(node):
        return operands(node.left) + operands(node.right)
    return [node]


def kind_of(node, parent):
    """Which candidate expression the node is, if any."""
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod) and is_str(node.left):
            return "%"
        # A concatenation is the whole `+` chain, counted once; a `%` or
        # `.format` operand counts as a string, as it is one once converted.
        if (concats and is_add(node) and not is_add(parent)
                and any(is_str(o) or isinstance(o, ast.JoinedStr) or kind_of(o, node) in ("%", "format")
                        for o in operands(node))):
            return "concat"
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and is_str(node.func.value)):
        if node.func.attr == "format":
            return "format"
        if (concats and node.func.attr == "join" and len(node.args) == 1 and not node.keywords
                and isinstance(node.args[0], (ast.List, ast.Tuple))
                and not any(isinstance(e, ast.Starred) for e in node.args[0].elts)):
            return "join"
    return None


def norm(node, parent=None):
    """A node's shape without positions, quoting or parentheses. Strings that
    a tool may have rewritten (f-strings, nested candidates) are all one
    placeholder, so that converting an inner expression leaves the outer
    one's identity alone."""
    if isinstance(node, ast.AST):
        if isinstance(node, ast.JoinedStr) or kind_of(node, parent):
            return "<str>"
        return (type(node).__name__,) + tuple(
            norm(getattr(node, f, None), node) for f in node._fields
            if f not in ("ctx", "kind", "type_comment"))
    if isinstance(node, list):
        return tuple(norm(x, parent) for x in node)
    return repr(node)


def identity(node, kind):
    if kind == "%":
        return ("%", node.left.value, norm(node.right, node))
    if kind == "format":
        return ("format", node.func.value.value, norm(node.args, node), norm(node.keywords, node))
    if kind == "concat":
        return ("concat",) + tuple(norm(o) for o in operands(node))
    return ("join", node.func.value.value, norm(node.args[0].elts, node.args[0]))


def candidates(tree):
    """Candidate expressions in source order, outer before inner, each with
    the index of the innermost statement holding it; and the statements in
    the same order. Converting expressions adds or removes no statement, so
    the index anchors a candidate among equal ones elsewhere in the file."""
    found = []
    statements = []
    stack = [(tree, None, None)]
    while stack:
        node, parent, statement = stack.pop()
        if isinstance(node, ast.stmt):
            statement = len(statements)
            statements.append(node)
        if isinstance(node, (ast.BinOp, ast.Call)):
            kind = kind_of(node, parent)
            if kind:
                found.append((identity(node, kind), kind, node, statement))
        # ast.iter_child_nodes, without the operators and contexts: this
        # loop is where most of the time goes.
        children = []
        for field in node._fields:
            if field in LEAVES:
                continue
            value = getattr(node, field, None)
            if isinstance(value, list):
                children += [v for v in value if isinstance(v, ast.AST)]
            elif isinstance(value, ast.AST):
                children.append(value)
        stack += [(child, node, statement) for child in reversed(children)]
    return found, statements


LEAVES = {"ctx", "op", "ops", "kind", "type_comment"}


PERCENT = re.compile(r"%(\([^)]*\))?([#0 +-]*)(\*|\d+)?(\.(?:\*|\d*))?[hlL]?(.?)")


def shape(kind, node):
    """A short description of a candidate, to group the differences."""
    if kind == "%":
        specs = set()
        for name, flags, width, precision, conv in PERCENT.findall(node.left.value):
            if conv != "%":
                specs.add("%" + ("(k)" if name else "") + flags + ("W" if width else "")
                          + (".P" if precision else "") + conv)
        return f"% {' '.join(sorted(specs))} on {type(node.right).__name__}"
    if kind == "format":
        fields = set()
        try:
            parsed = list(string.Formatter().parse(node.func.value.value))
        except ValueError:
            return "format (malformed template)"
        for _, name, spec, conv in parsed:
            if name is None:
                continue
            field = "{}" if name == "" else "{0}" if name.isdigit() else "{k}"
            if re.search(r"[.\[]", name):
                field += " attr/item"
            if spec:
                field += " :{}" if "{" in spec else " :spec"
            if conv:
                field += " !" + conv
            fields.add(field)
        args = ["*args" for a in node.args if isinstance(a, ast.Starred)]
        args += ["**kw" for k in node.keywords if k.arg is None]
        return "format " + ", ".join(sorted(fields) + args)
    if kind == "concat":
        parts = sorted({"str" if is_str(o) else type(o).__name__ for o in operands(node)})
        return f"concat {'+'.join(parts)}"
    return f"join of {len(node.args[0].elts)}"


def read(path):
    try:
        return open(path, "rb").read()
    except FileNotFoundError:
        return None


def text(data):
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode("utf-8-sig" if encoding == "utf-8-sig" else encoding)


def split_lines(source):
    """Lines as the parser counts them (str.splitlines also splits at form
    feeds and other separators)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", source)


def segment(lines, node):
    """The node's source (ast.get_source_segment splits the whole file again
    at every call)."""
    first, last = node.lineno - 1, node.end_lineno - 1
    if first == last:
        return lines[first].encode()[node.col_offset:node.end_col_offset].decode(errors="replace")
    return "".join([lines[first].encode()[node.col_offset:].decode(errors="replace")] + lines[first + 1:last]
                   + [lines[last].encode()[:node.end_col_offset].decode(errors="replace")])


def parse(data):
    try:
        return ast.parse(data)
    except (SyntaxError, ValueError):
        return None


def collapse(s, limit=300):
    s = " ⏎ ".join(line.strip() for line in s.splitlines())
    return s if len(s) <= limit else s[:limit] + " ..."


def around(original_lines, new_lines, first, last):
    """The lines of a tool's output that stand where lines first..last
    (1-based) of the original stood."""
    shown = []
    matcher = difflib.SequenceMatcher(None, original_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if not (i1 < last and i2 > first - 1) and not (first - 1 < i1 < last):
            continue
        if tag == "equal" or i2 - i1 == j2 - j1:
            # Line for line.
            lo, hi = max(i1, first - 1), min(i2, last)
            shown += new_lines[j1 + lo - i1:j1 + hi - i1]
        else:
            shown += new_lines[j1:j2]
    return collapse("".join(shown))


# Cheap pre-filter (parsing is what takes the time): a `%` or `.format`
# candidate needs a quote followed by `%` or `.format`, with only spaces,
# closing brackets, line continuations and comments in between.
MAYBE = re.compile(rb"""['"](?:[\s)\\]|#[^\n]*\n)*(?:%|\.[\s\\]*format\b)""")


def maybe(data):
    return bool(MAYBE.search(data)) or (concats and (b"+" in data or b"join" in data))


def compare(rel):
    """Per-candidate results for one file."""
    data = read(os.path.join(original_dir, rel))
    result = {"rel": rel, "rows": [], "new": [], "unparsable": [],
              "changed": {}, "compiles": True, "examples": []}
    outputs = {tool: read(os.path.join(DIRS[tool], rel)) for tool in TOOLS}
    for tool, new in outputs.items():
        result["changed"][tool] = new != data
    if outputs["pymod"] != data:
        try:
            compile(outputs["pymod"], rel, "exec", dont_inherit=True)
        except Exception as e:
            result["compiles"] = f"{type(e).__name__}: {e}"
    if not maybe(data):
        return result
    tree = parse(data)
    if tree is None:
        return result
    found, statements = candidates(tree)
    if not found:
        return result
    converted = {}
    out_statements = {}
    for tool, new in outputs.items():
        if new == data:
            converted[tool] = [False] * len(found)
            continue
        new_tree = parse(new)
        if new_tree is None:
            result["unparsable"].append(tool)
            converted[tool] = [False] * len(found)
            continue
        new_found, new_statements = candidates(new_tree)
        if len(new_statements) == len(statements):
            keys = [(c[3], c[0]) for c in found]
            new_keys = [(c[3], c[0]) for c in new_found]
            out_statements[tool] = new_statements
        else:
            keys = [c[0] for c in found]
            new_keys = [c[0] for c in new_found]
        kept = [False] * len(found)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys, new_keys, autojunk=False).get_opcodes():
            if tag == "equal":
                kept[i1:i2] = [True] * (i2 - i1)
            else:
                if j2 > j1:
                    new_lines = split_lines(text(new))
                    result["new"] += [(tool, c[2].lineno, collapse(segment(new_lines, c[2])))
                                      for c in new_found[j1:j2]]
        converted[tool] = [not k for k in kept]
    lines = {}
    for i, (_, kind, node, statement) in enumerate(found):
        row = {tool: converted[tool][i] for tool in TOOLS}
        row["kind"] = kind
        result["rows"].append(row)
        if row["flynt"] != row["pymod"]:
            tool = "flynt" if row["flynt"] else "pymod"
            if None not in lines:
                lines[None] = split_lines(text(data))
            if tool not in lines:
                lines[tool] = split_lines(text(outputs[tool]))
            # What the tool made of it: the lines standing in the place of
            # the candidate's, found by a line diff of its statement.
            if tool in out_statements:
                old, new = statements[statement], out_statements[tool][statement]
                made = around(lines[None][old.lineno - 1:old.end_lineno],
                              lines[tool][new.lineno - 1:new.end_lineno],
                              node.lineno - old.lineno + 1, node.end_lineno - old.lineno + 1)
            else:
                made = around(lines[None], lines[tool], node.lineno, node.end_lineno)
            result["examples"].append((tool, kind, shape(kind, node), node.lineno,
                                       collapse(segment(lines[None], node)), made))
    return result


def main():
    rels = []
    for root, dirs, files in os.walk(original_dir):
        dirs.sort()
        rels += [os.path.relpath(os.path.join(root, f), original_dir) for f in sorted(files) if f.endswith(".py")]
    with multiprocessing.Pool() as pool:
        results = pool.map(compare, rels, chunksize=16)

    table = {k: collections.Counter() for k in KINDS}
    new = []
    unparsable = collections.Counter()
    changed = collections.Counter()
    examples = {"flynt": [], "pymod": []}
    bad = []
    for r in results:
        for row in r["rows"]:
            cell = table[row["kind"]]
            cell["candidates"] += 1
            cell[{(True, True): "both", (True, False): "flynt only",
                  (False, True): "pymod only", (False, False): "neither"}[row["flynt"], row["pymod"]]] += 1
            if "flynt-run1" in row:
                cell["flynt run 1"] += row["flynt-run1"]
        new += [(tool, r["rel"], line, seg) for tool, line, seg in r["new"]]
        unparsable.update(r["unparsable"])
        changed.update(t for t, c in r["changed"].items() if c)
        if r["compiles"] is not True:
            bad.append((r["rel"], r["compiles"]))
        for tool, kind, sh, line, segment, made in r["examples"]:
            examples[tool].append((r["rel"], line, kind, sh, segment, made))
    total = sum(table.values(), collections.Counter())

    print(f"{len(rels)} files; {flynt_name} changed {changed['flynt']}, {pymod_name} changed {changed['pymod']}")
    columns = ["candidates", "both", "flynt only", "pymod only", "neither"]
    print(f"{'kind':<8}" + "".join(f"{c:>12}" for c in columns))
    for kind in KINDS + ["total"]:
        cell = total if kind == "total" else table[kind]
        print(f"{kind:<8}" + "".join(f"{cell[c]:>12}" for c in columns))
    if "flynt-run1" in TOOLS:
        flynt_total = total["both"] + total["flynt only"]
        print(f"flynt's first run alone converts {total['flynt run 1']} of the {flynt_total} its fixpoint converts")
    if new:
        # Candidates a tool rewrote without making them f-strings (or made).
        path = os.path.join(out, "new-candidates.txt")
        with open(path, "w") as f:
            for tool, rel, line, seg in sorted(new):
                f.write(f"{tool}: {rel}:{line}: {seg}\n")
    for tool in ("flynt", "pymod"):
        count = sum(1 for n in new if n[0] == tool)
        if count:
            print(f"note: {count} candidate expressions in {tool}'s output are not in the original: "
                  f"see {os.path.relpath(path)}")
        if unparsable[tool]:
            print(f"note: {unparsable[tool]} files of {tool}'s output do not parse")

    for tool, other in (("flynt", "pymod"), ("pymod", "flynt")):
        rows = sorted(examples[tool])
        shapes = collections.Counter(r[3] for r in rows)
        path = os.path.join(out, f"{tool}-only.txt")
        with open(path, "w") as f:
            f.write(f"# {len(rows)} expressions {tool} converts and {other} leaves alone\n")
            f.write(f"# {flynt_name}\n# {pymod_name}\n# by shape:\n")
            for sh, n in shapes.most_common():
                f.write(f"#   {n:6}  {sh}\n")
            for rel, line, kind, sh, segment, made in rows:
                f.write(f"{rel}:{line}: [{sh}] {segment}\n    {tool}: {made}\n")
        print(f"{tool} only: {len(rows)} expressions in {os.path.relpath(path)}; most frequent shapes:")
        for sh, n in shapes.most_common(8):
            print(f"  {n:6}  {sh}")

    for rel, error in bad[:20]:
        print(f"FAIL: pymod's output no longer compiles: {rel}: {error}")
    print(f"pymod-changed files that compile: {changed['pymod'] - len(bad)}/{changed['pymod']}")
    print(f"second pymod run: {second} files would change")
    n = total["candidates"] or 1
    by_flynt = total["both"] + total["flynt only"]
    by_pymod = total["both"] + total["pymod only"]
    print(f"candidates: {total['candidates']}; converted by flynt {by_flynt} ({100 * by_flynt / n:.2f}%), "
          f"by pymod {by_pymod} ({100 * by_pymod / n:.2f}%); both {total['both']}, "
          f"flynt only {total['flynt only']}, pymod only {total['pymod only']}, neither {total['neither']}")
    sys.exit(1 if bad or second != "0" else 0)


if __name__ == "__main__":
    main()
PYEOF
