#!/usr/bin/env python3
"""Reference fits of entdist's aggregation methods, computed independently with NumPy.

Writes, next to this script:
* crowd.tsv: a small seeded synthetic crowd, one answer a line: item, annotator, label
  (items 0..I-1 in order; annotators and labels are names that sort as their indices);
* expected.json: for each method (majority, dawid-skene, one-coin, mace) and each setting the
  Java test uses, the posteriors, the class prior, the log-likelihood, the iterations, whether
  it converged, and per annotator the confusion matrix, the accuracy and (MACE) the spamming
  probability.

The Java test (AggregationReferenceTest) reads the checked-in output; it never runs Python.
Regenerate with:

    python3 aggregate_reference.py

With --time N A R (e.g. --time 10000 47 5) it instead times Dawid-Skene, 100 iterations, on a
crowd of N items, A annotators and R answers per item, to compare with the Java figure.

The formulation is vectorised (np.add.at over answers, log-sum-exp over items), not a
transcription of the Java loops: the same model, computed another way.
  Dawid-Skene: pi_k = (s + sum_i T_ik) / (I + K s); e_j(l|k) = (s + sum_{answers (i,j,l)} T_ik)
               / row sum; T_ik ~ pi_k prod e_j(l|k); LL = sum_i log sum_k pi_k prod e_j(l|k).
  one-coin:    p_j = (s + sum_{answers (i,j,l)} T_il) / (n_j + 2s); e_j(l|k) = p_j if l = k else
               (1 - p_j) / (K - 1); prior as Dawid-Skene.
  MACE:        uniform prior; q = T_il theta_j / (theta_j + (1 - theta_j) xi_j(l)) (previous
               theta, xi; theta = 0.5, xi uniform at the start); theta_j = (s + sum q) / (n_j + 2s);
               xi_j(l) = (s + sum (1 - q) over answers l) / (K s + sum (1 - q));
               e_j(l|k) = theta_j [l = k] + (1 - theta_j) xi_j(l).
  Every method starts from the vote proportions T and runs M-step, E-step per iteration; it stops
  after an iteration (not the first) whose |LL change| <= tol * I, or at the cap.
  majority:    T = vote proportions; the confusion is one Dawid-Skene M-step on T; LL = NaN.
"""
import json
import math
import os
import sys
import time

import numpy as np
from scipy.special import logsumexp

HERE = os.path.dirname(os.path.abspath(__file__))


def majority(item, lab, n_items, k):
    t = np.zeros((n_items, k))
    np.add.at(t, (item, lab), 1.0)
    return t / t.sum(axis=1, keepdims=True)


def ds_m(t, item, ann, lab, n_ann, k, s):
    prior = (t.sum(axis=0) + s) / (t.shape[0] + k * s)
    counts = np.full((n_ann, k, k), s)
    np.add.at(counts, (ann, slice(None), lab), t[item])
    sums = counts.sum(axis=2, keepdims=True)
    conf = np.where(sums > 0, counts / np.where(sums > 0, sums, 1), 1.0 / k)
    return prior, conf


def onecoin_m(t, item, ann, lab, n_ann, k, s):
    prior = (t.sum(axis=0) + s) / (t.shape[0] + k * s)
    right = np.bincount(ann, weights=t[item, lab], minlength=n_ann)
    given = np.bincount(ann, minlength=n_ann)
    p = (right + s) / (given + 2 * s) if k > 1 else np.ones(n_ann)
    off = (1 - p) / max(k - 1, 1)
    conf = np.repeat(off[:, None, None], k, axis=1).repeat(k, axis=2)
    idx = np.arange(k)
    conf[:, idx, idx] = p[:, None]
    return prior, conf


def mace_m(t, item, ann, lab, n_ann, k, s, theta, xi):
    th = theta[ann]
    den = th + (1 - th) * xi[ann, lab]
    q = np.where(den > 0, t[item, lab] * th / np.where(den > 0, den, 1), 0.0)
    truly = np.bincount(ann, weights=q, minlength=n_ann)
    given = np.bincount(ann, minlength=n_ann)
    spam = np.zeros((n_ann, k))
    np.add.at(spam, (ann, lab), 1 - q)
    theta = (truly + s) / (given + 2 * s)
    xi = (spam + s) / (spam + s).sum(axis=1, keepdims=True)
    conf = (1 - theta)[:, None, None] * xi[:, None, :] + theta[:, None, None] * np.eye(k)[None]
    return np.full(k, 1.0 / k), conf, theta, xi


