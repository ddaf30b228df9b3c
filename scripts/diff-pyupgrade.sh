#!/usr/bin/env bash
# Differential test against the real pyupgrade on the benchmark corpus.
# pyupgrade makes one pass per run, so it is run until it changes nothing
# (its fixpoint); pymod runs once. For every file that either tool changes,
# the two results are compared byte for byte. The agreement figure is the
# last line printed; differing files are listed in .bench/diff-pyupgrade/.
#
#   scripts/diff-pyupgrade.sh [VERSION_FLAG]      (default --py36-plus)
set -euo pipefail
cd "$(dirname "$0")/.."
flag=${1:---py36-plus}
corpus=$(scripts/corpus.sh)
cargo build --release --quiet
bin=$PWD/target/release/pymod
pyupgrade=$PWD/.bench/venv/bin/pyupgrade
out=.bench/diff-pyupgrade
rm -rf "$out"
mkdir -p "$out"
cp -r "$corpus" "$out/pyupgrade"
cp -r "$corpus" "$out/pymod"

for pass in $(seq 1 10); do
  if find "$out/pyupgrade" -name '*.py' -print0 | xargs -0 -n 50 -P "$(nproc)" "$pyupgrade" "$flag" 2>/dev/null; then
    echo "pyupgrade: fixpoint after $pass runs"
    break
  fi
done
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
