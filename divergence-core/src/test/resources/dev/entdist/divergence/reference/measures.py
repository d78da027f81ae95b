#!/usr/bin/env python3
"""Reference values for divergence-core's measures, computed independently with NumPy/SciPy.

Writes measures.tsv (entropy, cross-entropy, KL both ways, Jensen-Shannon, in bases e, 2, 10)
and softmax.tsv (log-sum-exp, softmax, log-softmax) next to this script. The Java tests read
the checked-in output; they never run Python. Regenerate with:

    python3 measures.py

Traps avoided on purpose:
* scipy.stats.entropy(p, q) silently renormalises its inputs; here every P and Q is normalised
  before use and the normalised values are the ones written, so Java sees the same numbers.
* scipy.spatial.distance.jensenshannon returns the square root of the divergence (a metric);
  it is squared here, and cross-checked against a direct rel_entr formula.
* KL uses scipy.special.rel_entr (p*log(p/q), 0 where p = 0, +inf where p > 0 = q); the
  cross-entropy uses -xlogy(p, q), so neither is derived from the other.
"""
import math
import os

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.special import log_softmax, logsumexp, rel_entr, softmax, xlogy
from scipy.stats import entropy

HERE = os.path.dirname(os.path.abspath(__file__))
BASES = {"e": math.e, "2": 2.0, "10": 10.0}


def fmt(x):
    x = float(x)
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return repr(x)


def vec(v):
    return ",".join(fmt(x) for x in v)


def normalised(v):
    v = np.asarray(v, dtype=np.float64)
    return v / v.sum()


def cases(rng):
    fixed = [
        ("lesson", [0.9, 0.1], [0.1, 0.9]),
        ("linear-counterexample", [0.9, 0.1], [1.0, 0.0]),
        ("model-zero", [0.5, 0.5], [1.0, 0.0]),
        ("onehot-reference", [0.0, 1.0, 0.0], [0.2, 0.5, 0.3]),
        ("identical", [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]),
        ("fair-die-vs-loaded", [1 / 6] * 6, [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]),
        ("uniform-8", [1 / 8] * 8, [1 / 8] * 8),
        ("disjoint", [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]),
        ("tiny-1e-300", [1 - 1e-300, 1e-300], [0.5, 0.5]),
        ("tiny-model", [0.5, 0.5], [1.0, 1e-300]),
        ("subnormal-model", [0.5, 0.5], [1.0, 1e-310]),
        ("subnormal-both", [1.0, 5e-324], [1.0, 1e-320]),
        ("near-identical", [0.3, 0.7], [0.3 + 1e-9, 0.7 - 1e-9]),
    ]
    for name, p, q in fixed:
        yield name, normalised(p), normalised(q)
    for i in range(12):
        k = [2, 3, 5, 8, 20, 50][i % 6]
        yield f"dirichlet-1-k{k}-{i}", rng.dirichlet(np.ones(k)), rng.dirichlet(np.ones(k))
    for i in range(12):
        k = [3, 8, 20][i % 3]
        p = rng.dirichlet(np.full(k, 0.05))
        q = rng.dirichlet(np.full(k, 0.05))
        yield f"dirichlet-0.05-k{k}-{i}", normalised(p), normalised(q)
    for i in range(10):
        k = [4, 8][i % 2]
        p = rng.dirichlet(np.ones(k))
        q = rng.dirichlet(np.ones(k))
        p[rng.choice(k, size=k // 2, replace=False)] = 0.0
        if i % 2:
            q[rng.integers(k)] = 0.0  # may or may not make KL(P||Q) infinite
        yield f"zeros-k{k}-{i}", normalised(p), normalised(q)
    for i in range(10):
        k = 8
        p = rng.dirichlet(np.ones(k))
        q = rng.dirichlet(np.ones(k))
        tiny = [1e-300, 1e-280, 1e-310, 5e-324, 1e-200]
        p[rng.integers(k)] = tiny[i % len(tiny)]
        q[rng.integers(k)] = tiny[(i + 2) % len(tiny)]
        yield f"tiny-k{k}-{i}", normalised(p), normalised(q)


def measures(p, q, base):
    lnb = math.log(BASES[base])
    kl_pq = rel_entr(p, q).sum() / lnb
    kl_qp = rel_entr(q, p).sum() / lnb
    js = jensenshannon(p, q, base=BASES[base]) ** 2
    m = 0.5 * (p + q)
    js_direct = (0.5 * rel_entr(p, m).sum() + 0.5 * rel_entr(q, m).sum()) / lnb
    assert abs(js - js_direct) <= 1e-12, (js, js_direct)
    return {
        "entropy_p": entropy(p, base=BASES[base]),
        "entropy_q": entropy(q, base=BASES[base]),
        "cross_entropy_pq": -xlogy(p, q).sum() / lnb,
        "cross_entropy_qp": -xlogy(q, p).sum() / lnb,
        "kl_pq": kl_pq,
        "kl_qp": kl_qp,
        "js": js,
    }


def main():
    rng = np.random.default_rng(20260101)
    keys = ["entropy_p", "entropy_q", "cross_entropy_pq", "cross_entropy_qp", "kl_pq", "kl_qp",
            "js"]
    with np.errstate(divide="ignore", invalid="ignore"):
        rows = []
        for name, p, q in cases(rng):
            for base in BASES:
                m = measures(p, q, base)
                rows.append([name, base, vec(p), vec(q)] + [fmt(m[k]) for k in keys])
    with open(os.path.join(HERE, "measures.tsv"), "w") as out:
        out.write(f"# numpy {np.__version__}, scipy {scipy.__version__}; see measures.py\n")
        out.write("\t".join(["case", "base", "p", "q"] + keys) + "\n")
        for r in rows:
            out.write("\t".join(r) + "\n")

    logits = [
        ("small", [1.0, 2.0, 3.0]),
        ("huge-positive", [1e300, 1e300 - 1e285, -1e300]),
        ("huge-mixed", [1e300, -1e300, 0.0, 5.0]),
        ("huge-negative", [-1e300, -1e300 + 1e285, -1e300]),
        ("masked", [2.0, float("-inf"), 0.5]),
        ("equal", [7.0, 7.0, 7.0, 7.0]),
        ("wide", [700.0, 710.0, -700.0]),
    ]
    for i in range(10):
        k = [2, 8, 50][i % 3]
        scale = [1.0, 30.0, 1e5][i % 3]
        logits.append((f"random-k{k}-{i}", list(rng.normal(0.0, scale, size=k))))
    with open(os.path.join(HERE, "softmax.tsv"), "w") as out:
        out.write(f"# numpy {np.__version__}, scipy {scipy.__version__}; see measures.py\n")
        out.write("case\tlogits\tlogsumexp\tsoftmax\tlog_softmax\n")
        for name, z in logits:
            z = np.asarray(z, dtype=np.float64)
            out.write("\t".join([name, vec(z), fmt(logsumexp(z)), vec(softmax(z)),
                                 vec(log_softmax(z))]) + "\n")


if __name__ == "__main__":
    main()
