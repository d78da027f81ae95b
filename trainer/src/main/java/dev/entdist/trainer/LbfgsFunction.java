package dev.entdist.trainer;

/**
 * What {@link Lbfgs} minimises: a smooth function of {@link #parameters} parameters, evaluated
 * with its gradient in one call, and the means to run the optimiser's vector passes. The local
 * {@link KlObjective} runs them on its own threads; an objective whose sums are computed
 * elsewhere ({@link ShardedObjective}) on the driver's threads or in sequence.
 */
interface LbfgsFunction {

  /** n: the length of θ and of the gradient. */
  int parameters();

  /** f(θ); leaves ∂f/∂θ in {@code grad}. */
  double valueAndGradient(double[] theta, double[] grad);

  /**
   * Runs {@code body} once for every block 0..blocks−1, in any order and on any threads; returns
   * when all have run. The blocks write disjoint parts of their arrays, so the results do not
   * depend on how they are scheduled.
   */
  void run(int blocks, Block body);

  /** One block of work. */
  @FunctionalInterface
  interface Block {
    void run(int block);
  }
}
