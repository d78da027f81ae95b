package dev.entdist.trainer;

import dev.entdist.divergence.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of the L-BFGS objective (row pass + column pass of {@link KlObjective}) against
 * the memory bound of the work it must do: stream the CSR matrix once and touch each referenced
 * weight row once (read its K weights and multiply them by the entry, with the row pass's gather
 * loop {@link SoftmaxKernel#addGathered}), split into the same row blocks on the same number of
 * threads. The objective pass is reported as a multiple of {@link #bound}, and against {@link
 * #floor}, the arithmetic any objective pass must do.
 *
 * <p>It sits in the trainer's package to reach the package-private objective. The data is the
 * peers' format ({@code -p data=DIR}, the training split is read) or, by default, a seeded
 * synthetic matrix of the peers' small set's shape (20 000 rows, 2^16 buckets with a Zipf
 * popularity, ~31 non-zeros a row, K = 5).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObjectivePassBenchmark {

  private static final int ROW_BLOCK = 2048;
  private static final int COL_BLOCK = 4096;

  /** A directory in the peers' format, or empty for the synthetic matrix. */
  @Param("")
  String data;

  /** Threads for both the objective and the bound. */
  @Param("2")
  int threads;

  CompactProblem problem;
  KlObjective objective;
  double[] theta;
  double[] grad;
  ExecutorService pool;
  double[] blockSums;
  double[] columnSums;
  double[] residuals;

  /** Builds the problem and a seeded random point θ. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    TrainingData d = data.isEmpty() ? synthetic() : PeerFormat.readSplit(
        Path.of(data, "train"), PeerFormat.readMeta(Path.of(data)).nFeatures()).toTrainingData();
    problem = new CompactProblem(d, false);
    objective = new KlObjective(problem, 1e-3, threads);
    SplittableRandom r = new SplittableRandom(7);
    theta = new double[problem.parameters()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = r.nextDouble(-0.1, 0.1);
    }
    grad = new double[theta.length];
    pool = Executors.newFixedThreadPool(threads);
    blockSums = new double[(problem.n + ROW_BLOCK - 1) / ROW_BLOCK];
    columnSums = new double[(problem.f + COL_BLOCK - 1) / COL_BLOCK];
    residuals = new double[problem.n * problem.k];
    for (int q = 0; q < residuals.length; q++) {
      residuals[q] = r.nextDouble(-1, 1);
    }
  }

  /** Stops the threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    objective.close();
    pool.shutdownNow();
  }

  /** L(θ) and ∂L/∂θ: one row pass and one column pass. */
  @Benchmark
  public double objectivePass() {
    return objective.valueAndGradient(theta, grad);
  }

  /** The row pass alone (value and residuals). */
  @Benchmark
  public double rowPass() {
    return objective.value(theta);
  }

  /**
   * The bound: read every (column, value) of the CSR matrix once and the K weights of the row
   * each entry references, summing x·Σ_j θ[c·K + j] per block; blocks on {@code threads}.
   */
  @Benchmark
  public double bound() throws Exception {
    CompactProblem p = problem;
    int k = p.k;
    onThreads(blockSums.length, b -> {
      int lo = p.rowStart[b * ROW_BLOCK];
      int hi = p.rowStart[Math.min(p.n, (b + 1) * ROW_BLOCK)];
      // x·θ over every weight an entry references, with the row pass's own gather loop
      // (without its softmax or residual writes)
      double[] sums = new double[k];
      SoftmaxKernel.addGathered(p.cols, p.vals, lo, hi, theta, k, sums, 0);
      double s = 0;
      for (double v : sums) {
        s += v;
      }
      blockSums[b] = s;
    });
    double s = 0;
    for (double v : blockSums) {
      s += v;
    }
    return s;
  }

  /**
   * The arithmetic any objective pass must do, in the bound's long loops and without per-row
   * bookkeeping: the bound (the logits' nnz·K multiply-adds), K exponentials a row, and the
   * gradient's nnz·K multiply-adds (a stream of the matrix by column gathering K residuals an
   * entry). The gradient Xᵀ R has as many multiply-adds as the logits X W, so where the bound
   * is limited by arithmetic rather than memory no objective pass can come within 2× of it.
   */
  @Benchmark
  public double floor() throws Exception {
    CompactProblem p = problem;
    int k = p.k;
    double s = bound();
    int rowBlocks = blockSums.length;
    onThreads(rowBlocks, b -> {
      int lo = b * ROW_BLOCK * k;
      int hi = Math.min(p.n, (b + 1) * ROW_BLOCK) * k;
      double e = 0;
      for (int q = lo; q < hi; q++) {
        e += Math.exp(residuals[q]);
      }
      blockSums[b] = e;
    });
    int colBlocks = columnSums.length;
    onThreads(colBlocks, b -> {
      int lo = p.colStart[b * COL_BLOCK];
      int hi = p.colStart[Math.min(p.f, (b + 1) * COL_BLOCK)];
      double[] sums = new double[k];
      SoftmaxKernel.addGathered(p.colRows, p.colVals, lo, hi, residuals, k, sums, 0);
      double t = 0;
      for (double v : sums) {
        t += v;
      }
      columnSums[b] = t;
    });
    for (double v : blockSums) {
      s += v;
    }
    for (double v : columnSums) {
      s += v;
    }
    return s;
  }

  /** Runs {@code body} for every block on the benchmark's threads. */
  private void onThreads(int blocks, java.util.function.IntConsumer body) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
          body.accept(b);
        }
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
  }

  private static TrainingData synthetic() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 20000;
    int d = 1 << 16;
    int k = 5;
    List<SparseVector> rows = new ArrayList<>(n);
    double[][] y = new double[n][k];
    for (int i = 0; i < n; i++) {
      int m = 20 + r.nextInt(23);
      int[] idx = new int[m];
      double[] val = new double[m];
      for (int e = 0; e < m; e++) {
        // Zipf-like popularity: bucket = d^u - 1 for uniform u, scrambled
        int rank = (int) Math.pow(d, r.nextDouble()) - 1;
        idx[e] = (int) ((rank * 0x9E3779B1L) & (d - 1));
        val[e] = 1 + r.nextInt(3);
      }
      rows.add(SparseVector.of(idx, val));
      double s = 0;
      for (int j = 0; j < k; j++) {
        y[i][j] = r.nextInt(6);
        s += y[i][j];
      }
      if (s == 0) {
        y[i][0] = s = 1;
      }
      for (int j = 0; j < k; j++) {
        y[i][j] /= s;
      }
    }
    List<String> labels = List.of("a", "b", "c", "d", "e");
    return TrainingData.of(labels, rows, y, null, null);
  }
}
