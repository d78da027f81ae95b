#!/usr/bin/env python3
"""Reference values for trainer's Evaluation, computed independently with NumPy/SciPy.

Writes evaluation_rows.tsv (word, reference, prediction per row; seeded random rows, some with
zeros and ties) and evaluation_expected.tsv (scope, metric, value): every metric over all rows
("all") and the per-word metrics of Evaluation.byWord ("word:<w>"). Definitions as in DESIGN.md:
natural logs, 0*log 0 = 0, ties of argmax go to the first label, ECE with 15 equal-width bins of
the top probability, correctness = argmax pred == argmax ref.

Run: python3 evaluation.py   (NumPy 2.4, SciPy 1.17 were used for the checked-in files)
"""
import numpy as np
from scipy.special import rel_entr, xlogy
from scipy.spatial.distance import jensenshannon

rng = np.random.default_rng(16)
N, K = 60, 4
words = rng.choice(["bank", "cell", "pitch", "seal"], size=N, p=[0.4, 0.3, 0.2, 0.1])
ref = rng.dirichlet(np.full(K, 0.7), size=N)
ref[rng.random((N, K)) < 0.2] = 0.0
for i in range(N):
    if ref[i].sum() == 0:
        ref[i, rng.integers(K)] = 1.0
ref /= ref.sum(axis=1, keepdims=True)
ref[3] = [0.5, 0.5, 0.0, 0.0]            # a tie: argmax is the first label
ref[7] = [0.0, 0.0, 1.0, 0.0]            # one-hot
pred = rng.dirichlet(np.full(K, 1.5), size=N)
pred[5] = [0.25, 0.25, 0.25, 0.25]       # a tie in the prediction


def metrics(r, p):
    kl = rel_entr(r, p).sum(axis=1)
    rkl = rel_entr(p, r).sum(axis=1)
    js = jensenshannon(r, p, axis=1) ** 2  # SciPy returns the distance, sqrt of JS (nats)
    ce = -xlogy(r, p).sum(axis=1)
    hp = -xlogy(p, p).sum(axis=1)
    hr = -xlogy(r, r).sum(axis=1)
    correct = np.argmax(p, axis=1) == np.argmax(r, axis=1)
    conf = p.max(axis=1)
    bins = np.minimum((conf * 15).astype(int), 14)
    ece = 0.0
    for b in range(15):
        m = bins == b
        if m.any():
            ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
    d = np.abs(r - p)
    s = r + p
    ratio = np.divide(d, s, out=np.zeros_like(d), where=s > 0)
    return {
        "examples": len(r),
        "mean_kl": kl.mean(), "mean_reverse_kl": rkl.mean(), "mean_js": js.mean(),
        "cross_entropy": ce.mean(), "top1": correct.mean(),
        "mean_entropy_pred": hp.mean(), "mean_entropy_ref": hr.mean(), "ece": ece,
        "brier": (d ** 2).sum(axis=1).mean(), "chebyshev": d.max(axis=1).mean(),
        "clark": np.sqrt((ratio ** 2).sum(axis=1)).mean(), "canberra": ratio.sum(axis=1).mean(),
        "cosine": ((r * p).sum(axis=1) / (np.linalg.norm(r, axis=1) * np.linalg.norm(p, axis=1))).mean(),
        "intersection": np.minimum(r, p).sum(axis=1).mean(),
        "manhattan": d.sum(axis=1).mean(), "euclidean": np.sqrt((d ** 2).sum(axis=1)).mean(),
    }


with open("evaluation_rows.tsv", "w") as f:
    f.write("# written by evaluation.py\nword\treference\tprediction\n")
    for i in range(N):
        f.write(words[i] + "\t" + ",".join(repr(float(v)) for v in ref[i]) + "\t"
                + ",".join(repr(float(v)) for v in pred[i]) + "\n")
with open("evaluation_expected.tsv", "w") as f:
    f.write("# written by evaluation.py\nscope\tmetric\tvalue\n")
    for k, v in metrics(ref, pred).items():
        f.write(f"all\t{k}\t{float(v)!r}\n")
    for w in sorted(set(words)):
        m = words == w
        for k, v in metrics(ref[m], pred[m]).items():
            f.write(f"word:{w}\t{k}\t{float(v)!r}\n")
