#!/usr/bin/env bash
# Predict throughput with one task thread against two (local[1] against local[2]), with the CPU
# time of every JVM thread: docs/spark.md, "Predict throughput, local[1] against local[2]".
#
#   spark/bench/predict-scaling.sh WORK_DIR [COPIES] [PARTITIONS] [ROUNDS]
#
# WORK_DIR (created if missing) holds the documents, the model and the part files.
# The documents are the bundled corpus's 1 440 sentences, one a line, COPIES times over
# (default 700: 1 008 000 documents), predicted with a model trained on the bundled corpus with
# defaults, over PARTITIONS partitions (default 32), in ROUNDS rounds (default 2) that alternate
# which of local[1] and local[2] runs first. Each run prints the load average before it, the
# job time the launcher reports, wall, user and system CPU of the whole command, and the CPU
# seconds of each thread group (spark/bench/thread-cpu.py). Needs Linux (/proc) and python3;
# run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$1"
work="$(cd "$1" && pwd)"; copies="${2:-700}"; partitions="${3:-32}"; rounds="${4:-2}"
cd "$root"

if [ ! -f "$work/docs-$copies.txt" ]; then
  ./entdist corpus convert bundled --to jsonl --quiet --out "$work/bundled.jsonl"
  python3 -c 'import json, sys
texts = [json.loads(line)["text"] + "\n" for line in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for _ in range(int(sys.argv[3])):
        out.writelines(texts)' "$work/bundled.jsonl" "$work/docs-$copies.txt" "$copies"
fi
[ -f "$work/bundled.model" ] || ./entdist train --corpus bundled --quiet --out "$work/bundled.model"
./entdist-spark --help > /dev/null   # builds the module now if it is stale, not inside a run
echo "documents: $(wc -l < "$work/docs-$copies.txt"), partitions: $partitions"

run() {
  local threads="$1" out="$work/pred-$1"
  rm -rf "$out"
  echo "== local[$threads]; load before: $(uptime | sed 's/.*load average: //')"
  /usr/bin/time -f "whole command: %e s wall, %U s user, %S s sys" ./entdist-spark predict \
      --master "local[$threads]" --partitions "$partitions" --model "$work/bundled.model" \
      --text "$work/docs-$copies.txt" --out "$out" > "$out.log" 2>&1 &
  local timer=$! jvm=""
  while [ -z "$jvm" ] && kill -0 "$timer" 2> /dev/null; do
    jvm="$(pgrep -P "$timer" || true)"
    sleep 0.05
  done
  [ -z "$jvm" ] || python3 "$root/spark/bench/thread-cpu.py" "$jvm" 0.5 10
  wait "$timer"
  grep -E '^entdist-spark: wrote|^whole command' "$out.log"
  echo "load after: $(uptime | sed 's/.*load average: //')"
}

for r in $(seq "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run 1; run 2; else run 2; run 1; fi
done
cat "$work"/pred-1/part-* | cmp - <(cat "$work"/pred-2/part-*) \
  && echo "local[1] and local[2] wrote the same lines"
