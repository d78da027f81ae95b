#!/usr/bin/env python3
"""Statistics of the bundled corpus reported in its README.

usage: analyse.py BUNDLED_DIR   (the resource folder with <word>.jsonl)
Prints, per cue category the writer assigned, the mean label entropy and how often the
judges' majority type equals the writer's intended type; and per word the counts.
"""
import json
import math
import sys
from collections import defaultdict
from pathlib import Path


def entropy(p):
    return -sum(v * math.log(v) for v in p.values() if v > 0)


def main(folder):
    rows = []
    for f in sorted(Path(folder).glob("*.jsonl")):
        rows += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line]
    print(f"occurrences {len(rows)}")
    print(f"mean label entropy {sum(entropy(r['labels']) for r in rows) / len(rows):.4f} nats")
    print(f"not one-hot {sum(len(r['labels']) > 1 for r in rows) / len(rows):.3f}")
    print(f"all four votes agree {sum(max(r['votes'].values()) == r['n_annotators'] for r in rows) / len(rows):.3f}")
    by_cue = defaultdict(list)
    for r in rows:
        by_cue[r["cue"]].append(r)
    print("\n| writer's cue | occurrences | mean entropy (nats) | not one-hot | majority = writer's intent |")
    print("|---|---|---|---|---|")
    for cue in ["local", "distant", "suggestive", "vague"]:
        rs = by_cue[cue]
        intended = [r for r in rs if r["writer_intent"] != "none"]
        agree = sum(max(sorted(r["labels"]), key=r["labels"].get) == r["writer_intent"]
                    for r in intended)
        print(f"| {cue} | {len(rs)} | {sum(entropy(r['labels']) for r in rs) / len(rs):.3f} |"
              f" {sum(len(r['labels']) > 1 for r in rs) / len(rs):.3f} |"
              f" {agree}/{len(intended)} |")


if __name__ == "__main__":
    main(sys.argv[1])
