/**
 * The library API of entdist: a {@link dev.entdist.pipeline.TextModel} that reads text (query a
 * word, annotate a paragraph, predict a corpus), training from a corpus with the command line's
 * defaults ({@link dev.entdist.pipeline.Training}, {@link dev.entdist.pipeline.TrainSettings}),
 * and the comparison of label regimes with typed results ({@link
 * dev.entdist.pipeline.Comparison}). It composes corpora, features and trainer; the command line
 * and other front ends only parse, call and render.
 */
package dev.entdist.pipeline;
