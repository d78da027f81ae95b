package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InventoryAndDeterminismTest {

  private static TrainingData data(SplittableRandom r, int n) {
    List<SparseVector> x = Fixtures.sparseRows(n, 300, 5, r);
    double[][] t = new double[n][4];
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean cell = i % 2 == 0;
      groups.add(cell ? "cell" : "bank");
      double u = r.nextDouble();
      if (cell) { // cell: la, lb only
        t[i][0] = u;
        t[i][1] = 1 - u;
      } else { // bank: lc, ld only
        t[i][2] = u;
        t[i][3] = 1 - u;
      }
    }
    return TrainingData.of(Fixtures.labels(4), x, t, null, groups);
  }

  @Test
  void restrictedPredictionsGiveDeltaOutsideTheInventory() {
    TrainingData d = data(new SplittableRandom(1), 200);
    assertEquals(java.util.Set.of("la", "lb"), d.inventories().get("cell"));
    SoftmaxModel m = SoftmaxTrainer.fit(d, TrainerConfig.defaults().withMaxIter(50)
        .withInventory(TrainerConfig.InventoryMode.RESTRICT, 0.002)).model();
    SparseVector x = d.features(0);
    double[] p = m.predict(x, "cell");
    assertEquals(0.001, p[2], 1e-15);
    assertEquals(0.001, p[3], 1e-15);
    assertEquals(0.998, p[0] + p[1], 1e-12);
    double[] unseen = m.predict(x, "unseen-word");
    assertTrue(unseen[2] > 0 && Math.abs(sum(unseen) - 1) < 1e-12);
    assertTrue(m.wordSummaries().isEmpty(), "summaries are the caller's: they need occurrences");
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    TrainingData d = data(new SplittableRandom(2), 5000);
    TrainerConfig c = TrainerConfig.defaults().withMaxIter(40);
    TrainingResult one = SoftmaxTrainer.fit(d, c.withThreads(1));
    TrainingResult three = SoftmaxTrainer.fit(d, c.withThreads(3));
    assertEquals(one.stats().finalObjective(), three.stats().finalObjective(), 0.0);
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(one.model().predict(d.features(i), null),
          three.model().predict(d.features(i), null), 0.0);
    }
  }

  @Test
  void adamApproachesTheLbfgsObjective() {
    TrainingData d = data(new SplittableRandom(3), 3000);
    TrainerConfig c = TrainerConfig.defaults().withLambda(1e-3).withThreads(1);
    TrainingResult exact = SoftmaxTrainer.fit(d, c);
    TrainingResult adamFit = SoftmaxTrainer.fit(d, c.withOptimizer(TrainerConfig.Optimizer.ADAM)
        .withEpochs(30).withBatchSize(64).withLearningRate(0.02));
    FitStats adam = adamFit.stats();
    // both objectives recomputed here from the models' predictions and weights, not as reported
    double lbfgs = Fixtures.objectiveOf(exact.model(), d, 1e-3);
    double adamObjective = Fixtures.objectiveOf(adamFit.model(), d, 1e-3);
    assertEquals(lbfgs, exact.stats().finalObjective(), 1e-9 * lbfgs);
    assertEquals(adamObjective, adam.finalObjective(), 1e-9 * adamObjective);
    // L-BFGS converged (max |gradient| <= 1e-6), so no point is lower by more than rounding
    assertTrue(exact.stats().converged(), exact.stats().toString());
    assertTrue(adamObjective >= lbfgs - 1e-9 * lbfgs, adamObjective + " below " + lbfgs);
    assertTrue(adamObjective - lbfgs < 0.01 * lbfgs, adam + " vs " + lbfgs);
    FitStats early = SoftmaxTrainer.fit(d, c.withOptimizer(TrainerConfig.Optimizer.ADAM)
        .withEpochs(200).withEarlyStopping(0.2, 2)).stats();
    assertTrue(early.iterations() < 200, "early stopping never triggered: " + early);
  }

  private static double sum(double[] p) {
    double s = 0;
    for (double v : p) {
      s += v;
    }
    return s;
  }
}
