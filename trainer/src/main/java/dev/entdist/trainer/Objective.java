package dev.entdist.trainer;

/**
 * A differentiable training objective over θ = [W row-major (F rows of K), b (K)], as the
 * L-BFGS driver minimises it: the local {@code KlObjective}, or one whose sums
 * are computed elsewhere (on the partitions of a cluster, {@link ObjectiveShard}).
 */
public interface Objective {

  /** F: the compact feature rows of W. */
  int features();

  /** K: the labels. */
  int labels();

  /** L(θ). */
  double value(double[] theta);

  /**
   * ∂L/∂θ into {@code grad}; cheapest right after {@link #value} at the same θ, whose
   * intermediate results an implementation may reuse.
   */
  void gradient(double[] theta, double[] grad);

  /** Evaluations of L so far. */
  int evaluations();

  /** Root mean square of each compact feature over the weighted rows (1 for a zero column). */
  double[] featureScales();
}
