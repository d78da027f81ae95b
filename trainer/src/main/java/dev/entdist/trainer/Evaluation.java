package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
      double intersection) {

    /** The metrics under their snake_case JSON keys, in the design's order. */
    public Map<String, Double> toMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("examples", (double) examples);
      m.put("mean_kl", meanKl);
      m.put("mean_reverse_kl", meanReverseKl);
      m.put("mean_js", meanJs);
      m.put("cross_entropy", crossEntropy);
      m.put("top1", top1);
      m.put("mean_entropy_pred", meanEntropyPred);
      m.put("mean_entropy_ref", meanEntropyRef);
      m.put("ece", ece);
      m.put("brier", brier);
      m.put("chebyshev", chebyshev);
      m.put("clark", clark);
      m.put("canberra", canberra);
      m.put("cosine", cosine);
      m.put("intersection", intersection);
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
    int n = references.length;
    if (n == 0 || predictions.length != n) {
      throw new IllegalArgumentException(
          n + " reference rows but " + predictions.length + " prediction rows");
    }
    int k = references[0].length;
    double kl = 0, rkl = 0, js = 0, ce = 0, top = 0, hp = 0, hr = 0, brier = 0;
    double cheb = 0, clark = 0, canb = 0, cos = 0, inter = 0;
    double[] binConf = new double[ECE_BINS];
    double[] binCorrect = new double[ECE_BINS];
    int[] binCount = new int[ECE_BINS];
    for (int i = 0; i < n; i++) {
      double[] r = references[i];
      double[] p = predictions[i];
      if (r.length != k || p.length != k) {
        throw new IllegalArgumentException("row " + i + ": reference has " + r.length
            + " values, prediction " + p.length + ", expected " + k);
      }
      kl += Kernels.klDivergence(r, 0, p, 0, k);
      rkl += Kernels.klDivergence(p, 0, r, 0, k);
      js += Kernels.jensenShannon(r, 0, p, 0, k);
      ce += Kernels.crossEntropy(r, 0, p, 0, k);
      hp += Kernels.entropy(p, 0, k);
      hr += Kernels.entropy(r, 0, k);
      int predTop = Kernels.argmax(p, 0, k);
      boolean correct = predTop == Kernels.argmax(r, 0, k);
      top += correct ? 1 : 0;
      double conf = p[predTop];
      int bin = Math.min((int) (conf * ECE_BINS), ECE_BINS - 1);
      binConf[bin] += conf;
      binCorrect[bin] += correct ? 1 : 0;
      binCount[bin]++;
      double maxDiff = 0, clarkSq = 0, canberraRow = 0, dot = 0, nr = 0, np = 0, minSum = 0;
      double sq = 0;
      for (int j = 0; j < k; j++) {
        double d = Math.abs(r[j] - p[j]);
        double s = r[j] + p[j];
        maxDiff = Math.max(maxDiff, d);
        sq += d * d;
        if (s > 0) {
          clarkSq += (d / s) * (d / s);
          canberraRow += d / s;
        }
        dot += r[j] * p[j];
        nr += r[j] * r[j];
        np += p[j] * p[j];
        minSum += Math.min(r[j], p[j]);
      }
      brier += sq;
      cheb += maxDiff;
      clark += Math.sqrt(clarkSq);
      canb += canberraRow;
      cos += dot / (Math.sqrt(nr) * Math.sqrt(np));
      inter += minSum;
    }
    double ece = 0;
    for (int b = 0; b < ECE_BINS; b++) {
      if (binCount[b] > 0) {
        ece += ((double) binCount[b] / n)
            * Math.abs(binCorrect[b] / binCount[b] - binConf[b] / binCount[b]);
      }
    }
    return new Metrics(n, kl / n, rkl / n, js / n, ce / n, top / n, hp / n, hr / n, ece,
        brier / n, cheb / n, clark / n, canb / n, cos / n, inter / n);
  }
}
