#!/usr/bin/env python3
"""A plain bag-of-words softmax baseline for held-out mean KL, independent of entdist.

Features: the lower-cased word tokens (\\w+) of the sentence, plus the target's tokens marked as
such; binary counts, no hashing, no context windows, no lemmas. Model: scikit-learn's
multinomial LogisticRegression with its defaults (L2, C = 1, lbfgs), fitted to the soft labels by
replicating each training occurrence once per label with the label's probability as its sample
weight (the same optimum as a KL loss). Scores: mean KL(reference || prediction) in nats and top-1
agreement on the test file, the definitions of `entdist evaluate`.

Usage: python3 scripts/bow_baseline.py TRAIN.jsonl TEST.jsonl [--json]
(corpora in entdist's JSONL format; `entdist corpus split` makes a train/test pair).
"""
import json
import re
import sys

import numpy as np
from scipy.special import rel_entr
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

TOKEN = re.compile(r"\w+", re.UNICODE)


def read(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for r in rows:
        if "labels" not in r:
            total = sum(r["votes"].values())
            r["labels"] = {k: v / total for k, v in r["votes"].items()}
    return rows


def features(row):
    f = {"w=" + t.lower(): 1 for t in TOKEN.findall(row["text"])}
    for t in TOKEN.findall(row["target"]):
        f["t=" + t.lower()] = 1
    return f


def main():
    train, test = read(sys.argv[1]), read(sys.argv[2])
    labels = sorted({k for r in train + test for k in r["labels"]})
    index = {k: j for j, k in enumerate(labels)}
    xs, ys, ws = [], [], []
    for r in train:
        for k, p in r["labels"].items():
            if p > 0:
                xs.append(features(r))
                ys.append(index[k])
                ws.append(p)
    vec = DictVectorizer()
    model = LogisticRegression(max_iter=2000)
    model.fit(vec.fit_transform(xs), ys, sample_weight=ws)
    probs = model.predict_proba(vec.transform([features(r) for r in test]))
    pred = np.zeros((len(test), len(labels)))
    pred[:, model.classes_] = probs  # a label never seen in training keeps probability 0
    ref = np.array([[r["labels"].get(k, 0.0) for k in labels] for r in test])
    kl = rel_entr(ref, pred).sum(axis=1)
    top1 = float(np.mean(pred.argmax(axis=1) == ref.argmax(axis=1)))
    out = {"train": len(train), "test": len(test), "mean_kl": float(kl.mean()), "top1": top1}
    if "--json" in sys.argv:
        print(json.dumps(out))
    else:
        print(f"train {len(train)}  test {len(test)}  mean KL {kl.mean():.4f}  top-1 {top1:.4f}")


if __name__ == "__main__":
    main()
