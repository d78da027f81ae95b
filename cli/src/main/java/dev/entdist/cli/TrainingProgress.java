package dev.entdist.cli;

import dev.entdist.trainer.ProgressListener;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reports the optimiser's progress through {@link Progress}: the starting point, then at most one
 * line a second (iteration, objective, largest gradient entry, elapsed time), so a long fit shows
 * it is alive without flooding the terminal.
 */
final class TrainingProgress implements ProgressListener {

  private static final double INTERVAL_SECONDS = 1.0;

  private final CommandSpec spec;
  private final String unit;
  private double lastReport = Double.NEGATIVE_INFINITY;

  /**
   * @param spec the running command (for {@code --quiet} and stderr)
   * @param unit what one step is called: {@code iteration} or {@code epoch}
   */
  TrainingProgress(CommandSpec spec, String unit) {
    this.spec = spec;
    this.unit = unit;
  }

  @Override
  public void onProgress(int iteration, int maxIterations, double objective, double gradientMax,
      double elapsedSeconds) {
    if (iteration > 0 && elapsedSeconds - lastReport < INTERVAL_SECONDS) {
      return;
    }
    lastReport = elapsedSeconds;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %d/%d", unit,
        iteration, maxIterations));
    if (!Double.isNaN(objective)) {
      line.append(String.format(Locale.ROOT, "  objective %.6f", objective));
    }
    if (!Double.isNaN(gradientMax)) {
      line.append(String.format(Locale.ROOT, "  max|grad| %.2e", gradientMax));
    }
    line.append(String.format(Locale.ROOT, "  %.1fs", elapsedSeconds));
    Progress.note(spec, line.toString());
  }
}
