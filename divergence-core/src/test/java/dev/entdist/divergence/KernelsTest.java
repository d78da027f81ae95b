package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Row kernels: conventions at the edges, and batch forms equal to the one-row forms. */
class KernelsTest {

  @Test
  void zeroTimesLogZeroIsZero() {
    double[] p = {0.5, 0.5, 0.0};
    double[] q = {0.25, 0.75, 0.0};
    assertEquals(Math.log(2), Kernels.entropy(p, 0, 3), 1e-15);
    assertTrue(Double.isFinite(Kernels.klDivergence(p, 0, q, 0, 3)));
    assertTrue(Double.isFinite(Kernels.crossEntropy(p, 0, q, 0, 3)));
  }

  @Test
  void modelZeroWhereReferenceHasMassIsInfiniteNeverSkipped() {
    double[] p = {0.5, 0.5};
    double[] q = {1.0, 0.0};
    assertEquals(Double.POSITIVE_INFINITY, Kernels.klDivergence(p, 0, q, 0, 2));
    assertEquals(Double.POSITIVE_INFINITY, Kernels.crossEntropy(p, 0, q, 0, 2));
    assertEquals(Math.log(2), Kernels.klDivergence(q, 0, p, 0, 2), 1e-15, "the other way");
  }

  @Test
  void disjointSupportsHaveTheMaximalJensenShannon() {
    double[] p = {1, 0, 0, 0};
    double[] q = {0, 0.5, 0.5, 0};
    assertEquals(Math.log(2), Kernels.jensenShannon(p, 0, q, 0, 4));
  }

  @Test
  void klOfTinyAndSubnormalModelProbabilitiesDoesNotOverflow() {
    // p/q = 0.5/1e-310 overflows; the value is 0.5·(log 0.5 − log 1e-310) + 0.5·log(0.5/1).
    double[] p = {0.5, 0.5};
    double[] q = {1e-310, 1.0};
    double expected = 0.5 * (Math.log(0.5) - Math.log(1e-310)) + 0.5 * Math.log(0.5);
    assertEquals(expected, Kernels.klDivergence(p, 0, q, 0, 2), 1e-12 * expected);
  }

  @Test
  void jensenShannonKeepsSubnormalMass() {
    // Halving Double.MIN_VALUE rounds to 0, which made log(p/m) infinite.
    double[] p = {Double.MIN_VALUE, 1.0};
    double[] q = {0.0, 1.0};
    double js = Kernels.jensenShannon(p, 0, q, 0, 2);
    assertTrue(js >= 0 && js < 1e-300, "JS of a subnormal difference, was " + js);
  }

  @Test
  void klOfNearlyEqualDistributionsKeepsItsDigits() {
    // P and Q sum to exactly 1 and differ by d = 2^-30; KL = (8/3)·d² up to a relative O(d).
    // A plain Σ p·log(p/q) gives −2.5e-17 here (negative, ten times too large): log(p/q)
    // carries an absolute error of ~1e-16 while KL itself is 2.3e-18.
    double d = Math.scalb(1.0, -30);
    double[] p = {0.25 + d, 0.75 - d};
    double[] q = {0.25, 0.75};
    double expected = 8.0 / 3.0 * d * d;
    assertEquals(expected, Kernels.klDivergence(p, 0, q, 0, 2), 1e-6 * expected);
  }

  @Test
  void klFromLogitsEqualsKlOfTheSoftmax() {
    double[] p = {0.2, 0.0, 0.8};
    double[] z = {1.0, -3.0, 2.5};
    double[] q = z.clone();
    Kernels.softmaxInPlace(q, 0, 3);
    assertEquals(Kernels.klDivergence(p, 0, q, 0, 3),
        Kernels.klDivergenceFromLogits(p, 0, z, 0, 3), 1e-15);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 8, 33})
  void batchRowsEqualOneRowAtATime(int k) {
    SplittableRandom random = new SplittableRandom(k);
    RandomDistributions distributions = new RandomDistributions(k);
    int rows = 257;
    double[] p = new double[rows * k];
    double[] q = new double[rows * k];
    double[] z = new double[rows * k];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(distributions.next(k), 0, p, r * k, k);
      System.arraycopy(distributions.next(k), 0, q, r * k, k);
      for (int j = 0; j < k; j++) {
        z[r * k + j] = random.nextGaussian() * 10;
      }
    }
    double[] kl = Kernels.klDivergenceRows(p, q, k, new double[rows]);
    double[] ce = Kernels.crossEntropyRows(p, q, k, new double[rows]);
    double[] js = Kernels.jensenShannonRows(p, q, k, new double[rows]);
    double[] h = Kernels.entropyRows(p, k, new double[rows]);
    double[] lse = Kernels.logSumExpRows(z, k, new double[rows]);
    double[] soft = z.clone();
    Kernels.softmaxRowsInPlace(soft, k);
    for (int r = 0; r < rows; r++) {
      int off = r * k;
      Distribution pr = Distribution.of(java.util.Arrays.copyOfRange(p, off, off + k));
      Distribution qr = Distribution.of(java.util.Arrays.copyOfRange(q, off, off + k));
      assertEquals(Divergences.klDivergence(pr, qr), kl[r], 1e-12 * Math.max(1, kl[r]));
      assertEquals(Divergences.crossEntropy(pr, qr, LogBase.E), ce[r],
          1e-12 * Math.max(1, ce[r]));
      assertEquals(Divergences.jensenShannon(pr, qr, LogBase.E), js[r], 1e-12);
      assertEquals(Divergences.entropy(pr), h[r], 1e-12);
      double[] zr = java.util.Arrays.copyOfRange(z, off, off + k);
      assertEquals(Softmax.logSumExp(zr), lse[r]);
      assertArrayEquals(Softmax.softmax(zr), java.util.Arrays.copyOfRange(soft, off, off + k));
    }
  }

  @Test
  void batchShapesAreChecked() {
    double[] a = new double[6];
    assertThrows(IllegalArgumentException.class,
        () -> Kernels.klDivergenceRows(a, a, 4, new double[2]));
    assertThrows(IllegalArgumentException.class,
        () -> Kernels.klDivergenceRows(a, new double[3], 3, new double[2]));
    assertThrows(IllegalArgumentException.class,
        () -> Kernels.klDivergenceRows(a, a, 3, new double[1]));
    assertThrows(IllegalArgumentException.class, () -> Kernels.softmaxRowsInPlace(a, 0));
  }

  @Test
  void argmaxTiesGoToTheFirst() {
    assertEquals(1, Kernels.argmax(new double[] {0.1, 0.45, 0.45}, 0, 3));
    assertEquals(0, Kernels.argmax(new double[] {9, 0.5, 0.5}, 1, 2));
  }
}
