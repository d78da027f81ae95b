/**
 * Annotated occurrences of ambiguous words with label distributions, the corpus formats that carry
 * them (JSONL, multi-annotator CoNLL/BIO, OpenNLP name samples), the corpus-level label regimes
 * and the corpus bundled inside the jar. Bad input raises {@link
 * dev.entdist.corpora.CorpusFormatException} naming the source, line and field.
 */
package dev.entdist.corpora;
