package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sense-like problem: each word has a few common senses and a rare one, and the rare sense of
 * some words shows up only among the held-out rows.
 */
class InventoryMixingTest {

  private static final int K = 6;

  /** Rows of {@code words} words; each word's senses are 3 consecutive labels. */
  private static TrainingData senses(int rows, long seed, boolean rareSenses) {
    SplittableRandom r = new SplittableRandom(seed);
    List<SparseVector> xs = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    double[][] t = new double[rows][];
    for (int i = 0; i < rows; i++) {
      int word = r.nextInt(8);
      int cue = r.nextInt(2);
      double[] y = new double[K];
      int first = word % (K - 2);
      double rare = rareSenses && r.nextDouble() < 0.08 ? 0.6 : 0;
      y[first + cue] = 0.8 * (1 - rare);
      y[first + 1 - cue] = 0.2 * (1 - rare);
      y[first + 2] = rare;
      t[i] = y;
      xs.add(SparseVector.of(new int[] {word, 100 + 10 * word + cue, 1000 + r.nextInt(50)},
          new double[] {1, 1, 1}));
      groups.add("w" + word);
    }
    return TrainingData.of(Fixtures.labels(K), xs, t, null, groups);
  }

  @Test
  void mixingBeatsTheDeltaRuleWhenHeldOutRowsCarryUnseenSensesAndTheSearchFindsTheMinimum() {
    TrainingData train = senses(200, 1, false);
    TrainingData test = senses(200, 2, true);
    SoftmaxModel m = SoftmaxTrainer.fit(train, TrainerConfig.defaults()
        .withInventory(TrainerConfig.InventoryMode.RESTRICT, 1e-3)).model();
    List<SparseVector> xs = new ArrayList<>();
    List<String> words = new ArrayList<>();
    double[][] refs = new double[test.size()][];
    for (int i = 0; i < test.size(); i++) {
      xs.add(test.features(i));
      words.add(test.group(i));
      refs[i] = test.target(i);
    }
    InventoryMixing.Fit fit = InventoryMixing.fit(m, xs, words, refs);
    assertTrue(fit.meanKlMixed() < fit.meanKlDeltaRule(), fit.toString());
    double scan = Double.POSITIVE_INFINITY;
    for (double a = 1e-5; a <= 1; a *= 1.02) {
      scan = Math.min(scan, Evaluation.evaluate(refs,
          m.withUnrestrictedWeight(a).predictAll(xs, words)).meanKl());
    }
    assertTrue(fit.meanKlMixed() <= scan + 1e-9, fit + " vs scan " + scan);
    assertEquals(fit.meanKlMixed(), Evaluation.evaluate(refs,
        m.withUnrestrictedWeight(fit.weight()).predictAll(xs, words)).meanKl(), 1e-12);
  }

  @Test
  void choiceNeverKeepsARestrictionThatScoresWorseOnTheHeldOutRows() {
    for (long seed = 1; seed <= 3; seed++) {
      TrainingData data = senses(300, seed, true);
      InventoryMixing.Choice c = InventoryMixing.choose(data, TrainerConfig.defaults(), 0.25,
          seed);
      assertEquals(75, c.heldOut());
      assertEquals(c.restrict(), c.model().restricted());
      if (c.restrict()) {
        assertTrue(c.meanKlMixed() < c.meanKlUnrestricted(), c.toString());
        assertEquals(c.weight(), c.model().unrestrictedWeight());
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> InventoryMixing.choose(senses(3, 1, false), TrainerConfig.defaults(), 0.1, 1));
  }
}
