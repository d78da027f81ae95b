package dev.entdist.divergence;

/**
 * Allocation-free kernels over rows of a row-major {@code double[]} (row {@code r} of width
 * {@code k} starts at {@code r * k}). All results are in nats. These are the hot-path forms of
 * {@link Divergences} and {@link Softmax}; they do not validate their input — callers pass
 * distributions that are already valid.
 *
 * <p>Conventions: 0·log 0 = 0 and 0·log(0/q) = 0; a term with p &gt; 0 and q = 0 makes KL and
 * cross-entropy +∞. No term is ever skipped silently.
 */
public final class Kernels {

  private static final double LN2 = Math.log(2.0);

  private Kernels() {}

  /** Entropy H(p) = Σ p·log(1/p) of {@code p[off..off+k)}; 0·log 0 = 0. */
  public static double entropy(double[] p, int off, int k) {
    double sum = 0;
    double comp = 0; // compensated: uniform over 10^5 outcomes stays log N to 1e-12
    for (int j = off, end = off + k; j < end; j++) {
      double pj = p[j];
      if (pj > 0) {
        double x = -pj * Math.log(pj);
        double t = sum + x;
        double v = t - sum;
        comp += (sum - (t - v)) + (x - v); // TwoSum: the exact rounding error of sum + x
        sum = t;
      }
    }
    return sum + comp;
  }

  /**
   * Cross-entropy H(p, q) = Σ p·log(1/q): +∞ when some p &gt; 0 has q = 0; terms with p = 0
   * contribute 0 whatever q is.
   */
  public static double crossEntropy(double[] p, int pOff, double[] q, int qOff, int k) {
    double sum = 0;
    double comp = 0;
    for (int j = 0; j < k; j++) {
      double pj = p[pOff + j];
      if (pj > 0) {
        double qj = q[qOff + j];
        if (qj <= 0) {
          return Double.POSITIVE_INFINITY;
        }
        double x = -pj * Math.log(qj);
        double t = sum + x;
        double v = t - sum;
        comp += (sum - (t - v)) + (x - v); // TwoSum: the exact rounding error of sum + x
        sum = t;
      }
    }
    return sum + comp;
  }

  /**
   * KL(p‖q) = Σ p·log(p/q), reference p, model q: +∞ when some p &gt; 0 has q = 0; terms with
   * p = 0 contribute 0. Each log(p/q) is computed so that it neither overflows (q down to the
   * subnormal range) nor loses the small difference when p ≈ q; the terms, of both signs, are
   * summed with compensation, and the result is clamped at 0 from below so that rounding never
   * yields a negative divergence.
   */
  public static double klDivergence(double[] p, int pOff, double[] q, int qOff, int k) {
    double sum = 0;
    double comp = 0;
    for (int j = 0; j < k; j++) {
      double pj = p[pOff + j];
      if (pj > 0) {
        double qj = q[qOff + j];
        if (qj <= 0) {
          return Double.POSITIVE_INFINITY;
        }
        double x = pj * logRatio(pj, qj);
        double t = sum + x;
        double v = t - sum;
        comp += (sum - (t - v)) + (x - v); // TwoSum: the exact rounding error of sum + x
        sum = t;
      }
    }
    double d = sum + comp;
    return d > 0 ? d : 0.0;
  }

  /**
   * log(a/b) for a, b &gt; 0, accurate where the plain quotient is not: near a = b (within 1/16)
   * it is log1p((a−b)/b), where a − b is exact, so the small difference is not lost to the
   * rounding of a/b; where a/b would overflow or fall below the normal range (b ≈ 1e-320) it is
   * log a − log b. Elsewhere it is log(a/b), whose relative error is then below 2e-15.
   */
  static double logRatio(double a, double b) {
    double r = a / b;
    if (r >= 0.9375 && r <= 1.0625) {
      return Math.log1p((a - b) / b);
    }
    if (r >= Double.MIN_NORMAL && r < Double.POSITIVE_INFINITY) {
      return Math.log(r);
    }
    return Math.log(a) - Math.log(b);
  }

  /**
   * KL(p‖softmax(z)) from logits, without forming log 0: Σ p·(log p − z) + logSumExp(z). Finite
   * whenever the logits are finite; clamped at 0 from below.
   */
  public static double klDivergenceFromLogits(
      double[] p, int pOff, double[] logits, int zOff, int k) {
    double lse = logSumExp(logits, zOff, k);
    double d = 0;
    for (int j = 0; j < k; j++) {
      double pj = p[pOff + j];
      if (pj > 0) {
        d += pj * (Math.log(pj) - (logits[zOff + j] - lse));
      }
    }
    return d > 0 ? d : 0.0;
  }

