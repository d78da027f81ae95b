#!/usr/bin/env python3
"""Independent reference for CorpusStatsTest: counts good.jsonl with plain Python/numpy.

Run from this directory:  python3 stats_reference.py > stats_expected.json
"""
import json
import math
from collections import defaultdict

import numpy as np


def entropy(ps):
    ps = np.array([p for p in ps if p > 0], dtype=float)
    return float(-(ps * np.log(ps)).sum())


def agreement(items):
    """items: list of vote dicts; Fleiss-style with varying numbers of raters."""
    rated = [v for v in items if sum(v.values()) >= 2]
    if not rated:
        return {"items": 0, "mean_pairwise_agreement": None, "fleiss_kappa": None}
    pairs = []
    totals = defaultdict(int)
    for v in rated:
        n = sum(v.values())
        pairs.append(sum(c * (c - 1) for c in v.values()) / (n * (n - 1)))
        for k, c in v.items():
            totals[k] += c
    observed = float(np.mean(pairs))
    all_votes = sum(totals.values())
    expected = sum((c / all_votes) ** 2 for c in totals.values())
    return {"items": len(rated), "mean_pairwise_agreement": observed,
            "fleiss_kappa": (observed - expected) / (1 - expected)}


rows = []
with open("good.jsonl", encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        r = json.loads(line)
        votes = r.get("votes", {})
        labels = r.get("labels") or {k: c / sum(votes.values()) for k, c in votes.items()}
        labels = {k: v for k, v in labels.items() if v > 0}
        annotators = r.get("n_annotators", max(1, sum(votes.values())))
        rows.append((r["target"].lower(), labels, votes, annotators))

words = defaultdict(list)
for row in rows:
    words[row[0]].append(row)
label_names = sorted({k for _, labels, _, _ in rows for k in labels})

per_word = {}
for w, occ in sorted(words.items()):
    mean = {k: sum(o[1].get(k, 0.0) for o in occ) / len(occ) for k in label_names}
    mean = {k: v for k, v in mean.items() if v > 0}
    per_word[w] = {
        "count": len(occ),
        "mean_entropy_nats": float(np.mean([entropy(o[1].values()) for o in occ])),
        "type_distribution": mean,
        "type_entropy_nats": entropy(mean.values()),
        "non_onehot_fraction": sum(len(o[1]) > 1 for o in occ) / len(occ),
        "agreement": agreement([o[2] for o in occ]),
    }

per_label = {}
for k in label_names:
    argmax = 0
    for _, labels, _, _ in rows:
        best = max(sorted(labels), key=lambda name: labels[name])  # first in order on ties
        argmax += best == k
    per_label[k] = {
        "argmax_count": argmax,
        "mass": sum(labels.get(k, 0.0) for _, labels, _, _ in rows),
        "words": len({w for w, labels, _, _ in rows if labels.get(k, 0) > 0}),
    }

print(json.dumps({
    "examples": len(rows),
    "targets": len(words),
    "labels": label_names,
    "mean_entropy_nats": float(np.mean([entropy(r[1].values()) for r in rows])),
    "non_onehot_fraction": sum(len(r[1]) > 1 for r in rows) / len(rows),
    "mean_annotators": float(np.mean([r[3] for r in rows])),
    "agreement": agreement([r[2] for r in rows]),
    "per_word": per_word,
    "per_label": per_label,
}, indent=1, sort_keys=True))
