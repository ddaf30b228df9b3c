#!/usr/bin/env bash
# Differential test against the real pyupgrade on the benchmark corpus.
# pyupgrade makes one pass per run, so it is run on each file until it
# changes nothing (its fixpoint); pymod runs once. For every file that either tool changes,
# the two results are compared byte for byte. The agreement figure is the
# last line printed; differing files are listed in .bench/diff-pyupgrade/.
#
#   scripts/diff-pyupgrade.sh [VERSION_FLAG]      (default --py36-plus)
# Environment: CORPUS, another tree of Python files to compare on (for
# example other legacy releases); OUT, where the results go.
set -euo pipefail
cd "$(dirname "$0")/.."
flag=${1:---py36-plus}
corpus=${CORPUS:-$(scripts/corpus.sh)}
cargo build --release --quiet
bin=$PWD/target/release/pymod
out=${OUT:-.bench/diff-pyupgrade}
rm -rf "$out"
mkdir -p "$out"
cp -r "$corpus" "$out/pyupgrade"
cp -r "$corpus" "$out/pymod"

# pyupgrade to its fixpoint, file by file in worker processes: a crash on
# one file (pyupgrade 3.22 crashes on some `itertools.chain` calls at
# --py315-plus) then leaves only that file as it was, where a crash under
# xargs would skip the rest of its batch.
"$PWD/.bench/venv/bin/python" - "$flag" "$out/pyupgrade" <<'PYEOF'
import contextlib, io, multiprocessing, os, sys
from pyupgrade import _main

flag, root = sys.argv[1:]

def fixpoint(path):
    for runs in range(1, 11):
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                changed = _main.main([flag, path])
        except Exception as error:
            return path, f"crashed ({type(error).__name__}: {error})"
        if changed == 0:
            return path, None
    return path, "no fixpoint after 10 runs"

paths = sorted(os.path.join(d, n) for d, _, names in os.walk(root) for n in names if n.endswith(".py"))
with multiprocessing.Pool(os.cpu_count()) as pool:
    problems = [(p, why) for p, why in pool.imap_unordered(fixpoint, paths, chunksize=20) if why]
for path, why in sorted(problems):
    print(f"pyupgrade {why}: {os.path.relpath(path, root)}")
print(f"pyupgrade: fixpoint reached on {len(paths) - len(problems)}/{len(paths)} files")
PYEOF
# Files named explicitly, as pyupgrade gets them (a directory walk would
# skip build/ directories).
find "$out/pymod" -name '*.py' -print0 | xargs -0 "$bin" "$flag" 2>"$out/pymod.stderr" || true

python3 - "$corpus" "$out" <<'PYEOF'
import difflib, os, sys
corpus, out = sys.argv[1:]
changed = same = 0
differing = []
for root, _, files in os.walk(corpus):
    for name in files:
        if not name.endswith(".py"):
            continue
        rel = os.path.relpath(os.path.join(root, name), corpus)
        original = open(os.path.join(corpus, rel), "rb").read()
        theirs = open(os.path.join(out, "pyupgrade", rel), "rb").read()
        ours = open(os.path.join(out, "pymod", rel), "rb").read()
        if theirs == original and ours == original:
            continue
        changed += 1
        if theirs == ours:
            same += 1
        else:
            differing.append(rel)
with open(os.path.join(out, "differences.diff"), "w") as report:
    for rel in sorted(differing):
        theirs = open(os.path.join(out, "pyupgrade", rel), encoding="utf-8", errors="replace").read().splitlines(True)
        ours = open(os.path.join(out, "pymod", rel), encoding="utf-8", errors="replace").read().splitlines(True)
        report.writelines(difflib.unified_diff(theirs, ours, "pyupgrade/" + rel, "pymod/" + rel))
print(f"differing files: {len(differing)} (diffs in {out}/differences.diff)")
for rel in sorted(differing)[:30]:
    print(f"  {rel}")
pct = 100.0 * same / changed if changed else 100.0
print(f"agreement with pyupgrade: {same}/{changed} changed files identical ({pct:.2f}%)")
PYEOF
