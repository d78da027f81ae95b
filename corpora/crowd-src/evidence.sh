#!/usr/bin/env bash
# Majority vote against Dawid-Skene (and one-coin, MACE) on a synthetic crowd with spammers:
# accuracy of each aggregation against the planted truth, and the held-out KL of a model trained
# on each. Run from the repository root:  corpora/crowd-src/evidence.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
entdist="$root/entdist"
gen="$root/corpora/crowd-src/synthetic_crowd.py"
mkdir -p "$work" && cd "$work"

# Held-out occurrences keep the bundled corpus's soft labels: the reference of every model.
"$entdist" corpus split bundled --test-fraction 0.2 --seed 1 --out-dir split > /dev/null
# 20 annotators, the first 6 spammers, 5 answers per training occurrence.
python3 "$gen" make split/train.jsonl --seed 7 > crowd.jsonl
"$entdist" corpus stats crowd.jsonl --json | python3 -c "import json,sys; d=json.load(sys.stdin);\
 a=d['agreement']; print('crowd: %d occurrences, %d annotators, alpha %.3f, kappa %.3f' %\
 (d['examples'], d['annotators'], a['krippendorff_alpha'], a['fleiss_kappa']))"

printf '%-26s %9s %10s %8s %8s\n' "training labels" accuracy "held-out KL" "JS" "top-1"
row() {  # name, aggregated corpus, train options
  local name=$1 file=$2; shift 2
  local acc=-
  if grep -q '"truth"' "$file"; then
    acc=$(python3 "$gen" accuracy "$file" | cut -f2)
  fi
  "$entdist" train --corpus "$file" --out "$name.model" --quiet "$@" > /dev/null
  "$entdist" evaluate --model "$name.model" --corpus split/test.jsonl --json --quiet \
    | python3 -c "import json,sys; d=json.load(sys.stdin); print('%-26s %9s %10.4f %8.4f %8.4f'\
 % ('$name', '$acc', d['mean_kl'], d['mean_js'], d['top1']))"
}
for m in majority dawid-skene one-coin mace; do
  "$entdist" corpus aggregate --corpus crowd.jsonl --method "$m" --out "$m.jsonl" --quiet \
    > /dev/null
  row "$m" "$m.jsonl"
done
row "dawid-skene, one-hot" dawid-skene.jsonl --regime onehot
row "bundled labels (no crowd)" split/train.jsonl
