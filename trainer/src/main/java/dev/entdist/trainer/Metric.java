package dev.entdist.trainer;

/**
 * One metric of {@link Evaluation}: its snake_case JSON key and whether higher values are better.
 * The order of the constants is the order of {@link Evaluation.Metrics#toMap()} (after
 * {@code examples}).
 */
public enum Metric {
  MEAN_KL("mean_kl", false),
  MEAN_REVERSE_KL("mean_reverse_kl", false),
  MEAN_JS("mean_js", false),
  CROSS_ENTROPY("cross_entropy", false),
  TOP1("top1", true),
  MEAN_ENTROPY_PRED("mean_entropy_pred", false),
  MEAN_ENTROPY_REF("mean_entropy_ref", false),
  ECE("ece", false),
  BRIER("brier", false),
  CHEBYSHEV("chebyshev", false),
  CLARK("clark", false),
  CANBERRA("canberra", false),
  COSINE("cosine", true),
  INTERSECTION("intersection", true),
  MANHATTAN("manhattan", false),
  EUCLIDEAN("euclidean", false);

  private final String key;
  private final boolean higherIsBetter;

  Metric(String key, boolean higherIsBetter) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
  }

  /** The snake_case JSON key. */
  public String key() {
    return key;
  }

  /**
   * Whether a higher value means a better prediction. The two mean entropies describe how sure
   * predictions and references are; neither direction is better, and both say {@code false}.
   */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Whether the metric ranks predictions (every metric but the two mean entropies). */
  public boolean ranksPredictions() {
    return this != MEAN_ENTROPY_PRED && this != MEAN_ENTROPY_REF;
  }

  /** The metric with JSON key {@code key}. */
  public static Metric ofKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no metric '" + key + "'");
  }
}
