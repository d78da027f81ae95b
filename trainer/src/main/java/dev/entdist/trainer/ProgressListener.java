package dev.entdist.trainer;

/**
 * Receives training progress: once per L-BFGS iteration or Adam epoch. Called on the training
 * thread; implementations should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores every report. */
  ProgressListener NONE = (iteration, maxIterations, objective, gradientMax, elapsedSeconds) -> {};

  /**
   * One step finished.
   *
   * @param iteration L-BFGS iterations (or Adam epochs) done so far, 0 for the starting point
   * @param maxIterations the cap on {@code iteration}
   * @param objective the objective (KL form) at the current point
   * @param gradientMax max |∂L/∂θ| at the current point (NaN where not computed)
   * @param elapsedSeconds wall time since the optimisation started
   */
  void onProgress(
      int iteration, int maxIterations, double objective, double gradientMax,
      double elapsedSeconds);
}
