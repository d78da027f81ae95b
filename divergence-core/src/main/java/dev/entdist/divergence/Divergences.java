package dev.entdist.divergence;

/**
 * Entropy, surprisal, cross-entropy, KL divergence (both directions) and Jensen–Shannon divergence
 * between {@link Distribution}s, in a chosen {@link LogBase}.
 *
 * <p>Argument order always reads as the mathematics: {@code klDivergence(reference, model)} is
 * KL(P‖Q) = Σ p·log(p/q), the expected extra surprise of scoring outcomes drawn from the
 * reference P with the model Q. Edge cases: 0·log 0 = 0; KL and cross-entropy are +∞ when the
 * reference gives mass to an outcome the model gives 0; KL is never negative; JS lies in
 * [0, log 2].
 */
public final class Divergences {

  private Divergences() {}

  /** Surprisal log(1/p) of an outcome with probability p ∈ [0, 1]; +∞ at p = 0. */
  public static double surprisal(double p, LogBase base) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability " + p + " outside [0, 1]");
    }
    return base.fromNats(-Math.log(p));
  }

  /** Entropy H(P) = Σ p·log(1/p): 0 for a one-hot P, log N for the uniform one. */
  public static double entropy(Distribution p, LogBase base) {
    double[] a = p.toArray();
    return base.fromNats(Kernels.entropy(a, 0, a.length));
  }

  /** Entropy in nats. */
  public static double entropy(Distribution p) {
    return entropy(p, LogBase.E);
  }

  /** Cross-entropy H(P, Q) = Σ p·log(1/q) = H(P) + KL(P‖Q). */
  public static double crossEntropy(Distribution reference, Distribution model, LogBase base) {
    requireSameSize(reference, model);
    double[] p = reference.toArray();
    double[] q = model.toArray();
    return base.fromNats(Kernels.crossEntropy(p, 0, q, 0, p.length));
  }

  /** KL(P‖Q) = Σ p·log(p/q), reference P, model Q. */
  public static double klDivergence(Distribution reference, Distribution model, LogBase base) {
    requireSameSize(reference, model);
    double[] p = reference.toArray();
    double[] q = model.toArray();
    return base.fromNats(Kernels.klDivergence(p, 0, q, 0, p.length));
  }

  /** KL(P‖Q) in nats. */
  public static double klDivergence(Distribution reference, Distribution model) {
    return klDivergence(reference, model, LogBase.E);
  }

  /**
   * Reverse KL, KL(Q‖P): the model's view, "mode-seeking". Equal to {@code klDivergence(model,
   * reference, base)}; named so callers never swap the arguments by accident.
   */
  public static double reverseKlDivergence(
      Distribution reference, Distribution model, LogBase base) {
    return klDivergence(model, reference, base);
  }

  /** Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M), M = (P+Q)/2; symmetric, ≤ log 2. */
  public static double jensenShannon(Distribution p, Distribution q, LogBase base) {
    requireSameSize(p, q);
    double[] a = p.toArray();
    double[] b = q.toArray();
    return base.fromNats(Kernels.jensenShannon(a, 0, b, 0, a.length));
  }

  private static void requireSameSize(Distribution a, Distribution b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException(
          "distributions have different sizes: " + a.size() + " and " + b.size());
    }
  }
}
