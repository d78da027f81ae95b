package dev.entdist.cli;

import dev.entdist.pipeline.Monitor;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Progress reports on stderr for every command: a progress bar when entdist runs in a terminal
 * ({@link System#console()} is present), plain {@code entdist: ...} lines otherwise (logs, pipes,
 * CI), nothing with {@code --quiet}. The system property {@code entdist.progress=bar|lines}
 * overrides the choice. Results never go through here: they belong on stdout.
 */
final class Progress {

  /** How progress is shown. */
  enum Mode {
    /** Nothing ({@code --quiet}). */
    QUIET,
    /** One line at the start and one at the end of each task. */
    LINES,
    /** A live progress bar. */
    BAR
  }

  /** In line mode, a running task reports at most this often. */
  private static final Duration LINE_INTERVAL = Duration.ofSeconds(10);

  private Progress() {}

  /** Prints one progress line on stderr unless {@code --quiet} was given. */
  static void note(CommandSpec spec, String line) {
    if (mode(spec) != Mode.QUIET) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("entdist: " + line);
      err.flush();
    }
  }

  /**
   * Prints a warning on stderr, also under {@code --quiet}: it is about the result, not the
   * progress.
   */
  static void warn(CommandSpec spec, String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("entdist: warning: " + line);
    err.flush();
  }

  /**
   * A task of {@code total} steps: a bar on a terminal, a start and an end line otherwise.
   *
   * @param spec the running command (for its stderr and {@code --quiet})
   * @param name what is being done, e.g. {@code analysing 1440 occurrences}
   * @param total number of steps ({@code step()} calls expected)
   */
  static Task task(CommandSpec spec, String name, long total) {
    return new Task(spec.commandLine().getErr(), mode(spec), name, total, null);
  }

  /**
   * A training run as a {@link ProgressListener}: the bar counts iterations (or epochs) and shows
   * the objective and max |gradient|; in line mode a line every 10 seconds and one at the end.
   */
  static Training training(CommandSpec spec, String name) {
    return training(spec, name, Training.ITERATIONS);
  }

  /**
   * A training run whose steps are called {@code unit} (e.g. {@code epochs} for Adam) in the
   * closing line.
   */
  static Training training(CommandSpec spec, String name, String unit) {
    return new Training(spec.commandLine().getErr(), mode(spec), name, unit, null);
  }

  /** The monitor of a running command: bars, lines or nothing, as {@link #mode} says. */
  static Monitor monitor(CommandSpec spec) {
    return new Monitor() {
      @Override
      public Task task(String name, long total) {
        return Progress.task(spec, name, total);
      }

      @Override
      public Training training(String name, String unit) {
        return Progress.training(spec, name, unit);
      }

      @Override
      public void note(String line) {
        Progress.note(spec, line);
      }
    };
  }

  /** The mode of the running command line. */
  static Mode mode(CommandSpec spec) {
    if (quiet(spec)) {
      return Mode.QUIET;
    }
    String forced = System.getProperty("entdist.progress", "");
    if (forced.equalsIgnoreCase("bar")) {
      return Mode.BAR;
    }
    if (forced.equalsIgnoreCase("lines")) {
      return Mode.LINES;
    }
    return System.console() != null ? Mode.BAR : Mode.LINES;
  }

  static boolean quiet(CommandSpec spec) {
    CommandSpec root = spec.root();
    ParseResult parsed = root.commandLine().getParseResult();
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--quiet")) {
        return true;
      }
    }
    return false;
  }

  /** A determinate task; close it when done (the bar is finished, the end line printed). */
  static class Task implements Monitor.Task {

    private final PrintWriter err;
    private final Mode mode;
    private final String name;
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos = startNanos;
    private long done;
    private long total;

    /**
     * @param consumer where the bar is drawn, or {@code null} for the terminal's stderr
     */
    Task(PrintWriter err, Mode mode, String name, long total, ProgressBarConsumer consumer) {
      this.err = err;
      this.mode = mode;
      this.name = name;
      this.total = total;
      if (mode == Mode.BAR) {
        bar = new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .setConsumer(consumer != null ? consumer : new ConsoleProgressBarConsumer(System.err))
            .build();
      } else {
        bar = null;
        if (mode == Mode.LINES) {
          line(name + " ...");
        }
      }
    }

    /** One step done. */
    void step() {
      stepBy(1);
    }

    /** {@code n} steps done. */
    @Override
    public void stepBy(long n) {
      done += n;
      if (bar != null) {
        bar.stepBy(n);
      } else if (mode == Mode.LINES && dueForLine()) {
        line(total < 0 ? String.format(Locale.ROOT, "%s: %d", name, done)
            : String.format(Locale.ROOT, "%s: %d/%d", name, done, total));
      }
    }

    /** Sets the bar to {@code n} steps done, with a short status after it. */
    void stepTo(long n, String status) {
      done = n;
      if (bar != null) {
        bar.stepTo(Math.min(n, bar.getMax()));
        bar.setExtraMessage(status);
      } else if (mode == Mode.LINES && dueForLine()) {
        line(String.format(Locale.ROOT, "%s: %d/%d %s", name, done, total, status));
      }
    }

    /** Seconds since the task started. */
    double seconds() {
      return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The line printed when the task closes, in line mode. */
    String summary() {
      return String.format(Locale.ROOT, "%s: done in %.1f s", name, seconds());
    }

    private boolean dueForLine() {
      long now = System.nanoTime();
      if (now - lastLineNanos >= LINE_INTERVAL.toNanos()) {
        lastLineNanos = now;
        return true;
      }
      return false;
    }

    final void line(String text) {
      err.println("entdist: " + text);
      err.flush();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      } else if (mode == Mode.LINES) {
        line(summary());
      }
    }
  }

  /** A training run: iterations on the bar, objective and gradient beside it. */
  static final class Training extends Task implements Monitor.Training {

    /** The unit of an L-BFGS run. */
    static final String ITERATIONS = "iterations";

    private final String unit;
    private int iterations;
    private double objective = Double.NaN;
    private double gradientMax = Double.NaN;

    Training(PrintWriter err, Mode mode, String name, ProgressBarConsumer consumer) {
      this(err, mode, name, ITERATIONS, consumer);
    }

    Training(PrintWriter err, Mode mode, String name, String unit, ProgressBarConsumer consumer) {
      super(err, mode, name, -1, consumer);
      this.unit = unit;
    }

    @Override
    public void onProgress(int iteration, int maxIterations, double objective, double gradientMax,
        double elapsedSeconds) {
      this.iterations = iteration;
      this.objective = objective;
      this.gradientMax = gradientMax;
      maxHint(maxIterations);
      stepTo(iteration, String.format(Locale.ROOT, "obj %.5f |g| %.1e",
          objective, gradientMax));
    }

    private void maxHint(int maxIterations) {
      super.total = maxIterations;
      ProgressBar b = super.bar;
      if (b != null && b.getMax() != maxIterations) {
        b.maxHint(maxIterations);
      }
    }

    @Override
    String summary() {
      return String.format(Locale.ROOT,
          "%s: %d %s, objective %.5f, max|g| %.2e, %.1f s", super.name, iterations, unit,
          objective, gradientMax, seconds());
    }
  }
}
