package dev.entdist.corpora.aggregate;

/**
 * How the EM methods are fitted.
 *
 * @param maxIterations the iteration cap (one iteration: an M-step, then an E-step); ≥ 1
 * @param tolerance EM stops when the log-likelihood of the answers changed by at most {@code
 *     tolerance} per occurrence since the previous iteration; ≥ 0 (0: run to the cap)
 * @param smoothing pseudo-count added to every cell of the expected counts before they are
 *     normalised (confusion rows, class prior, MACE's spamming counts), so a label an annotator
 *     never gave keeps a small probability; ≥ 0
 */
public record AggregationSettings(int maxIterations, double tolerance, double smoothing) {

  /** The defaults: 100 iterations, tolerance 1e-6 per occurrence, smoothing 0.01. */
  public static final AggregationSettings DEFAULTS = new AggregationSettings(100, 1e-6, 0.01);

  /** Validates the values. */
  public AggregationSettings {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("max iterations must be >= 1, got " + maxIterations);
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
    }
    if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
      throw new IllegalArgumentException("smoothing must be finite and >= 0, got " + smoothing);
    }
  }
}
