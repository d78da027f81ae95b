#!/usr/bin/env python3
"""A synthetic crowd with spammers, for trying entdist's aggregation (Python 3 standard library).

    python3 synthetic_crowd.py make CORPUS.jsonl [--seed S] [--annotators N] [--spammers K]
                                  [--per-item R] [--keep-labels] > crowd.jsonl
    python3 synthetic_crowd.py accuracy AGGREGATED.jsonl [MORE.jsonl ...]
    python3 synthetic_crowd.py answers N A R [--seed S] > big.jsonl

make: for every occurrence of an entdist JSONL corpus (e.g. the training half of
`entdist corpus split bundled`), plants a true label drawn from the occurrence's own label
distribution, and lets R of N annotators answer it. Annotator j (not a spammer) has accuracy
a_j ~ U(0.6, 0.9) and gives each wrong label with probability (1 - a_j) * w_jkl, the weights w
drawn once per annotator and true label (so some annotators confuse two labels systematically);
the first K annotators are spammers who answer uniformly at random. The output keeps id, text,
target, start and end, replaces labels and votes by `annotations`, and records the planted label
in the extra field `truth`, which entdist keeps through `corpus aggregate`. With --keep-labels the
input's `labels` stay beside the answers: `entdist compare --aggregate ...` then trains on the
aggregated answers and scores against those labels.

accuracy: the share of occurrences whose most probable label (ties: first in sorted order, as
entdist) is the planted `truth`.

answers: a crowd without text features, for timing: N occurrences, A annotators (the first A/5
spammers), R answers each, 5 labels.
"""
import json
import random
import sys


def planted(rng, labels, n_annotators, spammers):
    confusion = []
    for j in range(n_annotators):
        rows = {}
        accuracy = rng.uniform(0.6, 0.9)
        for k in labels:
            if j < spammers:
                rows[k] = {l: 1.0 / len(labels) for l in labels}
                continue
            weights = {l: rng.expovariate(1.0) for l in labels if l != k}
            total = sum(weights.values())
            rows[k] = {l: (accuracy if l == k else (1 - accuracy) * weights[l] / total)
                       for l in labels}
        confusion.append(rows)
    return confusion


def draw(rng, dist):
    u, c = rng.random(), 0.0
    items = sorted(dist.items())
    for label, p in items:
        c += p
        if u < c:
            return label
    return items[-1][0]


def make(args):
    path = args[0]
    seed, n_annotators, spammers, per_item = 7, 20, 6, 5
    keep = "--keep-labels" in args
    it = iter([a for a in args[1:] if a != "--keep-labels"])
    for flag in it:
        value = int(next(it))
        if flag == "--seed":
            seed = value
        elif flag == "--annotators":
            n_annotators = value
        elif flag == "--spammers":
            spammers = value
        elif flag == "--per-item":
            per_item = value
        else:
            sys.exit("unknown option " + flag)
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    labels = sorted({l for r in rows for l in r["labels"]})
    rng = random.Random(seed)
    confusion = planted(rng, labels, n_annotators, spammers)
    names = [f"w{j:02d}" for j in range(n_annotators)]
    for r in rows:
        truth = draw(rng, r["labels"])
        who = sorted(rng.sample(range(n_annotators), per_item))
        out = {k: r[k] for k in ("id", "text", "target", "start", "end")}
        if keep:
            out["labels"] = r["labels"]
        out["annotations"] = [{"annotator": names[j], "label": draw(rng, confusion[j][truth])}
                              for j in who]
        out["truth"] = truth
        print(json.dumps(out, ensure_ascii=False))


def accuracy(paths):
    for path in paths:
        right = total = 0
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            r = json.loads(line)
            best = max(sorted(r["labels"]), key=lambda l: r["labels"][l])
            right += best == r["truth"]
            total += 1
        print(f"{path}\t{right / total:.4f}\t({right} of {total})")


def answers(args):
    n, a, per = int(args[0]), int(args[1]), int(args[2])
    seed = int(args[4]) if len(args) > 4 and args[3] == "--seed" else 7
    labels = ["L0", "L1", "L2", "L3", "L4"]
    rng = random.Random(seed)
    confusion = planted(rng, labels, a, a // 5)
    for i in range(n):
        truth = draw(rng, {l: w / 15 for l, w in zip(labels, [5, 4, 3, 2, 1])})
        who = sorted(rng.sample(range(a), per))
        print(json.dumps({"id": f"x{i}", "text": f"item {i}", "target": "item", "start": 0,
                          "end": 4, "truth": truth,
                          "annotations": [{"annotator": f"a{j:02d}",
                                           "label": draw(rng, confusion[j][truth])}
                                          for j in who]}))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    command = sys.argv[1]
    if command == "make":
        make(sys.argv[2:])
    elif command == "accuracy":
        accuracy(sys.argv[2:])
    elif command == "answers":
        answers(sys.argv[2:])
    else:
        sys.exit(__doc__)
