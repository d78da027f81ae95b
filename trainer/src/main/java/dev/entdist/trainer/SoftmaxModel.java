package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import dev.entdist.divergence.SparseVector;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable, thread-safe softmax model: p(x) = softmax(W x + b) over the sorted labels, with
 * weight rows only for the features seen in training (other features contribute nothing).
 *
 * <p>With a restricted inventory, an occurrence of a word with a known inventory gets 1−δ of the
 * mass spread by the softmax over the inventory and the other labels share δ equally; an
 * unseen word (or {@code null}) uses the full softmax. It also carries the caller's opaque
 * feature configuration (JSON), per-word type-level summaries and its {@link Provenance}.
 */
public final class SoftmaxModel {

  private final List<String> labels;
  private final FeatureIndex index;
  private final double[] weights;
  private final double[] bias;
  private final Map<String, Set<String>> inventories;
  private final Map<String, boolean[]> masks;
  private final boolean restricted;
  private final double delta;
  private final String featureConfigJson;
  private final Map<String, double[]> wordSummaries;
  private final Provenance provenance;
  private final int featureDimension;

  SoftmaxModel(List<String> labels, FeatureIndex index, double[] weights, double[] bias,
      Map<String, Set<String>> inventories, boolean restricted, double delta,
      String featureConfigJson, Map<String, double[]> wordSummaries, Provenance provenance) {
    this(labels, index, weights, bias, inventories, restricted, delta, featureConfigJson,
        wordSummaries, provenance, 0);
  }

