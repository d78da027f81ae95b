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
 * mass spread by the softmax over the inventory and the other labels share δ equally; with an
 * {@link #unrestrictedWeight() unrestricted weight} α > 0 it gets instead (1−α)·(the softmax over
 * the inventory) + α·(the softmax over all labels), so labels outside the inventory keep the
 * order the features give them. An unseen word (or {@code null}) uses the full softmax.
 *
 * <p>A {@link #temperature() temperature} T divides every logit before the softmax (T = 1 as
 * trained; {@link TemperatureScaling} fits it on held-out data). The model also records the
 * labels it knows that had no training mass, the caller's opaque feature configuration (JSON),
 * per-word type-level summaries and its {@link Provenance}.
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
  private final Adjustments adjustments;

  /**
   * What is set on a model after its weights: the temperature, the weight of the unrestricted
   * softmax in restricted predictions (0: the δ rule) and the labels without training mass.
   */
  record Adjustments(double temperature, double unrestrictedWeight,
      Set<String> labelsWithoutMass) {

    static final Adjustments NONE = new Adjustments(1.0, 0.0, Set.of());

    Adjustments {
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException("temperature " + temperature + " is not positive");
      }
      if (!(unrestrictedWeight >= 0 && unrestrictedWeight <= 1)) {
        throw new IllegalArgumentException(
            "unrestricted weight " + unrestrictedWeight + " not in [0, 1]");
      }
      labelsWithoutMass = Collections.unmodifiableSet(new TreeSet<>(labelsWithoutMass));
    }
  }
  private final int featureDimension;

  SoftmaxModel(List<String> labels, FeatureIndex index, double[] weights, double[] bias,
      Map<String, Set<String>> inventories, boolean restricted, double delta,
      String featureConfigJson, Map<String, double[]> wordSummaries, Provenance provenance) {
    this(labels, index, weights, bias, inventories, restricted, delta, featureConfigJson,
        wordSummaries, provenance, 0, Adjustments.NONE);
  }

  SoftmaxModel(List<String> labels, FeatureIndex index, double[] weights, double[] bias,
      Map<String, Set<String>> inventories, boolean restricted, double delta,
      String featureConfigJson, Map<String, double[]> wordSummaries, Provenance provenance,
      int featureDimension) {
    this(labels, index, weights, bias, inventories, restricted, delta, featureConfigJson,
        wordSummaries, provenance, featureDimension, Adjustments.NONE);
  }

  SoftmaxModel(List<String> labels, FeatureIndex index, double[] weights, double[] bias,
      Map<String, Set<String>> inventories, boolean restricted, double delta,
      String featureConfigJson, Map<String, double[]> wordSummaries, Provenance provenance,
      int featureDimension, Adjustments adjustments) {
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
    for (String label : adjustments.labelsWithoutMass()) {
      if (Collections.binarySearch(this.labels, label) < 0) {
        throw new IllegalArgumentException("label without mass '" + label + "' is not a label");
      }
    }
    this.adjustments = adjustments;
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

  /** The temperature that divides every logit (1 unless calibrated). */
  public double temperature() {
    return adjustments.temperature();
  }

  /**
   * The weight α of the softmax over all labels in a restricted prediction; 0 means the δ rule
   * (labels outside the inventory share δ equally).
   */
  public double unrestrictedWeight() {
    return adjustments.unrestrictedWeight();
  }

  /**
   * The labels the model knows that had no mass in any training target (declared labels); the
   * model gives them little probability. Empty for models written before format 2.
   */
  public Set<String> labelsWithoutMass() {
    return adjustments.labelsWithoutMass();
  }

  /**
   * The predicted distribution over {@link #labels()} for features {@code x} of an occurrence of
   * {@code word} (lower-cased; {@code null} when unknown), at the model's temperature.
   */
  public double[] predict(SparseVector x, String word) {
    return distribution(logits(x), word, adjustments.temperature(),
        adjustments.unrestrictedWeight());
  }

  /** The logits W x + b, before temperature and inventory. */
  double[] logits(SparseVector x) {
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
    return z;
  }

  /**
   * The distribution for logits {@code logits} (not modified) of an occurrence of {@code word}
   * at temperature {@code temperature} with unrestricted weight {@code alpha}.
   */
  double[] distribution(double[] logits, String word, double temperature, double alpha) {
    int k = labels.size();
    double[] z = new double[k];
    for (int j = 0; j < k; j++) {
      z[j] = logits[j] / temperature;
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
    double[] full = null;
    if (alpha > 0) {
      full = z.clone();
      Kernels.softmaxInPlace(full, 0, k);
    }
    for (int j = 0; j < k; j++) {
      if (!allowed[j]) {
        z[j] = Double.NEGATIVE_INFINITY;
      }
    }
    Kernels.softmaxInPlace(z, 0, k);
    if (full != null) {
      for (int j = 0; j < k; j++) {
        z[j] = (1 - alpha) * z[j] + alpha * full[j];
      }
      return z;
    }
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
        featureConfigJson, wordSummaries, provenance, dimension, adjustments);
  }

  /** A copy with the feature configuration attached. */
  public SoftmaxModel withFeatureConfigJson(String json) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta, json,
        wordSummaries, provenance, featureDimension, adjustments);
  }

  /** A copy with these word summaries (word → distribution over the labels). */
  public SoftmaxModel withWordSummaries(Map<String, double[]> summaries) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta,
        featureConfigJson, summaries, provenance, featureDimension, adjustments);
  }

  /** A copy with this provenance. */
  public SoftmaxModel withProvenance(Provenance p) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta,
        featureConfigJson, wordSummaries, p, featureDimension, adjustments);
  }

  /**
   * A copy that divides every logit by {@code t} (the word summaries are kept as they are: they
   * describe the training occurrences at the temperature they were computed with).
   *
   * @throws IllegalArgumentException unless t is positive and finite
   */
  public SoftmaxModel withTemperature(double t) {
    return with(new Adjustments(t, adjustments.unrestrictedWeight(),
        adjustments.labelsWithoutMass()));
  }

  /**
   * A copy whose restricted predictions mix in the softmax over all labels with weight
   * {@code alpha} (0: the δ rule).
   *
   * @throws IllegalArgumentException unless 0 ≤ alpha ≤ 1
   */
  public SoftmaxModel withUnrestrictedWeight(double alpha) {
    return with(new Adjustments(adjustments.temperature(), alpha,
        adjustments.labelsWithoutMass()));
  }

  /**
   * A copy that records {@code names} as the labels without training mass.
   *
   * @throws IllegalArgumentException if one is not a label of the model
   */
  public SoftmaxModel withLabelsWithoutMass(Set<String> names) {
    return with(new Adjustments(adjustments.temperature(), adjustments.unrestrictedWeight(),
        names));
  }

  private SoftmaxModel with(Adjustments a) {
    return new SoftmaxModel(labels, index, weights, bias, inventories, restricted, delta,
        featureConfigJson, wordSummaries, provenance, featureDimension, a);
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
