package dev.entdist.corpora.aggregate;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fitted aggregation: the posterior label distribution of every item, how the fit went, the
 * class prior and a quality table of the annotators. Immutable.
 */
public final class AggregationResult {

  private final AggregationMethod method;
  private final List<String> labels;
  private final double[] posteriors;
  private final double[] prior;
  private final int iterations;
  private final double logLikelihood;
  private final boolean converged;
  private final List<AnnotatorQuality> annotators;

  AggregationResult(AggregationMethod method, List<String> labels, double[] posteriors,
      double[] prior, int iterations, double logLikelihood, boolean converged,
      List<AnnotatorQuality> annotators) {
    this.method = method;
    this.labels = List.copyOf(labels);
    this.posteriors = posteriors.clone();
    this.prior = prior.clone();
    this.iterations = iterations;
    this.logLikelihood = logLikelihood;
    this.converged = converged;
    this.annotators = List.copyOf(annotators);
  }

  /** The method that produced this. */
  public AggregationMethod method() {
    return method;
  }

  /** The label order of posteriors, the prior and the confusion matrices (sorted). */
  public List<String> labels() {
    return labels;
  }

  /** Number of items. */
  public int items() {
    return posteriors.length / labels.size();
  }

  /** The posterior of item {@code i} over {@link #labels()} (a copy; sums to 1). */
  public double[] posterior(int item) {
    int k = labels.size();
    double[] p = new double[k];
    System.arraycopy(posteriors, item * k, p, 0, k);
    return p;
  }

  /** The posterior of item {@code i} as label → probability, without zero entries. */
  public Map<String, Double> posteriorMap(int item) {
    int k = labels.size();
    Map<String, Double> m = new TreeMap<>();
    for (int j = 0; j < k; j++) {
      double p = posteriors[item * k + j];
      if (p > 0) {
        m.put(labels.get(j), p);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The most probable label of item {@code i} (ties: first in label order). */
  public int argmax(int item) {
    int k = labels.size();
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (posteriors[item * k + j] > posteriors[item * k + best]) {
        best = j;
      }
    }
    return best;
  }

  /**
   * The prior over true labels: fitted by Dawid–Skene and one-coin, uniform for MACE, the
   * (smoothed) mean vote proportions for majority vote.
   */
  public List<Double> prior() {
    Double[] boxed = new Double[prior.length];
    for (int k = 0; k < prior.length; k++) {
      boxed[k] = prior[k];
    }
    return List.of(boxed);
  }

  /** EM iterations run (0 for majority vote). */
  public int iterations() {
    return iterations;
  }

  /**
   * The log-likelihood (nats) of all answers under the final parameters, the quantity whose
   * change the tolerance bounds; NaN for majority vote, which has no model.
   */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** Whether EM stopped by the tolerance rather than the cap (always true for majority vote). */
  public boolean converged() {
    return converged;
  }

  /** One row per annotator, sorted by id. */
  public List<AnnotatorQuality> annotators() {
    return annotators;
  }
}
