#!/usr/bin/env bash
# Benchmark of the f-string group: pymod (--select fstring) against flynt
# (default settings) on the same files, in the same run, each on a fresh copy
# of the pinned corpus. Also prints the work no design can skip: parsing
# only the files pymod changes and strictly validating its results.
#
#   scripts/bench-fstring.sh [RUNS]     (default 3 runs per tool; median reported)
# Environment: PYMOD_SELECT (default fstring), the rules pymod runs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SELECT=${PYMOD_SELECT:-fstring}
source scripts/bench-setup.sh
# flynt has no option to use several processes: it converts the files one
# after the other in a single process (xargs only splits the list when it is
# too long for one command line). The second flynt line runs it on all cores
# through xargs -P, as pyupgrade gets it in scripts/bench.sh.
changed=$(mktemp -d)
trap 'rm -rf "$changed"' EXIT
changed_outputs "$changed/corpus" --select "$SELECT" --py311-plus
echo "corpus: $files files, $lines lines; $JOBS cores; $RUNS runs each"
echo "pymod changes $(find "$changed/corpus" -name '*.py' | wc -l) files"
python3 scripts/measure.py "$corpus" "$RUNS" \
  "pymod --select $SELECT=$bin --select $SELECT --py311-plus {dir}" \
  "parse+validate changed only=$bin bench-parse --validate $changed/corpus" \
  "flynt (one process)=$pyfiles | xargs -0 $venv/flynt" \
  "flynt (xargs -P$JOBS)=$pyfiles | xargs -0 -n 50 -P $JOBS $venv/flynt"
