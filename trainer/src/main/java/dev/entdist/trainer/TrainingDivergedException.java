package dev.entdist.trainer;

/**
 * The optimiser diverged: the objective or a parameter became NaN or infinite, so no model is
 * returned (and none can be saved). The message says where it happened and what to change.
 */
public final class TrainingDivergedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what diverged and what to try instead
   */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
