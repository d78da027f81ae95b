package dev.entdist.trainer;

/**
 * Receives training progress: once per L-BFGS iteration or Adam epoch. Called on the training
 * thread; implementations should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * A listener that ignores every report; it does not {@linkplain #wantsObjective() want the
   * objective}, so Adam spares its per-epoch pass.
   */
  ProgressListener NONE = new ProgressListener() {
    @Override
    public void onProgress(int iteration, int maxIterations, double objective,
        double gradientMax, double elapsedSeconds) {}

    @Override
    public boolean wantsObjective() {
      return false;
    }
  };

  /**
   * Whether the reports need the objective and gradient at each step. L-BFGS has them anyway;
   * Adam computes them with a pass over every row after each epoch, about as long as the
   * epoch's own steps, and skips that pass when the listener does not want them (it then
   * reports NaN for both).
   */
  default boolean wantsObjective() {
    return true;
  }

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
