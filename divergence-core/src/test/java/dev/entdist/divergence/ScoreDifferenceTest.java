package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The weighted-score walk-through and the search for pairs that make a score improper. */
class ScoreDifferenceTest {

  private static final Distribution P = Distribution.of(List.of("cat", "dog"), 0.9, 0.1);
  private static final Distribution Q = Distribution.of(List.of("cat", "dog"), 0.1, 0.9);

  @Test
  void theLogScoreGivesEntropyCrossEntropyAndKl() {
    for (LogBase base : LogBase.values()) {
      ScoreDifference.Explanation e = ScoreDifference.explain(P, Q, ScoreFunction.log(base));
      assertEquals(Divergences.entropy(P, base), e.expectedScoreOfReference(), 1e-15);
      assertEquals(Divergences.crossEntropy(P, Q, base), e.expectedScoreOfModel(), 1e-15);
      assertEquals(Divergences.klDivergence(P, Q, base), e.difference());
      assertEquals(e.expectedScoreOfModel() - e.expectedScoreOfReference(), e.difference(),
          1e-15);
      ScoreDifference.Term cat = e.terms().get(0);
      assertEquals("cat", cat.outcome());
      assertEquals(base.fromNats(Math.log(1 / 0.9)), cat.scoreOfP(), 1e-15);
      assertEquals(0.9 * base.fromNats(Math.log(1 / 0.1)), cat.weightedScoreOfQ(), 1e-15);
    }
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 10);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theLogScoreDifferenceIsKlOnRandomPairs(long seed) {
    RandomDistributions random = new RandomDistributions(seed);
    for (int i = 0; i < 100; i++) {
      int k = random.size();
      Distribution p = random.distribution(k);
      Distribution q = random.distribution(k);
      ScoreDifference.Explanation e = ScoreDifference.explain(p, q, ScoreFunction.log(LogBase.E));
      assertEquals(Divergences.klDivergence(p, q), e.difference());
      assertTrue(e.isNonNegative());
      if (Double.isFinite(e.difference())) {
        assertEquals(e.expectedScoreOfModel() - e.expectedScoreOfReference(), e.difference(),
            1e-12 * Math.max(1, e.expectedScoreOfModel()));
      }
    }
  }

  @Test
  void zeroWeightTermsCountZeroEvenWhereTheScoreIsInfinite() {
    Distribution p = Distribution.of(1.0, 0.0);
    Distribution q = Distribution.of(0.5, 0.5);
    ScoreDifference.Explanation e = ScoreDifference.explain(q, p, ScoreFunction.log(LogBase.E));
    assertEquals(Double.POSITIVE_INFINITY, e.difference(), "q > 0 where the model has p = 0");
    ScoreDifference.Explanation back =
        ScoreDifference.explain(p, q, ScoreFunction.log(LogBase.E));
    assertEquals(0.0, back.terms().get(1).weightedScoreOfQ());
    assertEquals(0.0, back.terms().get(1).weightedScoreOfP(), "0·log(1/0) = 0");
    assertEquals(Math.log(2), back.difference(), 1e-15);
  }

  @Test
  void theLinearScoreRewardsExaggerationOnTheDesignExample() {
    ScoreDifference.Explanation e = ScoreDifference.explain(
        Distribution.of(0.9, 0.1), Distribution.of(1.0, 0.0), ScoreFunction.linear());
    assertEquals(-0.08, e.difference(), 1e-15);
    assertFalse(e.isNonNegative());
    Optional<ScoreDifference.Counterexample> c =
        ScoreDifference.findCounterexample(ScoreFunction.linear(), Distribution.of(0.9, 0.1));
    assertTrue(c.isPresent());
    assertEquals(Distribution.of(1.0, 0.0), c.get().model());
    assertEquals(-0.08, c.get().difference(), 1e-15);
  }

