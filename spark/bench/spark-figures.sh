#!/usr/bin/env bash
# The figures of docs/spark.md: time per objective evaluation of the local trainer against the
# Spark fit in local[2], and predict throughput in local[1] against local[2].
#
#   spark/bench/spark-figures.sh FEATURE_DIR TEXT_FILE WORK_DIR
#
# FEATURE_DIR: a peer-format directory (the peers' harness's medium set: 200 000 rows, 2^18
# features, K 8); TEXT_FILE: plain text, a document a line, with words of the bundled corpus.
# Prints the commands' JSON lines and wall times; note `uptime` beside them. The predict runs
# here are short (warm-up dominates); spark/bench/predict-scaling.sh measures the scaling, with
# the CPU time of every thread.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
features="$1"; text="$2"; work="$3"
iters="${ITERS:-20}"
mkdir -p "$work"
cd "$root"

echo "== load"; uptime
echo "== local trainer, $iters iterations (2 threads)"
./entdist train --features "$features" --regime soft --lambda 1e-4 --max-iter "$iters" \
  --threads 2 --json --quiet --out "$work/local.model"
echo "== Spark local[2], 2 partitions, $iters iterations"; uptime
./entdist-spark train --master 'local[2]' --partitions 2 --features "$features" --regime soft \
  --lambda 1e-4 --max-iter "$iters" --json --out "$work/spark.model"

echo "== predict model: bundled corpus"; uptime
./entdist train --corpus bundled --quiet --out "$work/bundled.model" > /dev/null
for m in 1 2; do
  rm -rf "$work/pred-$m"
  echo "== predict local[$m]"; uptime
  ./entdist-spark predict --master "local[$m]" --partitions 4 --model "$work/bundled.model" \
    --text "$text" --out "$work/pred-$m"
done
echo "== local predict (2 threads)"; uptime
/usr/bin/time -f "%e s wall" ./entdist predict --model "$work/bundled.model" --text "$text" \
  --threads 2 --quiet --out "$work/local-pred.jsonl"
cat "$work"/pred-2/part-* | cmp - "$work/local-pred.jsonl" && echo "Spark and local predict lines equal"
