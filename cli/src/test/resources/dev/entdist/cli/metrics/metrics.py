#!/usr/bin/env python3
"""Reference values for EvaluateMetricsTest, computed independently of entdist's Java code.

    python3 metrics.py data        # writes feats/ (meta.json, train/, test/), seeded
    entdist train --features feats --out feats.model --threads 1 --max-iter 50
    python3 metrics.py expected    # reads feats.model and feats/test, writes expected.json

The model file is parsed from its documented layout (big-endian: magic, version, header length,
JSON header, feature ids, weights, bias, SHA-256); predictions are softmax(W x + b) in NumPy, and
every metric follows its definition (nats, 0 log 0 = 0, ties to the first label in sorted order,
ECE over 15 equal-width bins of the top-1 confidence).
"""
import hashlib
import json
import struct
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CLASSES = ["prison", "phone", "biology"]  # not sorted on purpose: entdist sorts the columns
D = 16


def make_data():
    rng = np.random.default_rng(20261202)
    for split, n in (("train", 60), ("test", 25)):
        rows, labels = [], []
        for _ in range(n):
            idx = sorted(rng.choice(D, size=rng.integers(1, 5), replace=False).tolist())
            vals = [float(v) for v in np.round(rng.uniform(0.5, 2.0, size=len(idx)), 3)]
            rows.append(" ".join(f"{i}:{v}" for i, v in zip(idx, vals)))
            p = rng.dirichlet([1.0, 1.0, 1.0])
            if rng.random() < 0.3:
                p = np.eye(3)[rng.integers(3)]
            p = np.round(p, 4)
            p[-1] = round(1.0 - p[0] - p[1], 4)
            labels.append("\t".join(repr(float(x)) for x in p))
        out = HERE / "feats" / split
        out.mkdir(parents=True, exist_ok=True)
        (out / "features.svm").write_text("".join(f"0 {r}\n" for r in rows))
        (out / "labels.tsv").write_text("\t".join(CLASSES) + "\n" + "".join(l + "\n" for l in labels))
    meta = {"format": "entdist-peers-v1", "n_features": D, "n_classes": 3, "classes": CLASSES}
    (HERE / "feats" / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def read_model(path):
    b = path.read_bytes()
    assert b[:8] == b"ENTDISTM"
    assert hashlib.sha256(b[:-32]).digest() == b[-32:]
    version, hlen = struct.unpack(">ii", b[8:16])
    header = json.loads(b[16:16 + hlen].decode("utf-8"))
    labels, rows = header["labels"], header["rows"]
    k = len(labels)
    at = 16 + hlen
    ids = struct.unpack(f">{rows}i", b[at:at + 4 * rows]); at += 4 * rows
    w = np.array(struct.unpack(f">{rows * k}d", b[at:at + 8 * rows * k])).reshape(rows, k)
    at += 8 * rows * k
    bias = np.array(struct.unpack(f">{k}d", b[at:at + 8 * k]))
    return labels, dict(zip(ids, range(rows))), w, bias


def read_split(d, labels):
    x = []
    for line in (d / "features.svm").read_text().splitlines():
        x.append([(int(a), float(v)) for a, v in (t.split(":") for t in line.split()[1:])])
    lines = (d / "labels.tsv").read_text().splitlines()
    header = lines[0].split("\t")
    ref = np.array([[float(v) for v in l.split("\t")] for l in lines[1:]])
    return x, ref[:, [header.index(c) for c in labels]]


def entropy(p):
    nz = p > 0
    return float(-(p[nz] * np.log(p[nz])).sum())


def kl(p, q):
    nz = p > 0
    if np.any(q[nz] == 0):
        return float("inf")
    return float((p[nz] * np.log(p[nz] / q[nz])).sum())


def expected():
    labels, row_of, w, bias = read_model(HERE / "feats.model")
    x, ref = read_split(HERE / "feats" / "test", labels)
    pred = []
    for feats in x:
        z = bias.copy()
        for i, v in feats:
            if i in row_of:
                z = z + v * w[row_of[i]]
        z = z - z.max()
        pred.append(np.exp(z) / np.exp(z).sum())
    pred = np.array(pred)
    n = len(ref)
    m = {k: 0.0 for k in ("mean_kl", "mean_reverse_kl", "mean_js", "cross_entropy", "top1",
                          "mean_entropy_pred", "mean_entropy_ref", "brier", "chebyshev", "clark",
                          "canberra", "cosine", "intersection")}
    bins = np.zeros((15, 3))  # count, confidence, correct
    for r, p in zip(ref, pred):
        mid = (r + p) / 2
        m["mean_kl"] += kl(r, p)
        m["mean_reverse_kl"] += kl(p, r)
        m["mean_js"] += 0.5 * kl(r, mid) + 0.5 * kl(p, mid)
        m["cross_entropy"] += entropy(r) + kl(r, p)
        m["mean_entropy_pred"] += entropy(p)
        m["mean_entropy_ref"] += entropy(r)
        correct = int(np.argmax(p) == np.argmax(r))
        m["top1"] += correct
        conf = p.max()
        b = min(int(conf * 15), 14)
        bins[b] += (1, conf, correct)
        d = np.abs(r - p)
        s = r + p
        m["brier"] += float((d ** 2).sum())
        m["chebyshev"] += float(d.max())
        m["clark"] += float(np.sqrt(((d[s > 0] / s[s > 0]) ** 2).sum()))
        m["canberra"] += float((d[s > 0] / s[s > 0]).sum())
        m["cosine"] += float(r @ p / (np.linalg.norm(r) * np.linalg.norm(p)))
        m["intersection"] += float(np.minimum(r, p).sum())
    out = {"examples": n}
    out.update({k: v / n for k, v in m.items()})
    out["ece"] = float(sum(c / n * abs(k / c - f / c) for c, f, k in bins if c > 0))
    # As entdist's JSON: an infinite value is the string "Infinity".
    out = {k: ("Infinity" if v == float("inf") else v) for k, v in out.items()}
    (HERE / "expected.json").write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    {"data": make_data, "expected": expected}[sys.argv[1]]()
