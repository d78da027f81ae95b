package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stable softmax, log-softmax and log-sum-exp: no overflow, and agreement with the naive form. */
class SoftmaxTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithTheNaiveFormulaWhereThatIsFinite(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      int k = 1 + random.nextInt(30);
      double[] z = new double[k];
      for (int j = 0; j < k; j++) {
        z[j] = (random.nextDouble() * 2 - 1) * 300; // exp stays finite up to ~709
      }
      double sum = 0;
      for (double v : z) {
        sum += Math.exp(v);
      }
      double[] p = Softmax.softmax(z);
      double[] logP = Softmax.logSoftmax(z);
      assertEquals(Math.log(sum), Softmax.logSumExp(z), 1e-12 * Math.abs(Math.log(sum)));
      for (int j = 0; j < k; j++) {
        double naive = Math.exp(z[j]) / sum;
        // Shifting by the max rounds z − max by up to |z − max|·2^-53 ≤ 600·1.1e-16.
        assertEquals(naive, p[j], 1e-13 * naive, "softmax[" + j + "]");
        assertEquals(z[j] - Math.log(sum), logP[j], 1e-12 * Math.max(1, Math.abs(logP[j])));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void neverOverflowsForLogitsUpTo1e300(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      int k = 1 + random.nextInt(10);
      double[] z = new double[k];
      for (int j = 0; j < k; j++) {
        z[j] = (random.nextDouble() * 2 - 1) * 1e300;
      }
      double[] p = Softmax.softmax(z);
      double total = 0;
      for (double v : p) {
        assertTrue(v >= 0 && v <= 1, "probability " + v);
        total += v;
      }
      assertEquals(1.0, total, 1e-12);
      double lse = Softmax.logSumExp(z);
      assertTrue(Double.isFinite(lse), "log-sum-exp " + lse);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      assertTrue(lse >= max && lse <= max + Math.log(k) * (1 + 1e-15) + Math.ulp(max),
          "max <= lse <= max + log k");
      for (double v : Softmax.logSoftmax(z)) {
        assertTrue(v <= 0 && !Double.isNaN(v), "log-softmax " + v);
      }
      assertEquals(p[Kernels.argmax(z, 0, k)], p[Kernels.argmax(p, 0, k)]);
    }
  }

  @Test
  void extremeLogitsGiveTheExactLimits() {
    assertEquals(1e300, Softmax.logSumExp(1e300, -1e300));
    assertEquals(1e300 + Math.log(2), Softmax.logSumExp(1e300, 1e300), Math.ulp(1e300));
    double[] p = Softmax.softmax(1e300, -1e300, 1e300);
    assertEquals(0.5, p[0]);
    assertEquals(0.0, p[1]);
    assertEquals(0.5, p[2]);
    assertEquals(-2e300, Softmax.logSoftmax(1e300, -1e300)[1]);
  }

  @Test
  void aMinusInfinityLogitIsAMaskedOutcome() {
    double[] p = Softmax.softmax(1.0, Double.NEGATIVE_INFINITY, 1.0);
    assertEquals(0.5, p[0]);
    assertEquals(0.0, p[1]);
    assertEquals(Double.NEGATIVE_INFINITY, Softmax.logSoftmax(1.0, Double.NEGATIVE_INFINITY)[1]);
    assertEquals(Double.NEGATIVE_INFINITY,
        Softmax.logSumExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
  }

  @Test
  void rejectsEmptyAndNaN() {
    assertThrows(IllegalArgumentException.class, () -> Softmax.softmax());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Softmax.softmax(1, Double.NaN));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Softmax.softmax(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
  }

  @Test
  void distributionIsTheSoftmax() {
    Distribution d = Softmax.distribution(0.0, Math.log(3));
    assertEquals(0.25, d.get(0), 1e-15);
    assertEquals(0.75, d.get(1), 1e-15);
  }
}
