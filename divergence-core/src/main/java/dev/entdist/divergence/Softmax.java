package dev.entdist.divergence;

/**
 * Numerically stable softmax, log-softmax and log-sum-exp. Logits may be as large as ±1e300
 * (anything finite): every function shifts by the maximum first, so nothing overflows, and where
 * the naive formula exp(z)/Σexp(z) is finite the results agree with it.
 */
public final class Softmax {

  private Softmax() {}

  /** log Σ exp(z). */
  public static double logSumExp(double... logits) {
    requireNonEmpty(logits);
    return Kernels.logSumExp(logits, 0, logits.length);
  }

  /** softmax(z) as a new array; a logit of −∞ gets probability exactly 0. */
  public static double[] softmax(double... logits) {
    requireNonEmpty(logits);
    double[] p = logits.clone();
    Kernels.softmaxInPlace(p, 0, p.length);
    return p;
  }

  /** log softmax(z) = z − logSumExp(z), exact in log space (no log of a rounded 0). */
  public static double[] logSoftmax(double... logits) {
    double lse = logSumExp(logits);
    double[] out = new double[logits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = logits[i] - lse;
    }
    return out;
  }

  /** softmax(z) as a {@link Distribution}. */
  public static Distribution distribution(double... logits) {
    return Distribution.of(softmax(logits));
  }

  private static void requireNonEmpty(double[] logits) {
    if (logits.length == 0) {
      throw new IllegalArgumentException("softmax of an empty vector");
    }
    for (int i = 0; i < logits.length; i++) {
      if (Double.isNaN(logits[i])) {
        throw new IllegalArgumentException("logit at index " + i + " is NaN");
      }
    }
  }
}
