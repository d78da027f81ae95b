package dev.entdist.trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ProgressListener} that keeps one record per L-BFGS iteration or Adam epoch (and passes
 * every report on to another listener), so that solvers can be compared by the time they take to
 * reach the same objective. {@link #writeCsv} writes the records with the header
 * {@value #HEADER}. Not thread-safe: a trainer reports from one thread.
 */
public final class TraceListener implements ProgressListener {

  /** The CSV header of {@link #writeCsv}. */
  public static final String HEADER = "iteration,objective,gradient_max,seconds";

  /**
   * One report.
   *
   * @param iteration iterations (or epochs) done, 0 for the starting point
   * @param objective the objective (KL form) at that point; NaN where the optimiser does not
   *     compute it (streamed Adam's epochs)
   * @param gradientMax max |∂L/∂θ| at that point, NaN where not computed
   * @param seconds wall time since the fit started
   */
  public record Record(int iteration, double objective, double gradientMax, double seconds) {}

  private final ProgressListener next;
  private final List<Record> records = new ArrayList<>();

  /** A trace that passes each report on to {@code next} ({@link ProgressListener#NONE} for none). */
  public TraceListener(ProgressListener next) {
    this.next = next == null ? ProgressListener.NONE : next;
  }

  @Override
  public void onProgress(int iteration, int maxIterations, double objective, double gradientMax,
      double elapsedSeconds) {
    records.add(new Record(iteration, objective, gradientMax, elapsedSeconds));
    next.onProgress(iteration, maxIterations, objective, gradientMax, elapsedSeconds);
  }

  /** The records so far, in the order reported. */
  public List<Record> records() {
    return List.copyOf(records);
  }

  /**
   * Writes the records as CSV ({@value #HEADER}, numbers in full precision, NaN as {@code NaN})
   * to a temporary file beside {@code file}, then moves it into place atomically.
   *
   * @throws IOException if writing or moving fails; {@code file} is then left untouched
   */
  public void writeCsv(Path file) throws IOException {
    writeCsv(records, file);
  }

  /**
   * Writes {@code records} as CSV ({@value #HEADER}) atomically, as {@link #writeCsv(Path)}.
   *
   * @throws IOException if writing or moving fails; {@code file} is then left untouched
   */
  public static void writeCsv(List<Record> records, Path file) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Record r : records) {
      sb.append(r.iteration()).append(',').append(r.objective()).append(',')
          .append(r.gradientMax()).append(',')
          .append(String.format(Locale.ROOT, "%.6f", r.seconds())).append('\n');
    }
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
