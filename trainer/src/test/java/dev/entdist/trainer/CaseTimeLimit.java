package dev.entdist.trainer;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs fuzz cases one at a time on a daemon worker thread, each under a time limit of {@value
 * #CASE_SECONDS} s, so an input that makes a reader loop forever fails its test (naming the case)
 * instead of hanging the build.
 */
final class CaseTimeLimit implements AutoCloseable {

  /** The time one case may take. */
  static final long CASE_SECONDS = 20;

  /** One fuzz case. */
  @FunctionalInterface
  interface Case {

    /** Runs the case. */
    void run() throws Exception;
  }

  private final ExecutorService worker;

  CaseTimeLimit(String name) {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code body}; what it throws is rethrown unchanged. {@code what} names the case in the
   * failure when the time limit passes.
   */
  void run(String what, Case body) throws Exception {
    Future<?> result = worker.submit(() -> {
      body.run();
      return null;
    });
    try {
      result.get(CASE_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new AssertionError(what + ": no result after " + CASE_SECONDS
          + " s (an infinite loop?)", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error er) {
        throw er;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