  SoftmaxModel(List<String> labels, FeatureIndex index, double[] weights, double[] bias,
      Map<String, Set<String>> inventories, boolean restricted, double delta,
      String featureConfigJson, Map<String, double[]> wordSummaries, Provenance provenance,
      int featureDimension) {
    if (featureDimension < 0 || (featureDimension > 0 && index.size() > 0
        && index.id(index.size() - 1) >= featureDimension)) {
      throw new IllegalArgumentException("feature dimension " + featureDimension
          + " does not hold the model's feature ids");
    }
    this.featureDimension = featureDimension;
    this.labels = TrainingData.checkLabels(labels);
    int k = labels.size();
    if (weights.length != (long) index.size() * k || bias.length != k) {
      throw new IllegalArgumentException("weights " + weights.length + " / bias " + bias.length
          + " do not fit " + index.size() + " features x " + k + " labels");
    }
    this.index = index;
    this.weights = weights;
    this.bias = bias;
    Map<String, Set<String>> inv = new TreeMap<>();
    Map<String, boolean[]> m = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : inventories.entrySet()) {
      boolean[] allowed = new boolean[k];
      int count = 0;
      for (String label : e.getValue()) {
        int j = Collections.binarySearch(this.labels, label);
        if (j < 0) {
          throw new IllegalArgumentException(
              "inventory of '" + e.getKey() + "' names unknown label '" + label + "'");
        }
        allowed[j] = true;
        count++;
      }
      if (count == 0) {
        throw new IllegalArgumentException("inventory of '" + e.getKey() + "' is empty");
      }
      inv.put(e.getKey(), Collections.unmodifiableSet(new TreeSet<>(e.getValue())));
      m.put(e.getKey(), allowed);
    }
    this.inventories = Collections.unmodifiableMap(inv);
    this.masks = m;
    this.restricted = restricted;
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta " + delta + " not in (0, 1)");
    }
    this.delta = delta;
    this.featureConfigJson = featureConfigJson;
    Map<String, double[]> ws = new TreeMap<>();
    for (Map.Entry<String, double[]> e : wordSummaries.entrySet()) {
      if (e.getValue().length != k) {
        throw new IllegalArgumentException("summary of '" + e.getKey() + "' has "
            + e.getValue().length + " values for " + k + " labels");
      }
      ws.put(e.getKey(), e.getValue().clone());
    }
    this.wordSummaries = ws;
    this.provenance = Objects.requireNonNull(provenance, "provenance");
  }

  /** The sorted label names (the columns of every prediction). */
  public List<String> labels() {
    return labels;
  }

  /** Number of features with a weight row. */
  public int numFeatures() {
    return index.size();
  }

  /**
   * The feature ids (original hash buckets or vocabulary ids) that have a row of weights, in
   * increasing order: every id for which {@link #weight} can be non-zero. A fresh copy.
   */
  public int[] featureIds() {
    return index.ids();
  }

  /** Whether predictions apply word inventories. */
  public boolean restricted() {
    return restricted;
  }

  /** The mass labels outside a word's inventory share when {@link #restricted()}. */
  public double delta() {
    return delta;
  }

  /**
   * The predicted distribution over {@link #labels()} for features {@code x} of an occurrence of
   * {@code word} (lower-cased; {@code null} when unknown).
   */
  public double[] predict(SparseVector x, String word) {
    int k = labels.size();
    double[] z = bias.clone();
    for (int e = 0; e < x.nnz(); e++) {
      int row = index.row(x.index(e));
      if (row >= 0) {
        double v = x.value(e);
        int off = row * k;
        for (int j = 0; j < k; j++) {
          z[j] += v * weights[off + j];
        }
      }
    }
    boolean[] allowed = restricted && word != null ? masks.get(word) : null;
    if (allowed == null) {
      Kernels.softmaxInPlace(z, 0, k);
      return z;
    }
    int inside = 0;
    for (boolean a : allowed) {
      inside += a ? 1 : 0;
    }
    if (inside == k) {
      Kernels.softmaxInPlace(z, 0, k);
      return z;
    }
    for (int j = 0; j < k; j++) {
      if (!allowed[j]) {
        z[j] = Double.NEGATIVE_INFINITY;
      }
    }
    Kernels.softmaxInPlace(z, 0, k);
    double outside = delta / (k - inside);
    for (int j = 0; j < k; j++) {
      z[j] = allowed[j] ? (1 - delta) * z[j] : outside;
    }
    return z;
  }

  /** {@link #predict} for each row; {@code words} may be {@code null} (no words). */
  public double[][] predictAll(List<SparseVector> xs, List<String> words) {
    if (words != null && words.size() != xs.size()) {
      throw new IllegalArgumentException(xs.size() + " rows but " + words.size() + " words");
    }
    double[][] out = new double[xs.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = predict(xs.get(i), words == null ? null : words.get(i));
    }
    return out;
  }

  /** Word → sorted labels seen with it in training. */
  public Map<String, Set<String>> inventoriesAsSets() {
    return inventories;
  }

  /** Word → labels seen with it in training, in label order. */
  public Map<String, List<String>> inventories() {
    Map<String, List<String>> out = new TreeMap<>();
    inventories.forEach((w, s) -> out.put(w, List.copyOf(s)));
    return Collections.unmodifiableMap(out);
  }

  /** The caller's feature configuration (opaque JSON), or {@code null}. */
  public String featureConfigJson() {
    return featureConfigJson;
  }

  /** Word → type-level distribution (mean prediction over its training occurrences); copies. */
  public Map<String, double[]> wordSummaries() {
    Map<String, double[]> out = new TreeMap<>();
    wordSummaries.forEach((w, d) -> out.put(w, d.clone()));
    return Collections.unmodifiableMap(out);
  }

  /** Where the model came from. */
  public Provenance provenance() {
    return provenance;
  }

  /** The weight of feature id {@code feature} (original id) for label {@code label}; 0 if unseen. */
  public double weight(int feature, int label) {
    int row = index.row(feature);
    return row < 0 ? 0.0 : weights[row * labels.size() + label];
  }

  /** The bias of label {@code label}. */
  public double bias(int label) {
    return bias[label];
  }

  /**
   * The number of feature ids the model was trained over (2^hash bits, a vocabulary's size, a
   * peer data set's {@code n_features}), or 0 when it was not recorded (older model files).
   */
  public int featureDimension() {
    return featureDimension;
  }

  /** A copy that records the feature dimension (see {@link #featureDimension()}). */
  public SoftmaxModel withFeatureDimension(int dimension) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta,
        featureConfigJson, wordSummaries, provenance, dimension);
  }

  /** A copy with the feature configuration attached. */
  public SoftmaxModel withFeatureConfigJson(String json) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta, json,
        wordSummaries, provenance, featureDimension);
  }

  /** A copy with these word summaries (word → distribution over the labels). */
  public SoftmaxModel withWordSummaries(Map<String, double[]> summaries) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta,
        featureConfigJson, summaries, provenance, featureDimension);
  }

  /** A copy with this provenance. */
  public SoftmaxModel withProvenance(Provenance p) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta,
        featureConfigJson, wordSummaries, p, featureDimension);
  }

  /** A copy whose provenance names the corpus checksum and the regime. */
  public SoftmaxModel withSource(String corpusChecksum, String regime) {
    return withProvenance(provenance.withCorpusChecksum(corpusChecksum).withRegime(regime));
  }

  // Raw views for ModelIo (never modified).
  FeatureIndex featureIndex() {
    return index;
  }

  double[] weightArray() {
    return weights;
  }

  double[] biasArray() {
    return bias;
  }

  @Override
  public String toString() {
    return "SoftmaxModel" + labels + " features=" + index.size() + " restricted=" + restricted
        + " " + Arrays.toString(bias);
  }
}
