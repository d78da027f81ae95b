#!/usr/bin/env python3
"""Independent reference for the trainer's objective (docs/trainer.md, DESIGN.md "The objective").

Writes objective_reference.json beside this script: small seeded problems (weighted rows, some of
weight 0, lambda > 0, a bias that is not penalised, restricted inventories for some words, rows with
no word) and, for a random point (W over all D features, b), the value and gradient of

    L(W, b) = sum_i w_i KL(y_i || softmax_S(W x_i + b)) / sum_i w_i + lambda/2 ||W||^2

where S is the row's inventory (labels outside it have probability 0) when `restrict` is true and
the row's word has an inventory, else all labels. Computed densely with NumPy, written
independently of the Java code (no shared formulas other than the definition above).

Run: /usr/bin/python3 objective_reference.py   (numpy only)
"""
import json
import os

import numpy as np


def problem(seed, n, d, k, nnz, restrict):
    rng = np.random.default_rng(seed)
    labels = ["l%02d" % j for j in range(k)]
    words = ["w%d" % g for g in range(4)]
    X = np.zeros((n, d))
    rows = []
    block = d // 5
    for i in range(n):
        m = int(rng.integers(1, nnz + 1))
        # a word's rows draw most features from the word's own block of columns, rows without a
        # word from the last block, so that some (feature, label) pairs are impossible
        g = 4 if i % 5 == 4 else i % len(words)
        own = rng.integers(g * block, (g + 1) * block, size=m)
        anywhere = rng.integers(0, 4 * block, size=m)
        pick = np.where((rng.random(m) < 0.8) | (g == 4), own, anywhere)
        idx = sorted(set(int(v) for v in pick))
        val = [float(v) for v in np.round(rng.uniform(-2, 2, size=len(idx)), 6)]
        for c, v in zip(idx, val):
            X[i, c] = v
        rows.append({"indices": idx, "values": val})
    # inventories: each word gets a random subset of 1..k labels; rows of that word put their
    # target mass inside it; every 5th row has no word (full label set)
    inv = {}
    for w in words:
        size = int(rng.integers(1, k + 1))
        inv[w] = sorted(int(j) for j in rng.choice(k, size=size, replace=False))
    groups, Y = [], np.zeros((n, k))
    for i in range(n):
        g = None if i % 5 == 4 else words[i % len(words)]
        groups.append(g)
        support = inv[g] if g is not None else list(range(k))
        t = np.zeros(k)
        raw = rng.exponential(size=len(support))
        raw[rng.random(len(support)) < 0.3] = 0.0
        if raw.sum() == 0:
            raw[0] = 1.0
        t[support] = raw / raw.sum()
        t = np.round(t, 12)
        t /= t.sum()
        Y[i] = t
    w = np.round(rng.uniform(0.1, 3.0, size=n), 6)
    w[rng.random(n) < 0.1] = 0.0
    w[0] = 1.0
    lam = float(10.0 ** rng.uniform(-3, -1))
    W = rng.normal(scale=0.7, size=(d, k))
    b = rng.normal(scale=0.5, size=k)

    mask = np.ones((n, k), dtype=bool)
    if restrict:
        for i, g in enumerate(groups):
            if g is not None:
                mask[i] = False
                mask[i, inv[g]] = True
    # (feature, label) pairs that some row can use: the feature occurs in a row whose label set
    # holds the label. Elsewhere W is 0 (a restricted trainer need not store it); the gradient
    # there is then exactly 0, which the Java test checks.
    possible = (np.abs(X).T @ mask.astype(float)) > 0
    W = np.where(possible, W, 0.0)
    Z = X @ W + b
    Zm = np.where(mask, Z, -np.inf)
    zmax = Zm.max(axis=1, keepdims=True)
    lse = zmax[:, 0] + np.log(np.exp(Zm - zmax).sum(axis=1))
    P = np.where(mask, np.exp(Zm - lse[:, None]), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ylogy = np.where(Y > 0, Y * np.log(np.where(Y > 0, Y, 1.0)), 0.0)
        ylogp = np.where(Y > 0, Y * np.log(np.where(Y > 0, P, 1.0)), 0.0)
    kl = (ylogy - ylogp).sum(axis=1)
    wn = w / w.sum()
    value = float((wn * kl).sum() + 0.5 * lam * (W * W).sum())
    R = wn[:, None] * (P - Y)
    gW = X.T @ R + lam * W
    gb = R.sum(axis=0)
    seen = sorted(set(c for r in rows for c in r["indices"]))
    return {
        "seed": seed, "restrict": restrict, "labels": labels, "d": d,
        "rows": rows, "targets": Y.tolist(), "weights": w.tolist(), "groups": groups,
        "inventories": {g: [labels[j] for j in inv[g]] for g in words},
        "lambda": lam,
        "W": W.tolist(), "b": b.tolist(),
        "value": value,
        "seen_features": seen,
        "possible": possible.astype(int).tolist(),
        "grad_W": gW.tolist(), "grad_b": gb.tolist(),
    }


def main():
    cases = [
        problem(1, 40, 12, 3, 5, False),
        problem(2, 60, 30, 5, 6, True),
        problem(3, 50, 20, 7, 8, True),
        problem(4, 80, 50, 4, 4, False),
    ]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "objective_reference.json")
    with open(out + ".tmp", "w") as f:
        json.dump({"generator": "objective_reference.py", "numpy": np.__version__,
                   "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
