package dev.entdist.trainer;

import java.util.Locale;

/**
 * What a fit allocates beyond its data, estimated before it starts. The parameters are P = F·K
 * weights plus K biases (F features, K labels); L-BFGS keeps 2·m correction vectors of length P
 * (Smile) beside about nine more (the point, the gradient, their previous values, the search
 * direction, the adapter's copies), Adam about six (point, gradient, two moments, best point,
 * full gradient). The objective keeps one residual per row and label, and one bias block per
 * thread.
 */
final class MemoryEstimate {

  private MemoryEstimate() {}

  /** Estimated bytes a fit with {@code config} allocates for this problem size. */
  static long bytes(long rows, long labels, long features, TrainerConfig.Optimizer optimizer,
      int lbfgsMemory, int threads) {
    long parameters = features * labels + labels;
    long vectors = optimizer == TrainerConfig.Optimizer.LBFGS ? 2L * lbfgsMemory + 9 : 6;
    double bytes = 8.0 * ((double) vectors * parameters + (double) rows * labels
        + (double) threads * labels);
    return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
  }

  /** The heap still available: the maximum minus what is in use now. */
  static long availableHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * Refuses a fit whose estimate exceeds {@code available} bytes.
   *
   * @throws InsufficientMemoryException naming the need, the heap and the ways out
   */
  static void check(CompactProblem p, TrainerConfig config, long available) {
    long need = bytes(p.n, p.k, p.f, config.optimizer(), config.lbfgsMemory(), config.threads());
    if (need <= available) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(config.optimizer().name().toLowerCase(Locale.ROOT)).append(" on ").append(p.n)
        .append(" rows x ").append(p.k).append(" labels x ").append(p.f)
        .append(" features (").append(p.parameters()).append(" parameters) needs about ")
        .append(size(need)).append(", but the Java heap has ").append(size(available))
        .append(" free: ");
    if (config.optimizer() == TrainerConfig.Optimizer.LBFGS) {
      long adam = bytes(p.n, p.k, p.f, TrainerConfig.Optimizer.ADAM, config.lbfgsMemory(),
          config.threads());
      sb.append("use --optimizer adam (about ").append(size(adam)).append("), ");
    }
    sb.append("fewer labels or features (merge rare labels, fewer --hash-bits), or a larger heap"
        + " (-Xmx, e.g. ENTDIST_JAVA_OPTS=-Xmx").append(Math.max(1, (need >> 30) * 2))
        .append("g for ./entdist)");
    throw new InsufficientMemoryException(sb.toString(), need, available);
  }

  /** Bytes as MB or GB with one decimal. */
  static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
  }
}
