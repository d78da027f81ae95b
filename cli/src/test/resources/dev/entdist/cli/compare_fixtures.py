# Writes the two small hand-made corpora of the compare tests: compare-onehot.jsonl (every
# label one-hot, no votes) and compare-soft.jsonl (five votes each). Run: python3 compare_fixtures.py
import json, random
rnd = random.Random(7)
senses = {
  "bat": {"animal": ["A {a} bat flew out of the barn at dusk.", "The {a} bat hung upside down in the {p}.",
                     "We counted a {a} bat near the {p} last night.", "The {a} bat ate insects above the {p}."],
          "sports": ["He swung the {a} bat and hit the ball past the {p}.", "She bought a {a} bat for the match at the {p}.",
                     "The coach handed him a {a} bat before the game in the {p}.", "Her {a} bat cracked during practice at the {p}."]},
  "spring": {"season": ["The {a} spring brought flowers to the {p}.", "We planted seeds in the {a} spring near the {p}.",
                        "Birds return every {a} spring to the {p}.", "The {a} spring weather was mild by the {p}."],
             "water": ["They drank from a {a} spring beside the {p}.", "The {a} spring bubbled out of the rock near the {p}.",
                       "A {a} spring feeds the pond behind the {p}.", "Fresh water flows from the {a} spring under the {p}."]},
}
adj = ["small", "large", "quiet", "old", "new", "bright", "cold", "warm", "early", "late"]
places = ["garden", "valley", "field", "cave", "village", "park", "hill", "river", "farm", "school"]
def lines(soft):
    out = []
    n = 0
    for word, by in senses.items():
        labels = sorted(by)
        for sense, templates in by.items():
            for t in templates:
                for a in adj[:5]:
                    n += 1
                    text = t.format(a=a, p=rnd.choice(places))
                    start = text.index(word)
                    rec = {"id": f"{word}-{n}", "text": text, "target": word, "start": start, "end": start + len(word)}
                    if soft:
                        other = [l for l in labels if l != sense][0]
                        k = rnd.choice([0, 1, 1, 2])
                        votes = {sense: 5 - k}
                        if k:
                            votes[other] = k
                        rec["votes"] = votes
                        rec["labels"] = {l: v / 5 for l, v in votes.items()}
                        rec["n_annotators"] = 5
                    else:
                        rec["labels"] = {sense: 1.0}
                    out.append(json.dumps(rec))
    return out
open("compare-onehot.jsonl", "w").write("\n".join(lines(False)) + "\n")
open("compare-soft.jsonl", "w").write("\n".join(lines(True)) + "\n")
