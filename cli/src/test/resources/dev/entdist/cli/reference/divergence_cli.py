#!/usr/bin/env python3
"""Expected `entdist divergence --json` values, computed independently with NumPy/SciPy.

Writes divergence_cli.tsv next to this script: the --p, --q and --base arguments as typed on
the command line, then the seven measures. The Java test runs the command in-process and
compares its JSON with these values to 1e-12; it never runs Python. Regenerate with:

    python3 divergence_cli.py

The inputs are parsed here from the same strings and, like entdist, renormalised only when
their sum is within 1e-6 of 1. scipy.stats.entropy would renormalise any input silently, and
scipy.spatial.distance.jensenshannon returns the square root of the divergence: it is squared.
"""
import math
import os

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr, xlogy
from scipy.stats import entropy

HERE = os.path.dirname(os.path.abspath(__file__))
BASES = {"e": math.e, "2": 2.0, "10": 10.0}
CASES = [
    ("0.9,0.1", "0.1,0.9", "e"),
    ("0.9,0.1", "0.1,0.9", "2"),
    ("0.9,0.1", "0.1,0.9", "10"),
    ("0.9,0.1", "1,0", "e"),
    ("0.5,0.5", "1,0", "2"),
    ("0.7,0.2,0.1", "0.5,0.5,0", "e"),
    ("0.25,0.25,0.25,0.25", "0.97,0.01,0.01,0.01", "2"),
    ("1,0,0", "0.2,0.3,0.5", "e"),
    ("0.3333333,0.3333333,0.3333334", "0.6,0.3,0.1", "10"),
    ("1e-300,1", "0.5,0.5", "e"),
    ("0.1,0.2,0.3,0.4", "0.4,0.3,0.2,0.1", "e"),
]


def fmt(x):
    x = float(x)
    if math.isinf(x):
        return "Infinity"
    return repr(x)


def parse(text):
    v = np.array([float(s) for s in text.split(",")], dtype=np.float64)
    assert abs(v.sum() - 1.0) <= 1e-6
    return v / v.sum() if v.sum() != 1.0 else v


def main():
    keys = ["kl_pq", "kl_qp", "cross_entropy_pq", "cross_entropy_qp", "entropy_p", "entropy_q",
            "js"]
    with open(os.path.join(HERE, "divergence_cli.tsv"), "w") as out:
        out.write(f"# numpy {np.__version__}, scipy {scipy.__version__}; see divergence_cli.py\n")
        out.write("\t".join(["p", "q", "base"] + keys) + "\n")
        with np.errstate(divide="ignore", invalid="ignore"):
            for p_text, q_text, base in CASES:
                p, q = parse(p_text), parse(q_text)
                b = BASES[base]
                lnb = math.log(b)
                values = [
                    rel_entr(p, q).sum() / lnb,
                    rel_entr(q, p).sum() / lnb,
                    -xlogy(p, q).sum() / lnb,
                    -xlogy(q, p).sum() / lnb,
                    entropy(p, base=b),
                    entropy(q, base=b),
                    jensenshannon(p, q, base=b) ** 2,
                ]
                out.write("\t".join([p_text, q_text, base] + [fmt(v) for v in values]) + "\n")


if __name__ == "__main__":
    main()
