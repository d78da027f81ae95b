package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import smile.math.MathEx;

/**
 * Where Smile 2.6.0's {@code MathEx.KullbackLeiblerDivergence(x, y)} and ours part ways, and why.
 *
 * <p>Smile sums x·log(x/y) only over the outcomes where both x and y are non-zero, and returns +∞
 * only when there is no such outcome at all. A term with x &gt; 0 and y = 0 — an outcome the
 * reference says can happen and the model rules out — is skipped, so the remaining terms, which
 * no longer add up over a full distribution, can sum to a negative "divergence". By definition
 * (and by DESIGN.md) such a term makes KL(P‖Q) = +∞: the model is infinitely surprised by
 * something that does happen. We never skip it. Smile also forms x/y before the log, which
 * overflows when y is subnormal.
 */
class SmileKullbackLeiblerTest {

  @Test
  void smileSkipsAModelZeroAndReturnsANegativeValueWeReturnInfinity() {
    double[] p = {0.5, 0.5};
    double[] q = {1.0, 0.0};
    double smile = MathEx.KullbackLeiblerDivergence(p, q);
    assertEquals(0.5 * Math.log(0.5), smile, 1e-15, "Smile keeps only the first term");
    assertTrue(smile < 0, "a negative divergence, impossible by Gibbs' inequality");
    assertEquals(Double.POSITIVE_INFINITY,
        Divergences.klDivergence(Distribution.of(p), Distribution.of(q)));
  }

  @Test
  void smileIsAlsoFiniteWhereTheModelMissesMostOfTheMass() {
    double[] p = {0.1, 0.9};
    double[] q = {1.0, 0.0};
    double smile = MathEx.KullbackLeiblerDivergence(p, q);
    assertEquals(0.1 * Math.log(0.1), smile, 1e-15);
    assertEquals(Double.POSITIVE_INFINITY,
        Divergences.klDivergence(Distribution.of(p), Distribution.of(q)));
  }

  @Test
  void smileOverflowsWhereTheModelProbabilityIsSubnormal() {
    double[] p = {0.5, 0.5};
    double[] q = {1.0, 1e-310};
    // 0.5/1e-310 = 5e309 overflows a double, so Smile's log(x/y) is +∞; the divergence is not.
    assertEquals(Double.POSITIVE_INFINITY, MathEx.KullbackLeiblerDivergence(p, q));
    double expected = 0.5 * Math.log(0.5) + 0.5 * (Math.log(0.5) - Math.log(1e-310));
    assertEquals(expected,
        Divergences.klDivergence(Distribution.of(p), Distribution.of(q)), 1e-12 * expected);
  }

  @Test
  void whereNoTermIsSkippedBothAgree() {
    RandomDistributions random = new RandomDistributions(7);
    int compared = 0;
    for (int i = 0; i < 2000; i++) {
      int k = 2 + random.size();
      double[] p = random.next(k);
      double[] q = random.next(k);
      boolean skipsATerm = false;
      for (int j = 0; j < k; j++) {
        skipsATerm |= p[j] > 0 && q[j] == 0;
      }
      if (skipsATerm) {
        continue;
      }
      double ours = Divergences.klDivergence(Distribution.of(p), Distribution.of(q));
      double smile = MathEx.KullbackLeiblerDivergence(p, q);
      if (Double.isInfinite(smile)) {
        continue; // p/q overflowed inside Smile, as in the test above
      }
      assertEquals(smile, ours, 1e-12 * Math.max(1, ours), "P=" + p.length + " outcomes");
      compared++;
    }
    assertTrue(compared > 1000, "compared " + compared + " pairs");
  }
}
