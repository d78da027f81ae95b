package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainer's own L-BFGS ({@link Lbfgs}, strong-Wolfe line search) against Smile's
 * {@code BFGS.minimize} on the shapes of problem the other tests use: dense and sparse rows,
 * K = 2…8, weighted rows, soft and one-hot targets, restricted inventories, λ from 0 (on data
 * that is not separable) to 0.1. Both must reach the same objective.
 */
class LbfgsAgainstSmileTest {

  @ParameterizedTest(name = "seed={0} n={1} d={2} nnz={3} k={4} restrict={5} lambda={6} onehot={7}")
  @CsvSource({
      "1, 60, 6, 6, 2, false, 0.05, false",
      "2, 300, 40, 4, 3, false, 1e-3, false",
      "3, 500, 200, 8, 5, false, 1e-3, false",
      "4, 400, 30, 30, 8, false, 1e-2, false",
      "5, 600, 50, 5, 4, true, 1e-3, false",
      "6, 600, 80, 6, 7, true, 1e-4, false",
      "7, 2000, 300, 5, 4, false, 1e-3, true",
      "8, 800, 6, 2, 3, false, 0, true",
      "9, 3000, 1000, 10, 5, false, 1e-1, false"})
  void sameObjectiveAsSmile(long seed, int n, int d, int nnz, int k, boolean restrict,
      double lambda, boolean onehot) {
    SplittableRandom r = new SplittableRandom(seed);
    List<SparseVector> x = Fixtures.sparseRows(n, d, nnz, r);
    double[][] t = Fixtures.softTargets(n, k, r);
    if (onehot) {
      for (double[] row : t) {
        int best = 0;
        for (int j = 1; j < k; j++) {
          best = row[j] > row[best] ? j : best;
        }
        java.util.Arrays.fill(row, 0);
        row[best] = 1;
      }
    }
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(i % 4 == 3 ? null : "w" + (i % 3));
    }
    TrainingData data = TrainingData.of(Fixtures.labels(k), x, t, Fixtures.weights(n, r), groups);
    TrainerConfig c = TrainerConfig.defaults().withLambda(lambda).withTol(1e-7)
        .withMaxIter(3000).withThreads(2).withInventory(restrict
            ? TrainerConfig.InventoryMode.RESTRICT : TrainerConfig.InventoryMode.NONE);
    FitStats own = SoftmaxTrainer.fit(data, c, ProgressListener.NONE, false).stats();
    FitStats smile = SoftmaxTrainer.fit(data, c, ProgressListener.NONE, true).stats();
    assertTrue(own.converged(), own.toString());
    // at max |gradient| <= 1e-7 both are within rounding of the optimum; Smile may stop earlier
    // on its own step test, so its objective may be (slightly) higher, never lower
    assertEquals(smile.finalObjective(), own.finalObjective(),
        1e-7 * Math.abs(smile.finalObjective()), own + " vs " + smile);
    assertTrue(own.finalObjective() <= smile.finalObjective() + 1e-10 * smile.finalObjective(),
        own + " vs " + smile);
  }
}
