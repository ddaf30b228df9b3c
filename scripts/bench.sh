#!/usr/bin/env bash
# Benchmark: pymod against ruff (--select UP --fix) and pyupgrade on the
# same files, in the same run, each on a fresh copy of the pinned corpus.
# Also prints the floor (pymod only reading and parsing every file) and the
# unavoidable work: parsing only the files pymod changes and strictly
# validating its results, which any run that writes them has to do.
#
#   scripts/bench.sh [RUNS]        (default 3 runs per tool; median reported)
# Environment: TARGET (default py39), the version every tool targets;
# RULES=first to time only the first rules (set literals, dict
# comprehensions, u'', (object), super(), unittest aliases, .encode(),
# open modes, OSError aliases, coding cookie, __future__, yield from,
# typing.Text, io.open, is literals) instead of every default rule.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
TARGET=${TARGET:-py39}
source scripts/bench-setup.sh
select=()
if [ "${RULES:-all}" = first ]; then
  select=(--select set-literal,dict-literal,unicode-literal,object-base,super-call,deprecated-unittest-alias,default-encoding,redundant-open-mode,exception-alias,encoding-cookie,leading-whitespace,obsolete-imports,yield-from-loop,typing-text,io-open,is-literal)
fi
changed=$(mktemp -d)
trap 'rm -rf "$changed"' EXIT
changed_outputs "$changed/corpus" "${select[@]}" "--$TARGET-plus"
echo "corpus: $files files, $lines lines; target $TARGET; rules: ${RULES:-all}; $JOBS cores; $RUNS runs each"
echo "pymod changes $(find "$changed/corpus" -name '*.py' | wc -l) files"
python3 scripts/measure.py "$corpus" "$RUNS" \
  "pymod=$bin ${select[*]} --$TARGET-plus {dir}" \
  "pymod parse floor=$bin bench-parse {dir}" \
  "parse+validate changed only=$bin bench-parse --validate $changed/corpus" \
  "ruff --select UP --fix=$venv/ruff check --isolated --no-cache --select UP --fix --exit-zero --target-version $TARGET {dir}" \
  "pyupgrade (xargs -P$JOBS)=$pyfiles | xargs -0 -n 50 -P $JOBS $venv/pyupgrade --$TARGET-plus; true"
