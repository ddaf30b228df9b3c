#!/usr/bin/env bash
# Safety on the benchmark corpus: pymod (all default rules plus any extra
# flags given) on a fresh copy must not crash, every file must still compile
# with CPython afterwards, and a second run must change nothing.
#
#   scripts/check-corpus.sh [PYMOD FLAGS...]     (default: --py315-plus)
# Environment: CORPUS, another tree of Python files to check instead.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=("$@")
[ ${#flags[@]} -gt 0 ] || flags=(--py315-plus)
corpus=${CORPUS:-$(scripts/corpus.sh)}
cargo build --release --quiet
bin=$PWD/target/release/pymod
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/corpus"

set +e
"$bin" "${flags[@]}" "$work/corpus" 2>"$work/first.err"
first=$?
"$bin" "${flags[@]}" "$work/corpus" 2>"$work/second.err"
second=$?
set -e
changed=$(grep -c '^Rewriting ' "$work/first.err" || true)
echo "first run: exit $first, $changed files rewritten"
grep -v '^Rewriting ' "$work/first.err" | head -20 || true
status=0
if grep -q 'internal error' "$work/first.err"; then
  echo "FAIL: internal errors (panics or dropped fixes) above"
  status=1
fi
if [ "$second" -ne 0 ]; then
  echo "FAIL: second run exited $second (not idempotent):"
  grep -v 'syntax error, skipped\|not valid UTF-8' "$work/second.err" | head -20
  status=1
fi
# Python 3.15 targets may get 3.15-only syntax (PEP 798 unpacking in
# comprehensions) that this machine's CPython cannot compile: counted apart.
newer_ok=0
case " ${flags[*]} " in *" --py315-plus "*) newer_ok=1 ;; esac
NEWER_OK=$newer_ok python3 - "$work/corpus" <<'PYEOF' || status=1
import os, sys, warnings
warnings.simplefilter("ignore")
NEWER = ("iterable unpacking cannot be used in comprehension",)
newer_ok = os.environ.get("NEWER_OK") == "1"
bad = newer = 0
total = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            total += 1
            path = os.path.join(root, name)
            try:
                compile(open(path, "rb").read(), path, "exec", dont_inherit=True)
            except Exception as e:
                if newer_ok and any(n in str(e) for n in NEWER):
                    newer += 1
                    continue
                bad += 1
                print(f"FAIL: no longer compiles: {path}: {e}")
print(f"compile check: {total - bad - newer}/{total} files compile after the run"
      + (f", {newer} use Python 3.15 syntax this CPython cannot compile" if newer else ""))
sys.exit(1 if bad else 0)
PYEOF
[ "$status" -eq 0 ] && echo "corpus safety: OK"
exit "$status"