  @Test
  void improperScoresHaveCounterexamplesOnTwoAndThreeOutcomes() {
    for (ScoreFunction s : List.of(ScoreFunction.linear(), ScoreFunction.sqrt())) {
      for (int n : new int[] {2, 3, 5}) {
        ScoreDifference.Counterexample c = ScoreDifference.findCounterexample(s, n).orElseThrow();
        assertCounterexample(s, c, n);
      }
    }
    ScoreDifference.Counterexample c =
        ScoreDifference.findCounterexample(ScoreFunction.quadratic(), 3).orElseThrow();
    assertCounterexample(ScoreFunction.quadratic(), c, 3);
  }

  private static void assertCounterexample(
      ScoreFunction s, ScoreDifference.Counterexample c, int n) {
    assertEquals(n, c.reference().size());
    assertFalse(c.reference().equals(c.model()), "P ≠ Q");
    double recomputed = ScoreDifference.explain(c.reference(), c.model(), s).difference();
    assertEquals(c.difference(), recomputed, 1e-12);
    assertTrue(recomputed <= ScoreDifference.TIE_TOLERANCE, s + ": " + recomputed);
  }

  @Test
  void theQuadraticScoreIsProperOnTwoOutcomesAndTheExplainerSaysSo() {
    assertTrue(ScoreDifference.findCounterexample(ScoreFunction.quadratic(), 2).isEmpty());
    // On two outcomes the quadratic difference is exactly (p1 − q1)²; no pair can be ≤ 0.
    Distribution p = Distribution.of(0.7, 0.3);
    Distribution q = Distribution.of(0.4, 0.6);
    assertEquals(0.09, ScoreDifference.explain(p, q, ScoreFunction.quadratic()).difference(),
        1e-15);
    ScoreDifference.Verdict v = ScoreDifference.verdict(ScoreFunction.quadratic(), p);
    assertTrue(v.counterexample().isEmpty());
    assertTrue(v.statement().contains("no pair"), v.statement());
    assertTrue(v.statement().contains("Brier"), v.statement());
    assertTrue(v.statement().contains("On three outcomes it fails"), v.statement());
  }

  @Test
  void theLogScoreNeverYieldsACounterexample() {
    for (LogBase base : LogBase.values()) {
      for (int n : new int[] {2, 3, 8}) {
        assertTrue(ScoreDifference.findCounterexample(ScoreFunction.log(base), n).isEmpty());
      }
      assertTrue(ScoreDifference.findCounterexample(ScoreFunction.log(base), P).isEmpty());
    }
    ScoreDifference.Verdict v = ScoreDifference.verdict(ScoreFunction.log(LogBase.E), P);
    assertTrue(v.statement().contains("only score of this form that is proper"), v.statement());
  }

  @Test
  void aCounterexampleFromTheCallersOwnPKeepsItsNames() {
    ScoreDifference.Verdict v = ScoreDifference.verdict(ScoreFunction.linear(), P);
    ScoreDifference.Counterexample c = v.counterexample().orElseThrow();
    assertEquals(P, c.reference());
    assertEquals(List.of("cat", "dog"), c.model().names());
    assertTrue(v.statement().contains("-0.08"), v.statement());
  }

  @Test
  void customScoresMustBeStrictlyDecreasing() {
    assertThrows(IllegalArgumentException.class,
        () -> ScoreFunction.of("reward", "x", x -> x));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreFunction.of("flat", "1", x -> 1.0));
    ScoreFunction cube = ScoreFunction.of("cube", "1 - x^3", x -> 1 - x * x * x);
    assertTrue(ScoreDifference.findCounterexample(cube, 3).isPresent());
    assertEquals("quadratic", ScoreFunction.parse("Brier", LogBase.E).name());
    assertThrows(IllegalArgumentException.class, () -> ScoreFunction.parse("cubic", LogBase.E));
  }

  @Test
  void sizesMustAgree() {
    assertThrows(IllegalArgumentException.class, () -> ScoreDifference.explain(
        Distribution.uniform(2), Distribution.uniform(3), ScoreFunction.linear()));
  }
}
