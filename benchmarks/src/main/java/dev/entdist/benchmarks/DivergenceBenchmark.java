package dev.entdist.benchmarks;

import dev.entdist.divergence.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * KL(P‖Q) and Jensen–Shannon over one million pairs of rows of width K = 8, row-major, with
 * divergence-core's kernels (guarded log-ratios, compensated sums, +∞ for q = 0) against the
 * textbook loops. One operation is the whole batch; the result is the sum over rows, returned
 * so that nothing is optimised away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DivergenceBenchmark {

  /** Number of (P, Q) row pairs. */
  @Param("1000000")
  int rows;

  /** Width of a row: the number of outcomes. */
  @Param("8")
  int k;

  double[] p;
  double[] q;
  double[] out;

  /** Fills P and Q with seeded Dirichlet(1) rows (no zeros, so every variant is finite). */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20260101L);
    p = dirichletRows(random, rows, k);
    q = dirichletRows(random, rows, k);
    out = new double[rows];
  }

  static double[] dirichletRows(SplittableRandom random, int rows, int k) {
    double[] m = new double[rows * k];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        double e = -Math.log(1 - random.nextDouble());
        m[r * k + j] = e;
        s += e;
      }
      for (int j = 0; j < k; j++) {
        m[r * k + j] /= s;
      }
    }
    return m;
  }

  /** divergence-core: {@link Kernels#klDivergenceRows}. */
  @Benchmark
  public double klKernels() {
    Kernels.klDivergenceRows(p, q, k, out);
    return sum(out);
  }

  /** The textbook loop: Σ p·log(p/q) over p &gt; 0, nothing else. */
  @Benchmark
  public double klNaive() {
    for (int r = 0, off = 0; r < rows; r++, off += k) {
      double d = 0;
      for (int j = off; j < off + k; j++) {
        if (p[j] > 0) {
          d += p[j] * Math.log(p[j] / q[j]);
        }
      }
      out[r] = d;
    }
    return sum(out);
  }

  /** divergence-core: {@link Kernels#jensenShannonRows}. */
  @Benchmark
  public double jsKernels() {
    Kernels.jensenShannonRows(p, q, k, out);
    return sum(out);
  }

  /** The textbook loop: ½Σ p·log(p/m) + ½Σ q·log(q/m), m = (p+q)/2. */
  @Benchmark
  public double jsNaive() {
    for (int r = 0, off = 0; r < rows; r++, off += k) {
      double d = 0;
      for (int j = off; j < off + k; j++) {
        double m = 0.5 * (p[j] + q[j]);
        if (p[j] > 0) {
          d += 0.5 * p[j] * Math.log(p[j] / m);
        }
        if (q[j] > 0) {
          d += 0.5 * q[j] * Math.log(q[j] / m);
        }
      }
      out[r] = d;
    }
    return sum(out);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
