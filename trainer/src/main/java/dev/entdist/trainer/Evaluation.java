package dev.entdist.trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Metrics of predicted distributions against reference distributions, each a mean over rows (in
 * nats), with the definitions of the peers' {@code evaluate.py}: KL is never clipped (a zero
 * prediction where the reference is positive gives +∞), 0·log 0 = 0, ties go to the first label.
 */
public final class Evaluation {

  /** Number of equal-width confidence bins of the expected calibration error. */
  public static final int ECE_BINS = 15;

  private Evaluation() {}

  /**
   * Every metric of the design.
   *
   * @param examples rows evaluated
   * @param meanKl mean KL(ref ‖ pred)
   * @param meanReverseKl mean KL(pred ‖ ref)
   * @param meanJs mean Jensen–Shannon divergence
   * @param crossEntropy mean H(ref, pred) = Σ ref·log(1/pred)
   * @param top1 fraction with argmax pred = argmax ref
   * @param meanEntropyPred mean H(pred)
   * @param meanEntropyRef mean H(ref)
   * @param ece expected calibration error: confidence max pred, correct = top-1, 15 bins on [0,1]
   * @param brier mean Σ_k (pred_k − ref_k)²
   * @param chebyshev mean max_k |ref − pred| (Geng 2016; lower is better)
   * @param clark mean sqrt(Σ (ref − pred)²/(ref + pred)²), terms with ref+pred = 0 count 0
   * @param canberra mean Σ |ref − pred|/(ref + pred), same convention
   * @param cosine mean ref·pred/(|ref||pred|) (higher is better)
   * @param intersection mean Σ min(ref, pred) (higher is better)
   * @param manhattan mean Σ |ref − pred|, the L1 distance (lower is better)
   * @param euclidean mean sqrt(Σ (ref − pred)²), the L2 distance (lower is better)
   */
  public record Metrics(
      int examples,
      double meanKl,
      double meanReverseKl,
      double meanJs,
      double crossEntropy,
      double top1,
      double meanEntropyPred,
      double meanEntropyRef,
      double ece,
      double brier,
      double chebyshev,
      double clark,
      double canberra,
      double cosine,
      double intersection,
      double manhattan,
      double euclidean) {

    /** The value of {@code metric}. */
    public double get(Metric metric) {
      return switch (metric) {
        case MEAN_KL -> meanKl;
        case MEAN_REVERSE_KL -> meanReverseKl;
        case MEAN_JS -> meanJs;
        case CROSS_ENTROPY -> crossEntropy;
        case TOP1 -> top1;
        case MEAN_ENTROPY_PRED -> meanEntropyPred;
        case MEAN_ENTROPY_REF -> meanEntropyRef;
        case ECE -> ece;
        case BRIER -> brier;
        case CHEBYSHEV -> chebyshev;
        case CLARK -> clark;
        case CANBERRA -> canberra;
        case COSINE -> cosine;
        case INTERSECTION -> intersection;
        case MANHATTAN -> manhattan;
        case EUCLIDEAN -> euclidean;
      };
    }

    /** The metrics under their snake_case JSON keys, in the design's order. */
    public Map<String, Double> toMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("examples", (double) examples);
      for (Metric metric : Metric.values()) {
        m.put(metric.key(), get(metric));
      }
      return Collections.unmodifiableMap(m);
    }
  }

  /**
   * Evaluates predictions against references, row by row.
   *
   * @param references reference distributions (rows of equal length K)
   * @param predictions predicted distributions, same shape
   * @throws IllegalArgumentException on a shape mismatch or no rows
   */
  public static Metrics evaluate(double[][] references, double[][] predictions) {
    return ScoredRows.of(references, predictions).metrics(null);
  }

  /**
   * The metrics of each word's rows: one entry per distinct word, most rows first (ties by word).
   *
   * @param words row i's word (lower-cased target); same length as the rows
   * @throws IllegalArgumentException on a shape mismatch, no rows or a {@code null} word
   */
  public static List<WordMetrics> byWord(double[][] references, double[][] predictions,
      List<String> words) {
    ScoredRows scored = ScoredRows.of(references, predictions);
    if (words.size() != scored.size()) {
      throw new IllegalArgumentException(scored.size() + " rows but " + words.size() + " words");
    }
    Map<String, int[]> masks = new TreeMap<>();
    for (int i = 0; i < words.size(); i++) {
      String w = Objects.requireNonNull(words.get(i), "word of row " + i);
      masks.computeIfAbsent(w, x -> new int[scored.size()])[i] = 1;
    }
    List<WordMetrics> out = new ArrayList<>();
    masks.forEach((w, mask) -> out.add(WordMetrics.of(w, scored.metrics(mask))));
    out.sort(Comparator.comparingInt(WordMetrics::examples).reversed()
        .thenComparing(WordMetrics::word));
    return List.copyOf(out);
  }
}
