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
