#!/usr/bin/env python3
"""A seeded, sense-like synthetic corpus in entdist's JSONL format, for held-out studies.

120 invented words (20 occurrences each by default) share a pool of 30 sense labels; each word
has four senses with probabilities 0.55 / 0.30 / 0.10 / 0.05, so a word's rarest senses are often
missing from a training split and show up only among held-out occurrences (what restricted
inventories must survive). A sentence carries a cue word of the true sense with probability 0.7 and is vague
otherwise; five simulated annotators each choose the true sense with probability 0.8 when there
is a cue and 0.4 when there is none, else one of the word's two common senses at random, and the
labels are the vote shares.

Usage: python3 scripts/synthetic_senses.py OUT.jsonl [--n 2400] [--seed 1]
Then: ./entdist corpus split OUT.jsonl --test-fraction 0.2 --seed 1 --out-dir DIR
"""
import argparse
import json
import random

SENSES = [f"s{j:02d}" for j in range(30)]
FILLER = ("we saw it there yesterday and talked about it for a while after the long day "
          "somebody mentioned that story again because nobody remembered it well").split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=2400)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    words = [f"zorb{c}{d}" for c in "abcdefghijkl" for d in "abcdefghij"]
    inventories = {w: rng.sample(SENSES, 4) for w in words}
    share = [0.55, 0.30, 0.10, 0.05]
    cues = {(w, s): [f"cue{w[-2:]}{s}{k}" for k in range(3)] for w in words for s in inventories[w]}
    with open(a.out, "w", encoding="utf-8") as f:
        for i in range(a.n):
            w = words[i % len(words)]
            inv = inventories[w]
            sense = rng.choices(inv, weights=share)[0]
            cue = rng.random() < 0.7
            body = rng.sample(FILLER, 6)
            if cue:
                body.insert(rng.randrange(len(body) + 1), rng.choice(cues[(w, sense)]))
            prefix = " ".join(body[:3]) + " the "
            text = prefix + w + " " + " ".join(body[3:]) + f" number {i}"
            votes = {}
            for _ in range(5):
                p = 0.8 if cue else 0.4
                v = sense if rng.random() < p else rng.choice(inv[:2])
                votes[v] = votes.get(v, 0) + 1
            start = len(prefix)
            f.write(json.dumps({"id": f"syn-{i}", "text": text, "target": w, "start": start,
                                "end": start + len(w), "votes": votes, "n_annotators": 5}) + "\n")


if __name__ == "__main__":
    main()
