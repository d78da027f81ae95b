package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluationTest {

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void identitiesHold(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] ref = Fixtures.softTargets(200, 5, r);
    double[][] pred = Fixtures.softTargets(200, 5, r);
    for (double[] p : pred) { // strictly positive predictions keep KL finite
      for (int j = 0; j < p.length; j++) {
        p[j] = (p[j] + 0.01) / 1.05;
      }
    }
    Evaluation.Metrics m = Evaluation.evaluate(ref, pred);
    // cross-entropy = entropy + KL, row by row and hence in the mean
    assertEquals(m.meanEntropyRef() + m.meanKl(), m.crossEntropy(), 1e-12);
    assertTrue(m.meanJs() >= 0 && m.meanJs() <= Math.log(2));
    assertTrue(m.cosine() <= 1 + 1e-12 && m.intersection() <= 1 + 1e-12);
    Evaluation.Metrics self = Evaluation.evaluate(ref, ref);
    assertEquals(0, self.meanKl(), 1e-15);
    assertEquals(0, self.meanJs(), 1e-15);
    assertEquals(1, self.top1());
    assertEquals(1, self.intersection(), 1e-12);
    assertEquals(1, self.cosine(), 1e-12);
    assertEquals(0, self.chebyshev() + self.clark() + self.canberra() + self.brier(), 0);
  }

  @Test
  void smallCaseByHand() {
    double[][] ref = {{1, 0}, {0.5, 0.5}};
    double[][] pred = {{0.8, 0.2}, {0.6, 0.4}};
    Evaluation.Metrics m = Evaluation.evaluate(ref, pred);
    assertEquals((Math.log(1 / 0.8) + 0.5 * Math.log(0.5 / 0.6) + 0.5 * Math.log(0.5 / 0.4)) / 2,
        m.meanKl(), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, m.meanReverseKl()); // pred > 0 where ref = 0
    assertEquals(1.0, m.top1()); // row 2's reference tie goes to the first label
    assertEquals((0.08 + 0.02) / 2, m.brier(), 1e-15);
    assertEquals((0.2 + 0.1) / 2, m.chebyshev(), 1e-15);
    assertEquals((0.4 + 0.2) / 2, m.manhattan(), 1e-15);
    assertEquals((Math.sqrt(0.08) + Math.sqrt(0.02)) / 2, m.euclidean(), 1e-15);
    // both confidences (0.8, 0.6) fall in different bins, each correct
    assertEquals(0.5 * 0.2 + 0.5 * 0.4, m.ece(), 1e-15);
    assertEquals(List.of("examples", "mean_kl", "mean_reverse_kl", "mean_js", "cross_entropy",
        "top1", "mean_entropy_pred", "mean_entropy_ref", "ece", "brier", "chebyshev", "clark",
        "canberra", "cosine", "intersection", "manhattan", "euclidean"), List.copyOf(m.toMap().keySet()));
  }
}
