package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact identities of the information measures on thousands of seeded random distributions,
 * near-degenerate ones included (entries around 1e-300, subnormal entries, exact zeros).
 */
class DivergenceIdentitiesTest {

  private static final int PAIRS_PER_SEED = 100;
  private static final double LN2 = Math.log(2);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40); // 40 × 100 = 4000 pairs
  }

  /** |a − b| ≤ 1e-12 · max(1, |b|). */
  static void assertClose(double expected, double actual, String what) {
    if (expected == actual) {
      return; // also equal infinities
    }
    double tol = 1e-12 * Math.max(1.0, Math.abs(expected));
    assertTrue(Math.abs(expected - actual) <= tol,
        what + ": expected " + expected + " but was " + actual);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void crossEntropyIsEntropyPlusKl(long seed) {
    RandomDistributions random = new RandomDistributions(seed);
    for (int i = 0; i < PAIRS_PER_SEED; i++) {
      int k = random.size();
      Distribution p = random.distribution(k);
      Distribution q = random.distribution(k);
      double ce = Divergences.crossEntropy(p, q, LogBase.E);
      double h = Divergences.entropy(p);
      double kl = Divergences.klDivergence(p, q);
      if (Double.isInfinite(kl)) {
        assertEquals(Double.POSITIVE_INFINITY, ce, "H(P,Q) is infinite where KL(P‖Q) is");
      } else {
        assertClose(ce, h + kl, "H(P,Q) = H(P) + KL(P‖Q) for " + p + " and " + q);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void klIsZeroOnlyAgainstItselfAndNeverNegative(long seed) {
    RandomDistributions random = new RandomDistributions(seed);
    for (int i = 0; i < PAIRS_PER_SEED; i++) {
      int k = random.size();
      Distribution p = random.distribution(k);
      Distribution q = random.distribution(k);
      assertEquals(0.0, Divergences.klDivergence(p, p), "KL(P‖P) for " + p);
      assertTrue(Divergences.klDivergence(p, q) >= 0, "KL(P‖Q) >= 0 for " + p + ", " + q);
      assertTrue(Divergences.klDivergence(q, p) >= 0, "KL(Q‖P) >= 0 for " + p + ", " + q);
      assertEquals(Divergences.klDivergence(q, p, LogBase.E),
          Divergences.reverseKlDivergence(p, q, LogBase.E), "reverse KL is KL(Q‖P)");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void jensenShannonIsSymmetricAndBounded(long seed) {
    RandomDistributions random = new RandomDistributions(seed);
    for (int i = 0; i < PAIRS_PER_SEED; i++) {
      int k = random.size();
      Distribution p = random.distribution(k);
      Distribution q = random.distribution(k);
      double js = Divergences.jensenShannon(p, q, LogBase.E);
      assertTrue(js >= 0 && js <= LN2, "0 <= JS <= log 2, was " + js);
      assertEquals(js, Divergences.jensenShannon(q, p, LogBase.E), "JS is symmetric, exactly");
      assertEquals(0.0, Divergences.jensenShannon(p, p, LogBase.E), 1e-15, "JS(P,P) = 0");
      assertTrue(Double.isFinite(js), "JS is finite even where KL is not");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void entropyLiesBetweenZeroAndLogN(long seed) {
    RandomDistributions random = new RandomDistributions(seed);
    for (int i = 0; i < PAIRS_PER_SEED; i++) {
      int k = random.size();
      Distribution p = random.distribution(k);
      double h = Divergences.entropy(p);
      assertTrue(h >= 0 && h <= Math.log(k) + 1e-12, "0 <= H <= log " + k + ", was " + h);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void baseOnlyScalesEveryMeasure(long seed) {
    RandomDistributions random = new RandomDistributions(seed);
    for (int i = 0; i < PAIRS_PER_SEED; i++) {
      int k = random.size();
      Distribution p = random.distribution(k);
      Distribution q = random.distribution(k);
      for (LogBase base : LogBase.values()) {
        double lnb = base == LogBase.E ? 1 : base == LogBase.TWO ? Math.log(2) : Math.log(10);
        assertClose(Divergences.entropy(p) / lnb, Divergences.entropy(p, base), "H " + base);
        assertClose(Divergences.klDivergence(p, q) / lnb, Divergences.klDivergence(p, q, base),
            "KL " + base);
        assertClose(Divergences.jensenShannon(p, q, LogBase.E) / lnb,
            Divergences.jensenShannon(p, q, base), "JS " + base);
        assertClose(Divergences.crossEntropy(p, q, LogBase.E) / lnb,
            Divergences.crossEntropy(p, q, base), "H(P,Q) " + base);
      }
      assertTrue(Divergences.jensenShannon(p, q, LogBase.TWO) <= 1.0, "JS in bits <= 1");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 6, 7, 10, 100, 1000, 4096, 100_003})
  void uniformEntropyIsLogN(int n) {
    assertEquals(Math.log(n), Divergences.entropy(Distribution.uniform(n)), 1e-12);
    assertEquals(Math.log(n) / Math.log(2),
        Divergences.entropy(Distribution.uniform(n), LogBase.TWO), 1e-12);
    assertEquals(0.0, Divergences.entropy(Distribution.oneHot(n, n - 1)));
  }
}
