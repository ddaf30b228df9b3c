#!/usr/bin/env bash
# Benchmark: pymod against ruff (--select UP --fix) and pyupgrade on the
# same files, in the same run, each on a fresh copy of the pinned corpus.
# Also prints the floor: pymod only reading and parsing every file.
#
#   scripts/bench.sh [RUNS]        (default 3 runs per tool; median reported)
# Environment: TARGET (default py39), the version every tool targets.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
TARGET=${TARGET:-py39}
source scripts/bench-setup.sh
echo "corpus: $files files, $lines lines; target $TARGET; $JOBS cores; $RUNS runs each"
python3 scripts/measure.py "$corpus" "$RUNS" \
  "pymod=$bin --$TARGET-plus {dir}" \
  "pymod parse floor=$bin bench-parse {dir}" \
  "ruff --select UP --fix=$venv/ruff check --isolated --no-cache --select UP --fix --exit-zero --target-version $TARGET {dir}" \
  "pyupgrade (xargs -P$JOBS)=$pyfiles | xargs -0 -n 50 -P $JOBS $venv/pyupgrade --$TARGET-plus; true"
