# Sourced by the benchmark scripts: the corpus, the release build, the tool
# venv, and the corpus's size. Sets corpus, bin, venv, JOBS, pyfiles, files
# and lines.
corpus=$(scripts/corpus.sh)
cargo build --release --quiet
bin=$PWD/target/release/pymod
venv=$PWD/.bench/venv/bin
JOBS=$(nproc)
# pymod skips build/ directories when walking; the other tools are given
# the same files.
pyfiles="find {dir} -name '*.py' -not -path '*/build/*' -print0"
files=$(find "$corpus" -name '*.py' -not -path '*/build/*' | wc -l)
lines=$(find "$corpus" -name '*.py' -not -path '*/build/*' -print0 | xargs -0 cat | wc -l)

# changed_outputs DIR PYMOD_FLAGS...: runs pymod once on a copy of the
# corpus and leaves in DIR only the files it changed, as it wrote them.
# Timing `bench-parse --validate` on DIR gives the work no design can skip:
# tree-sitter-parsing the files a run changes and strictly validating the
# results.
changed_outputs() {
  local out=$1
  shift
  rm -rf "$out"
  cp -r "$corpus" "$out"
  "$bin" "$@" "$out" 2>/dev/null || true
  (cd "$corpus" && find . -name '*.py' -not -path '*/build/*' -print0) |
    while IFS= read -r -d '' rel; do
      if cmp -s "$corpus/$rel" "$out/$rel"; then rm -f "$out/$rel"; fi
    done
}
