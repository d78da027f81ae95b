package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;

/**
 * Every metric's contribution of each row of a prediction set, computed once, so that metrics of
 * any multiset of rows (all rows, one word's rows, a bootstrap resample) are weighted sums. Every
 * metric but the expected calibration error is a mean of row values; ECE keeps each row's
 * confidence bin, confidence and correctness.
 */
final class ScoredRows {

  // Row-value metrics, in Metric order without ECE.
  private static final Metric[] ADDITIVE = {
    Metric.MEAN_KL, Metric.MEAN_REVERSE_KL, Metric.MEAN_JS, Metric.CROSS_ENTROPY, Metric.TOP1,
    Metric.MEAN_ENTROPY_PRED, Metric.MEAN_ENTROPY_REF, Metric.BRIER, Metric.CHEBYSHEV,
    Metric.CLARK, Metric.CANBERRA, Metric.COSINE, Metric.INTERSECTION, Metric.MANHATTAN,
    Metric.EUCLIDEAN
  };

  private final int n;
  private final double[][] values; // [additive metric][row]
  private final int[] bin;
  private final double[] confidence;
  private final boolean[] correct;

  private ScoredRows(int n) {
    this.n = n;
    this.values = new double[ADDITIVE.length][n];
    this.bin = new int[n];
    this.confidence = new double[n];
    this.correct = new boolean[n];
  }

  /**
   * Scores each row of {@code predictions} against the same row of {@code references}.
   *
   * @throws IllegalArgumentException on a shape mismatch or no rows
   */
  static ScoredRows of(double[][] references, double[][] predictions) {
    int n = references.length;
    if (n == 0 || predictions.length != n) {
      throw new IllegalArgumentException(
          n + " reference rows but " + predictions.length + " prediction rows");
    }
    int k = references[0].length;
    ScoredRows s = new ScoredRows(n);
    for (int i = 0; i < n; i++) {
      double[] r = references[i];
      double[] p = predictions[i];
      if (r.length != k || p.length != k) {
        throw new IllegalArgumentException("row " + i + ": reference has " + r.length
            + " values, prediction " + p.length + ", expected " + k);
      }
      s.score(i, r, p, k);
    }
    return s;
  }

  private void score(int i, double[] r, double[] p, int k) {
    int predTop = Kernels.argmax(p, 0, k);
    correct[i] = predTop == Kernels.argmax(r, 0, k);
    confidence[i] = p[predTop];
    bin[i] = Math.min((int) (confidence[i] * Evaluation.ECE_BINS), Evaluation.ECE_BINS - 1);
    double maxDiff = 0, clarkSq = 0, canberra = 0, dot = 0, nr = 0, np = 0, minSum = 0;
    double sq = 0, abs = 0;
    for (int j = 0; j < k; j++) {
      double d = Math.abs(r[j] - p[j]);
      double s = r[j] + p[j];
      maxDiff = Math.max(maxDiff, d);
      sq += d * d;
      abs += d;
      if (s > 0) {
        clarkSq += (d / s) * (d / s);
        canberra += d / s;
      }
      dot += r[j] * p[j];
      nr += r[j] * r[j];
      np += p[j] * p[j];
      minSum += Math.min(r[j], p[j]);
    }
    double[] row = {
      Kernels.klDivergence(r, 0, p, 0, k), Kernels.klDivergence(p, 0, r, 0, k),
      Kernels.jensenShannon(r, 0, p, 0, k), Kernels.crossEntropy(r, 0, p, 0, k),
      correct[i] ? 1 : 0, Kernels.entropy(p, 0, k), Kernels.entropy(r, 0, k), sq, maxDiff,
      Math.sqrt(clarkSq), canberra, dot / (Math.sqrt(nr) * Math.sqrt(np)), minSum, abs,
      Math.sqrt(sq)
    };
    for (int m = 0; m < row.length; m++) {
      values[m][i] = row[m];
    }
  }

  /** Number of rows. */
  int size() {
    return n;
  }

  /**
   * The metrics of the multiset holding row i {@code counts[i]} times ({@code null}: each row
   * once).
   *
   * @throws IllegalArgumentException if the multiset is empty
   */
  Evaluation.Metrics metrics(int[] counts) {
    long total = 0;
    double[] sums = new double[ADDITIVE.length];
    double[] binConf = new double[Evaluation.ECE_BINS];
    double[] binCorrect = new double[Evaluation.ECE_BINS];
    long[] binCount = new long[Evaluation.ECE_BINS];
    for (int i = 0; i < n; i++) {
      int c = counts == null ? 1 : counts[i];
      if (c == 0) {
        continue;
      }
      total += c;
      for (int m = 0; m < sums.length; m++) {
        sums[m] += c * values[m][i];
      }
      binConf[bin[i]] += c * confidence[i];
      binCorrect[bin[i]] += correct[i] ? c : 0;
      binCount[bin[i]] += c;
    }
    if (total == 0) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    double ece = 0;
    for (int b = 0; b < Evaluation.ECE_BINS; b++) {
      if (binCount[b] > 0) {
        ece += ((double) binCount[b] / total)
            * Math.abs(binCorrect[b] / binCount[b] - binConf[b] / binCount[b]);
      }
    }
    double[] mean = new double[sums.length];
    for (int m = 0; m < sums.length; m++) {
      mean[m] = sums[m] / total;
    }
    return new Evaluation.Metrics((int) total, mean[0], mean[1], mean[2], mean[3], mean[4],
        mean[5], mean[6], ece, mean[7], mean[8], mean[9], mean[10], mean[11], mean[12], mean[13],
        mean[14]);
  }
}