  /**
   * Jensen–Shannon divergence ½KL(p‖m) + ½KL(q‖m) with m = (p+q)/2: symmetric, finite, in
   * [0, log 2] (clamped there against rounding). SciPy's {@code jensenshannon} returns the square
   * root of this.
   */
  public static double jensenShannon(double[] p, int pOff, double[] q, int qOff, int k) {
    double sum = 0;
    double comp = 0;
    for (int j = 0; j < k; j++) {
      double pj = p[pOff + j];
      double qj = q[qOff + j];
      // log(p/m) = log(2p/(p+q)): no halving that would round a subnormal p to 0, and
      // logRatio keeps the precision both near p = q and for q far smaller than p.
      double pq = pj + qj;
      double x = 0;
      if (pj > 0) {
        x += 0.5 * pj * logRatio(2.0 * pj, pq);
      }
      if (qj > 0) {
        x += 0.5 * qj * logRatio(2.0 * qj, pq);
      }
      double t = sum + x;
      double v = t - sum;
      comp += (sum - (t - v)) + (x - v);
      sum = t;
    }
    double d = sum + comp;
    if (d < 0) {
      return 0.0;
    }
    return Math.min(d, LN2);
  }

  /** log Σ exp(z) without overflow: max + log Σ exp(z − max). −∞ when all z are −∞. */
  public static double logSumExp(double[] z, int off, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = off, end = off + k; j < end; j++) {
      if (z[j] > max) {
        max = z[j];
      }
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (int j = off, end = off + k; j < end; j++) {
      s += Math.exp(z[j] - max);
    }
    return max + Math.log(s);
  }

  /**
   * Replaces logits {@code z[off..off+k)} by softmax(z) in place, stably (max-shifted). A logit of
   * −∞ gets probability 0 (a masked outcome); at least one logit must be finite.
   */
  public static void softmaxInPlace(double[] z, int off, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = off, end = off + k; j < end; j++) {
      if (z[j] > max) {
        max = z[j];
      }
    }
    if (!(max > Double.NEGATIVE_INFINITY) || max == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("softmax needs at least one finite logit, max was " + max);
    }
    double s = 0;
    for (int j = off, end = off + k; j < end; j++) {
      double e = Math.exp(z[j] - max);
      z[j] = e;
      s += e;
    }
    double inv = 1.0 / s;
    for (int j = off, end = off + k; j < end; j++) {
      z[j] *= inv;
    }
  }

  /** Index (relative to {@code off}) of the largest value; ties go to the first. */
  public static int argmax(double[] v, int off, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (v[off + j] > v[off + best]) {
        best = j;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- many rows at once

  /**
   * Per-row KL(p_r‖q_r) of two row-major matrices with rows of width {@code k}, written to {@code
   * out[r]}; same conventions as {@link #klDivergence}.
   *
   * @return {@code out}, for chaining
   * @throws IllegalArgumentException if the shapes disagree
   */
  public static double[] klDivergenceRows(double[] p, double[] q, int k, double[] out) {
    int rows = rows(p, q, k, out);
    for (int r = 0, off = 0; r < rows; r++, off += k) {
      out[r] = klDivergence(p, off, q, off, k);
    }
    return out;
  }

  /** Per-row cross-entropy H(p_r, q_r); see {@link #klDivergenceRows} for shapes. */
  public static double[] crossEntropyRows(double[] p, double[] q, int k, double[] out) {
    int rows = rows(p, q, k, out);
    for (int r = 0, off = 0; r < rows; r++, off += k) {
      out[r] = crossEntropy(p, off, q, off, k);
    }
    return out;
  }

  /** Per-row Jensen–Shannon divergence; see {@link #klDivergenceRows} for shapes. */
  public static double[] jensenShannonRows(double[] p, double[] q, int k, double[] out) {
    int rows = rows(p, q, k, out);
    for (int r = 0, off = 0; r < rows; r++, off += k) {
      out[r] = jensenShannon(p, off, q, off, k);
    }
    return out;
  }

  /** Per-row entropy H(p_r) of a row-major matrix with rows of width {@code k}. */
  public static double[] entropyRows(double[] p, int k, double[] out) {
    int rows = rows(p, p, k, out);
    for (int r = 0, off = 0; r < rows; r++, off += k) {
      out[r] = entropy(p, off, k);
    }
    return out;
  }

  /** Per-row log-sum-exp of a row-major matrix of logits with rows of width {@code k}. */
  public static double[] logSumExpRows(double[] z, int k, double[] out) {
    int rows = rows(z, z, k, out);
    for (int r = 0, off = 0; r < rows; r++, off += k) {
      out[r] = logSumExp(z, off, k);
    }
    return out;
  }

  /** Replaces every row of width {@code k} of a row-major matrix of logits by its softmax. */
  public static void softmaxRowsInPlace(double[] z, int k) {
    if (k <= 0 || z.length % k != 0) {
      throw new IllegalArgumentException(
          "a row-major matrix of length " + z.length + " has no rows of width " + k);
    }
    for (int off = 0; off < z.length; off += k) {
      softmaxInPlace(z, off, k);
    }
  }

  private static int rows(double[] a, double[] b, int k, double[] out) {
    if (k <= 0 || a.length % k != 0) {
      throw new IllegalArgumentException(
          "a row-major matrix of length " + a.length + " has no rows of width " + k);
    }
    if (b.length != a.length) {
      throw new IllegalArgumentException(
          "matrices of different lengths: " + a.length + " and " + b.length);
    }
    int rows = a.length / k;
    if (out.length < rows) {
      throw new IllegalArgumentException(
          "output has room for " + out.length + " rows, need " + rows);
    }
    return rows;
  }
}
