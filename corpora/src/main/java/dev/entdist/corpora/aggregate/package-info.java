/**
 * Turning annotator-level answers into label distributions: majority vote, Dawid–Skene, one-coin
 * and MACE, each fitted deterministically from a majority-vote start. The result holds the
 * posterior of every occurrence and what each annotator looks like to the model.
 */
package dev.entdist.corpora.aggregate;
