package dev.entdist.trainer;

/**
 * Where the weights of each feature sit in the parameter vector θ = [weights, bias (K)].
 *
 * <p>Dense: feature c has all K labels at {@code θ[c·K .. c·K+K)}. Restricted: feature c has only
 * the labels it can influence, {@code label[s]} for slots {@code s ∈ [start[c], start[c+1])},
 * increasing. With word inventories a (feature, label) weight can matter only if the feature
 * occurs in some row whose softmax includes the label; every other weight has gradient exactly
 * λ·W, so its optimum is 0 and leaving it out changes nothing (exact, not an approximation).
 */
final class WeightLayout {

  final int features;
  final int k;
  /** Slot range of each feature (length features + 1); {@code null} when dense. */
  final int[] start;
  /** The label of each slot; {@code null} when dense. */
  final int[] label;
  /** Number of weight slots, the offset of the bias in θ. */
  final int weights;

  private WeightLayout(int features, int k, int[] start, int[] label) {
    this.features = features;
    this.k = k;
    this.start = start;
    this.label = label;
    this.weights = label == null ? features * k : label.length;
  }

  /** All K labels for every feature. */
  static WeightLayout dense(int features, int k) {
    return new WeightLayout(features, k, null, null);
  }

  /**
   * The labels {@code allowed[c]} (increasing) for feature c; dense when every feature has
   * all K.
   */
  static WeightLayout of(int k, int[][] allowed) {
    int total = 0;
    for (int[] a : allowed) {
      total += a.length;
    }
    if (total == allowed.length * k) {
      return dense(allowed.length, k);
    }
    int[] start = new int[allowed.length + 1];
    int[] label = new int[total];
    for (int c = 0; c < allowed.length; c++) {
      start[c + 1] = start[c] + allowed[c].length;
      System.arraycopy(allowed[c], 0, label, start[c], allowed[c].length);
    }
    return new WeightLayout(allowed.length, k, start, label);
  }

  boolean dense() {
    return label == null;
  }

  /** Parameters: weight slots then K biases. */
  int parameters() {
    return weights + k;
  }

  /** The first slot of feature c. */
  int from(int c) {
    return label == null ? c * k : start[c];
  }

  /** One past the last slot of feature c. */
  int to(int c) {
    return label == null ? (c + 1) * k : start[c + 1];
  }

  /** The label of slot s of feature c. */
  int labelOf(int c, int s) {
    return label == null ? s - c * k : label[s];
  }

  /** The weights of θ as a dense features × K row-major matrix (0 where there is no slot). */
  double[] expand(double[] theta) {
    double[] w = new double[features * k];
    if (label == null) {
      System.arraycopy(theta, 0, w, 0, w.length);
      return w;
    }
    for (int c = 0; c < features; c++) {
      for (int s = start[c]; s < start[c + 1]; s++) {
        w[c * k + label[s]] = theta[s];
      }
    }
    return w;
  }

  /** θ from a dense features × K weight matrix and a bias (entries without a slot dropped). */
  double[] compact(double[] denseWeights, double[] bias) {
    double[] theta = new double[parameters()];
    for (int c = 0; c < features; c++) {
      for (int s = from(c); s < to(c); s++) {
        theta[s] = denseWeights[c * k + labelOf(c, s)];
      }
    }
    System.arraycopy(bias, 0, theta, weights, k);
    return theta;
  }
}