def e_step(prior, conf, item, ann, lab, n_items):
    with np.errstate(divide="ignore"):
        score = np.tile(np.log(prior), (n_items, 1))
        np.add.at(score, item, np.log(conf[ann, :, lab]))
    lse = logsumexp(score, axis=1)
    return np.exp(score - lse[:, None]), float(lse.sum())


def fit(method, item, ann, lab, n_items, n_ann, k, s, max_iter, tol):
    t = majority(item, lab, n_items, k)
    theta, xi = np.full(n_ann, 0.5), np.full((n_ann, k), 1.0 / k)
    if method == "majority":
        prior, conf = ds_m(t, item, ann, lab, n_ann, k, s)
        return t, prior, conf, 0, float("nan"), True, None
    ll, converged, it = float("nan"), False, 0
    while it < max_iter:
        if method == "dawid-skene":
            prior, conf = ds_m(t, item, ann, lab, n_ann, k, s)
        elif method == "one-coin":
            prior, conf = onecoin_m(t, item, ann, lab, n_ann, k, s)
        else:
            prior, conf, theta, xi = mace_m(t, item, ann, lab, n_ann, k, s, theta, xi)
        t, nxt = e_step(prior, conf, item, ann, lab, n_items)
        it += 1
        small = it > 1 and abs(nxt - ll) <= tol * n_items
        ll = nxt
        if small:
            converged = True
            break
    return t, prior, conf, it, ll, converged, (1 - theta if method == "mace" else None)


def crowd(rng, n_items, n_ann, k, per_item, spammers):
    """Planted truth, per-annotator confusion matrices, some spammers."""
    truth = rng.choice(k, size=n_items, p=np.linspace(2, 1, k) / np.linspace(2, 1, k).sum())
    conf = np.empty((n_ann, k, k))
    for j in range(n_ann):
        if j < spammers:
            conf[j] = np.full((k, k), 1.0 / k)
        else:
            acc = rng.uniform(0.55, 0.95)
            for c in range(k):
                off = rng.dirichlet(np.ones(k - 1)) * (1 - acc)
                conf[j, c] = np.insert(off, c, acc)
    item, ann, lab = [], [], []
    for i in range(n_items):
        for j in sorted(rng.choice(n_ann, size=per_item, replace=False)):
            item.append(i)
            ann.append(j)
            lab.append(rng.choice(k, p=conf[j, truth[i]]))
    return np.array(item), np.array(ann), np.array(lab), truth


def write_fixture():
    rng = np.random.default_rng(20261202)
    n_items, n_ann, k = 60, 7, 3
    item, ann, lab, _ = crowd(rng, n_items, n_ann, k, 4, 2)
    with open(os.path.join(HERE, "crowd.tsv"), "w") as f:
        for i, j, l in zip(item, ann, lab):
            f.write(f"{i}\ta{j}\tL{l}\n")
    cases = []
    for method in ["majority", "dawid-skene", "one-coin", "mace"]:
        for s, max_iter, tol in [(0.01, 50, 0.0), (0.5, 200, 1e-6), (0.0, 7, 0.0)]:
            t, prior, conf, it, ll, conv, spam = fit(method, item, ann, lab, n_items, n_ann, k,
                                                     s, max_iter, tol)
            cases.append({
                "method": method, "smoothing": s, "max_iterations": max_iter, "tolerance": tol,
                "iterations": it, "log_likelihood": None if math.isnan(ll) else ll,
                "converged": conv, "prior": prior.tolist(), "posteriors": t.tolist(),
                "confusion": conf.tolist(),
                "accuracy": (np.bincount(ann, weights=t[item, lab], minlength=n_ann)
                             / np.bincount(ann, minlength=n_ann)).tolist(),
                "spam_probability": None if spam is None else spam.tolist(),
            })
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


def time_ds(n_items, n_ann, per_item):
    rng = np.random.default_rng(7)
    item, ann, lab, _ = crowd(rng, n_items, n_ann, 5, per_item, n_ann // 5)
    start = time.perf_counter()
    _, _, _, it, ll, _, _ = fit("dawid-skene", item, ann, lab, n_items, n_ann, 5, 0.01, 100, 0.0)
    took = time.perf_counter() - start
    print(f"numpy dawid-skene: {n_items} items, {n_ann} annotators, {len(item)} answers,"
          f" {it} iterations: {took:.3f} s (log-likelihood {ll:.3f})")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--time":
        time_ds(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        write_fixture()
