#!/usr/bin/env python3
"""Prepares the items one judging pass sees: sentence, marked target, the word's inventory.

Each pass gets every written sentence in its own seeded shuffled order under opaque keys, and
nothing else: not the writer's intended type, not the cue category, not other passes' answers.

usage: make_judge_items.py WRITTEN_DIR OUT_DIR PASSES
writes OUT_DIR/pass-N.items.jsonl (what the judge sees) and OUT_DIR/pass-N.keys.tsv (key -> id,
kept away from the judge).
"""
import json
import random
import re
import sys
from pathlib import Path

INVENTORY = {
    "amazon": ["location", "organization"],
    "apple": ["food", "organization"],
    "bank": ["location", "organization"],
    "bass": ["animal", "music"],
    "cell": ["biology", "device", "facility"],
    "jaguar": ["animal", "vehicle"],
    "java": ["food", "location", "software"],
    "jordan": ["location", "person"],
    "mercury": ["celestial", "chemical", "person"],
    "mouse": ["animal", "device"],
    "python": ["animal", "software"],
    "washington": ["location", "person"],
}


def main(written_dir, out_dir, passes):
    rows = []
    for f in sorted(Path(written_dir).glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for n in range(1, passes + 1):
        rng = random.Random(1000 + n)
        order = rows[:]
        rng.shuffle(order)
        with open(out / f"pass-{n}.items.jsonl", "w", encoding="utf-8") as items, \
                open(out / f"pass-{n}.keys.tsv", "w", encoding="utf-8") as keys:
            for i, r in enumerate(order):
                key = f"p{n}-{i:04d}"
                m = re.search(r"\b" + re.escape(r["target"]) + r"\b", r["text"])
                marked = r["text"][: m.start()] + "[[" + r["target"] + "]]" + r["text"][m.end():]
                items.write(json.dumps({"key": key, "word": r["word"],
                                        "types": INVENTORY[r["word"]],
                                        "sentence": marked}, ensure_ascii=False) + "\n")
                keys.write(f"{key}\t{r['id']}\n")
    print(f"{len(rows)} items x {passes} passes -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
