package dev.entdist.pipeline;

import dev.entdist.trainer.ProgressListener;

/**
 * Where long computations report their progress: a front end implements it (bars on a terminal,
 * lines in a log); the library never prints. {@link #SILENT} reports nothing.
 */
public interface Monitor {

  /** A determinate task; close it when done. */
  interface Task extends AutoCloseable {
    /** {@code n} more steps are done. */
    void stepBy(long n);

    @Override
    void close();
  }

  /** A training run: receives one report per iteration or epoch; close it when done. */
  interface Training extends ProgressListener, AutoCloseable {
    @Override
    void close();
  }

  /** Reports nothing. */
  Monitor SILENT = new Monitor() {
    @Override
    public Task task(String name, long total) {
      return new Task() {
        @Override
        public void stepBy(long n) {}

        @Override
        public void close() {}
      };
    }

    @Override
    public Training training(String name, String unit) {
      return new Training() {
        @Override
        public void onProgress(int iteration, int maxIterations, double objective,
            double gradientMax, double elapsedSeconds) {}

        @Override
        public void close() {}
      };
    }

    @Override
    public void note(String line) {}
  };

  /** A task of {@code total} steps called {@code name}. */
  Task task(String name, long total);

  /** A training run whose steps are called {@code unit} ({@code iterations} or {@code epochs}). */
  Training training(String name, String unit);

  /** A line worth telling the user (e.g. which λ grid is searched). */
  void note(String line);
}
