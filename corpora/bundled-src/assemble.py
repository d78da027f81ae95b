#!/usr/bin/env python3
"""Builds the bundled corpus resources from the written sentences and the judging passes.

usage: assemble.py SRC_DIR OUT_DIR
  SRC_DIR/written/<word>.jsonl   the sentences: id, word, text, target, intended, cue
  SRC_DIR/judged/pass-N.jsonl    one judging pass: key, p (type -> probability), vote
  SRC_DIR/items/pass-N.keys.tsv  key -> sentence id for that pass
writes OUT_DIR/<word>.jsonl and OUT_DIR/index.txt.

Per occurrence: labels = the mean of the passes' probabilities (types with 0 mean dropped);
votes = how many passes voted for each type; n_annotators = number of passes. The writer's
intended type and cue category are kept as the extra fields writer_intent and cue; no pass saw
them. Offsets are code points (Python string indices).
"""
import json
import re
import sys
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(src, out):
    src, out = Path(src), Path(out)
    written = {}
    for f in sorted((src / "written").glob("*.jsonl")):
        for r in load_jsonl(f):
            written[r["id"]] = r
    judgements = defaultdict(list)  # id -> [(p, vote)]
    passes = sorted((src / "judged").glob("pass-*.jsonl"))
    for jf in passes:
        n = jf.stem
        keys = dict(line.rstrip("\n").split("\t")
                    for line in open(src / "items" / f"{n}.keys.tsv", encoding="utf-8"))
        seen = set()
        for j in load_jsonl(jf):
            sid = keys[j["key"]]
            if sid in seen:
                raise SystemExit(f"{jf}: {j['key']} judged twice")
            seen.add(sid)
            judgements[sid].append((j["p"], j["vote"]))
        missing = set(written) - seen
        if missing:
            raise SystemExit(f"{jf}: {len(missing)} sentences not judged, e.g. {sorted(missing)[:3]}")
    npasses = len(passes)
    by_word = defaultdict(list)
    for sid, r in written.items():
        m = list(re.finditer(r"\b" + re.escape(r["target"]) + r"\b", r["text"]))
        if len(m) != 1:
            raise SystemExit(f"{sid}: target found {len(m)} times")
        js = judgements[sid]
        # Exact mean of multiples of 0.05 (as fractions), then to float.
        total = defaultdict(Fraction)
        for p, _ in js:
            for t, v in p.items():
                total[t] += Fraction(str(v))
        labels = {t: float(v / npasses) for t, v in sorted(total.items()) if v > 0}
        votes = dict(sorted(Counter(v for _, v in js).items()))
        by_word[r["word"]].append({
            "id": sid, "text": r["text"], "target": r["target"],
            "start": m[0].start(), "end": m[0].end(),
            "labels": labels, "votes": votes, "n_annotators": npasses,
            "writer_intent": r["intended"], "cue": r["cue"],
        })
    out.mkdir(parents=True, exist_ok=True)
    for word, rows in sorted(by_word.items()):
        rows.sort(key=lambda x: x["id"])
        with open(out / f"{word}.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(out / "index.txt", "w", encoding="utf-8") as f:
        f.write("# one word a line: <word>.jsonl beside this file\n")
        for word in sorted(by_word):
            f.write(word + "\n")
    print(f"{sum(len(v) for v in by_word.values())} occurrences of {len(by_word)} words,"
          f" {npasses} judging passes -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
