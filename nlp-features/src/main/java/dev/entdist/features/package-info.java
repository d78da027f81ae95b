/**
 * Turns occurrences of ambiguous words into sparse context vectors: an OpenNLP analysis (sentences,
 * tokens, part-of-speech tags, lemmas) feeds small, named feature generators whose string features
 * are mapped to indices by signed hashing or by an explicit vocabulary. {@link
 * dev.entdist.features.FeatureConfig} is the value that fixes every choice, so a stored
 * configuration rebuilds exactly the features a model was trained on.
 */
package dev.entdist.features;
