package dev.entdist.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs numbered blocks of work on a fixed number of daemon threads (in the calling thread when
 * there is one): each thread takes the next block until none is left. Callers make every block
 * write its own part of the result, so the outcome does not depend on the thread count.
 */
final class BlockRunner implements AutoCloseable {

  private final ExecutorService pool;
  private final int threads;

  /** {@code threads} ≥ 1 workers named {@code name}. */
  BlockRunner(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** The worker threads. */
  int threads() {
    return threads;
  }

  /** Runs {@code body} for every block 0..blocks−1 and returns when all have run. */
  void run(int blocks, LbfgsFunction.Block body) {
    if (pool == null || blocks == 1) {
      for (int b = 0; b < blocks; b++) {
        body.run(b);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
          body.run(b);
        }
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("objective evaluation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("objective evaluation failed", e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
