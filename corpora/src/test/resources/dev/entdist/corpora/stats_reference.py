#!/usr/bin/env python3
"""Independent reference for CorpusStatsTest: counts a corpus with plain Python/numpy.

Run from this directory:
    python3 stats_reference.py > stats_expected.json
    python3 stats_reference.py crowd.jsonl > stats_expected_crowd.json

Krippendorff's alpha (nominal) is computed from the coincidence matrix, as in Krippendorff's
"Computing Krippendorff's Alpha-Reliability" (2011): alpha = 1 - (n - 1) * sum_{c != k} o_ck /
sum_{c != k} n_c n_k, over the units with at least two values.
"""
import json
import math
import sys
from collections import defaultdict

import numpy as np


def entropy(ps):
    ps = np.array([p for p in ps if p > 0], dtype=float)
    return float(-(ps * np.log(ps)).sum())


def krippendorff_alpha(rated):
    labels = sorted({k for v in rated for k in v})
    index = {k: i for i, k in enumerate(labels)}
    o = np.zeros((len(labels), len(labels)))
    for v in rated:
        m = sum(v.values())
        for c, nc in v.items():
            for k, nk in v.items():
                pairs = nc * (nc - 1) if c == k else nc * nk
                o[index[c], index[k]] += pairs / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    disagree = o.sum() - np.trace(o)
    expected = n_c.sum() ** 2 - (n_c ** 2).sum()
    if expected == 0:
        return None
    return float(1 - (n - 1) * disagree / expected)


def agreement(items):
    """items: list of vote dicts; Fleiss-style with varying numbers of raters."""
    rated = [v for v in items if sum(v.values()) >= 2]
    if not rated:
        return {"items": 0, "mean_pairwise_agreement": None, "fleiss_kappa": None,
                "krippendorff_alpha": None}
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
            "fleiss_kappa": (observed - expected) / (1 - expected),
            "krippendorff_alpha": krippendorff_alpha(rated)}


rows = []
answers = defaultdict(int)
with open(sys.argv[1] if len(sys.argv) > 1 else "good.jsonl", encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        r = json.loads(line)
        votes = r.get("votes", {})
        for a in r.get("annotations", []):
            answers[a["annotator"]] += 1
        if "annotations" in r and not votes:
            votes = defaultdict(int)
            for a in r["annotations"]:
                votes[a["label"]] += 1
            votes = dict(votes)
        labels = r.get("labels") or {k: c / sum(votes.values()) for k, c in votes.items()}
        labels = {k: v for k, v in labels.items() if v > 0}
        if "annotations" in r:
            default = len({a["annotator"] for a in r["annotations"]})
        else:
            default = max(1, sum(votes.values()))
        annotators = r.get("n_annotators", default)
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
    "answers_per_annotator": dict(sorted(answers.items())),
}, indent=1, sort_keys=True))
