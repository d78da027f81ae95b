package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.SoftmaxModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model's in-context predictions for every occurrence of a corpus: features from the model's
 * own feature configuration, each occurrence predicted with its lower-cased word (so the word's
 * inventory applies when the model restricts).
 */
final class CorpusPredictions {

  private CorpusPredictions() {}

  /**
   * One predicted distribution over {@code model.labels()} per occurrence, in corpus order.
   *
   * @param what the command, for the message when the model has no feature configuration
   */
  static double[][] predict(SoftmaxModel model, Path modelFile, Corpus corpus, int threads,
      String what) {
    List<SparseVector> vectors;
    try (FeaturePipeline pipeline = ModelFiles.pipeline(model, modelFile, what)) {
      vectors = pipeline.vectorize(corpus.examples(), threads);
    }
    List<String> words = new ArrayList<>(corpus.size());
    for (AnnotatedExample e : corpus.examples()) {
      words.add(e.word());
    }
    return model.predictAll(vectors, words);
  }

  /**
   * The annotated distributions over the model's labels, in corpus order.
   *
   * @throws UserException when the corpus uses labels the model does not know (their mass would
   *     silently vanish from the reference)
   */
  static double[][] references(SoftmaxModel model, Path modelFile, Corpus corpus) {
    Set<String> unknown = new TreeSet<>(corpus.labels());
    unknown.removeAll(model.labels());
    if (!unknown.isEmpty()) {
      throw new UserException("corpus " + corpus.source() + " has labels " + unknown
          + " that model " + modelFile + " was not trained on, so it cannot be evaluated"
          + " against them");
    }
    double[][] refs = new double[corpus.size()][];
    for (int i = 0; i < refs.length; i++) {
      refs[i] = corpus.examples().get(i).distributionOver(model.labels());
    }
    return refs;
  }
}
