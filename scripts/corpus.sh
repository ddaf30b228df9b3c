#!/usr/bin/env bash
# Fetches the pinned legacy-code corpus (source distributions, checked
# against their SHA-256) and the reference tools into .bench/, once.
# Prints the path of the corpus: the files CPython compiles, as a tree.
#
#   scripts/corpus.sh            -> .bench/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=.bench
PY=${PYTHON:-python3}

# name==version  sha256 of the source distribution
PINS=(
  "Django==1.11.29 4200aefb6678019a0acf0005cd14cfce3a5e6b9b90d06145fcdd2e474ad4329c"
  "SQLAlchemy==1.3.24 ebbb777cbf9312359b897bf81ba00dae0f5cb69fba2a18265dcc18a6f5ef7519"
  "requests==2.18.4 9c443e7324ba5b85070c4a818ade28bfabedf16ea10206da1132edaa6dda237e"
  "Twisted==17.9.0 0da1a7e35d5fcae37bc9c7978970b5feb3bc82822155b8654ec63925c05af75c"
)
TOOLS=(pyupgrade==3.22.0 ruff==0.17.6 flynt==1.0.6)

mkdir -p "$BENCH/dl"
if [ ! -x "$BENCH/venv/bin/pyupgrade" ] || [ ! -x "$BENCH/venv/bin/flynt" ]; then
  echo "creating $BENCH/venv with ${TOOLS[*]}" >&2
  "$PY" -m venv "$BENCH/venv"
  "$BENCH/venv/bin/pip" install -q "${TOOLS[@]}" >&2
fi

if [ ! -f "$BENCH/corpus/.complete" ]; then
  rm -rf "$BENCH/src" "$BENCH/corpus"
  mkdir -p "$BENCH/src"
  for pin in "${PINS[@]}"; do
    read -r spec sum <<<"$pin"
    name=${spec%%==*}
    version=${spec##*==}
    file=$(ls "$BENCH/dl" | grep -i "^${name}-${version}\.tar" || true)
    if [ -z "$file" ]; then
      "$BENCH/venv/bin/pip" download -q --no-deps --no-binary :all: "$spec" -d "$BENCH/dl" >&2
      file=$(ls "$BENCH/dl" | grep -i "^${name}-${version}\.tar")
    fi
    echo "$sum  $BENCH/dl/$file" | sha256sum -c --quiet - >&2
    tar xf "$BENCH/dl/$file" -C "$BENCH/src"
  done
  # Keep the files CPython compiles: legacy Python 2 files are not the
  # tools' business.
  "$PY" - "$BENCH/src" "$BENCH/corpus" <<'PYEOF'
import os, shutil, sys, warnings
src, dst = sys.argv[1:]
kept = skipped = lines = 0
warnings.simplefilter("ignore")
for root, dirs, files in os.walk(src):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith(".py"):
            continue
        path = os.path.join(root, name)
        try:
            data = open(path, "rb").read()
            compile(data, path, "exec", dont_inherit=True)
        except Exception:
            skipped += 1
            continue
        out = os.path.join(dst, os.path.relpath(path, src))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(path, out)
        kept += 1
        lines += data.count(b"\n")
print(f"corpus: {kept} files ({lines} lines) kept, {skipped} that CPython does not compile left out", file=sys.stderr)
PYEOF
  touch "$BENCH/corpus/.complete"
fi
echo "$BENCH/corpus"
