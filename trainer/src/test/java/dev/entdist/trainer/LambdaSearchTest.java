package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.Kernels;
import dev.entdist.divergence.SparseVector;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The warm-started, fold-parallel search against the definition: every λ fitted from zero on
 * every fold, sequentially (written out here), gives the same held-out KL and the same choice;
 * the thread count changes nothing.
 */
class LambdaSearchTest {

  private static TrainingData data() {
    SplittableRandom r = new SplittableRandom(51);
    int n = 600;
    List<SparseVector> x = Fixtures.sparseRows(n, 400, 6, r);
    return TrainingData.of(Fixtures.labels(4), x, Fixtures.softTargets(n, 4, r),
        Fixtures.weights(n, r), null);
  }

  @Test
  void pathSearchMatchesColdFitsOnEveryFold() {
    TrainingData d = data();
    List<Double> grid = List.of(1e-4, 1e-2, 1e-3, 1e-1); // not sorted: the path sorts it
    TrainerConfig c = TrainerConfig.defaults().withTol(1e-8).withMaxIter(2000).withSeed(3);
    LambdaSearch.Result path = LambdaSearch.search(d, c.withThreads(3), grid, 3);
    LambdaSearch.Result one = LambdaSearch.search(d, c.withThreads(1), grid, 3);
    assertEquals(path.heldOutKl(), one.heldOutKl(), "thread count changed the search");
    assertTrue(path.searchSeconds() > 0);

    // the definition, written out: the same seeded fold split, each λ from zero
    int n = d.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] cold = new double[grid.size()];
    for (int f = 0; f < 3; f++) {
      int lo = n * f / 3;
      int hi = n * (f + 1) / 3;
      int[] test = Arrays.copyOfRange(order, lo, hi);
      int[] train = new int[n - test.length];
      System.arraycopy(order, 0, train, 0, lo);
      System.arraycopy(order, hi, train, lo, n - hi);
      for (int g = 0; g < grid.size(); g++) {
        SoftmaxModel m = SoftmaxTrainer.fit(d.subset(train), c.withLambda(grid.get(g))
            .withThreads(1)).model();
        double num = 0;
        double den = 0;
        for (int i : test) {
          num += d.weight(i) * Kernels.klDivergence(d.target(i), 0,
              m.predict(d.features(i), null), 0, 4);
          den += d.weight(i);
        }
        cold[g] += num / den / 3;
      }
    }
    int best = 0;
    for (int g = 0; g < grid.size(); g++) {
      assertEquals(cold[g], path.heldOutKl().get(g), 1e-6 * cold[g], "lambda " + grid.get(g));
      best = cold[g] < cold[best] ? g : best;
    }
    assertEquals(grid.get(best), path.chosen());
  }
}
