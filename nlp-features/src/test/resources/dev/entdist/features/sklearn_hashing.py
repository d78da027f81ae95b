#!/usr/bin/env python3
"""Reference buckets and signs for FeatureHasherTest, computed by scikit-learn.

Writes sklearn_hashing.tsv: feature, n_features, index, sign, as
sklearn.feature_extraction.FeatureHasher(n_features, input_type="string", alternate_sign=True)
maps one occurrence of the feature. Run: python3 sklearn_hashing.py > sklearn_hashing.tsv
"""
import sys

from sklearn.feature_extraction import FeatureHasher

FEATURES = [
    "form=cell", "lower=cell", "lemma=cell", "w[-1]=the", "w[+1]=membrane", "pos[+1]=NOUN",
    "pos[-2]=VERB", "bw=prison", "sl=biologist", "shape=Xx", "pre3=cel", "suf3=ell",
    "cap=title@first", "at=inner", "third=2", "w[-1]=<s>", "w[+2]=</s>", "lower=émile",
    "w[-1]=😀", "form=𝒳", "sl=naïve", "", "a", "lemma=new_york",
]

def main():
    out = sys.stdout
    out.write("feature\tn_features\tindex\tsign\n")
    for bits in (1, 10, 18, 20):
        n = 1 << bits
        hasher = FeatureHasher(n_features=n, input_type="string", alternate_sign=True)
        for f in FEATURES:
            row = hasher.transform([[f]]).tocsr()
            index = int(row.indices[0])
            sign = int(row.data[0])
            out.write(f"{f}\t{n}\t{index}\t{sign}\n")

if __name__ == "__main__":
    main()
