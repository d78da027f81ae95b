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
 * every fold, sequentially and to convergence (written out here), gives the same choice and
 * held-out KL within 2 % (the search's fits stop after {@value LambdaSearch#SEARCH_MAX_ITER}
 * iterations by design, and a fit stopped early at a weak λ scores a little better on held-out
 * rows than the converged one); the thread count changes nothing; a path leaves only
 * its weakest-regularised end.
 */
class LambdaSearchTest {

  private static TrainingData data() {
    SplittableRandom r = new SplittableRandom(51);
    int n = 600;
    List<SparseVector> x = Fixtures.sparseRows(n, 400, 6, r);
    // targets from a planted softmax, so that some λ between the extremes generalises best
    double[] w = new double[400 * 4];
    for (int j = 0; j < w.length; j++) {
      w[j] = r.nextGaussian();
    }
    double[][] t = new double[n][4];
    for (int i = 0; i < n; i++) {
      SparseVector xi = x.get(i);
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < 4; j++) {
        for (int e = 0; e < xi.nnz(); e++) {
          t[i][j] += xi.value(e) * w[xi.index(e) * 4 + j];
        }
        max = Math.max(max, t[i][j]);
      }
      double sum = 0;
      for (int j = 0; j < 4; j++) {
        t[i][j] = Math.exp(t[i][j] - max);
        sum += t[i][j];
      }
      // three annotators' votes drawn from the planted distribution: noisy soft targets
      double[] votes = new double[4];
      for (int a = 0; a < 3; a++) {
        double u = r.nextDouble() * sum;
        int pick = 0;
        for (double c = t[i][0]; u >= c && pick < 3; c += t[i][++pick]) { }
        votes[pick] += 1.0 / 3;
      }
      t[i] = votes;
    }
    return TrainingData.of(Fixtures.labels(4), x, t, Fixtures.weights(n, r), null);
  }

  @Test
  void pathSearchMatchesColdFitsOnEveryFold() {
    TrainingData d = data();
    // not sorted: the path sorts it; the smallest values overfit 600 rows of 400 features with
    // three votes each
    List<Double> grid = List.of(1e-4, 1e-2, 1e-6, 1e-3, 1e-1, 1e-5, 1e-7);
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
    double smallestEvaluated = Double.POSITIVE_INFINITY;
    double largestSkipped = 0;
    for (int g = 0; g < grid.size(); g++) {
      double got = path.heldOutKl().get(g);
      if (Double.isNaN(got)) {
        largestSkipped = Math.max(largestSkipped, grid.get(g));
      } else {
        smallestEvaluated = Math.min(smallestEvaluated, grid.get(g));
        assertEquals(cold[g], got, 2e-2 * cold[g], "lambda " + grid.get(g));
      }
      best = cold[g] < cold[best] ? g : best;
    }
    assertEquals(grid.get(best), path.chosen(), "the best of every cold fit");
    assertTrue(largestSkipped > 0, "no path left early: " + path);
    assertTrue(largestSkipped < smallestEvaluated, "only the weakest end is skipped: " + path);
  }

  @Test
  void rowsOfOneGroupShareAFoldAndFoldsAreBalanced() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 900;
    int[] groups = new int[n];
    for (int i = 0; i < n; i++) {
      groups[i] = r.nextInt(300); // about three rows a group, in no particular order
    }
    int[] foldOf = LambdaSearch.assignFolds(n, groups, 3, 11);
    java.util.Map<Integer, Integer> foldOfGroup = new java.util.HashMap<>();
    int[] rows = new int[3];
    for (int i = 0; i < n; i++) {
      Integer before = foldOfGroup.putIfAbsent(groups[i], foldOf[i]);
      assertTrue(before == null || before == foldOf[i], "group " + groups[i] + " is split");
      rows[foldOf[i]]++;
    }
    for (int f = 0; f < 3; f++) {
      assertTrue(Math.abs(rows[f] - n / 3) < 30, "fold sizes " + Arrays.toString(rows));
    }
    assertTrue(Arrays.equals(foldOf, LambdaSearch.assignFolds(n, groups, 3, 11)), "seeded");
    assertTrue(!Arrays.equals(foldOf, LambdaSearch.assignFolds(n, groups, 3, 12)),
        "another seed, another split");
  }

  @Test
  void tooFewGroupsForTheFoldsIsRefusedWithTheCount() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> LambdaSearch.assignFolds(6, new int[] {0, 0, 0, 1, 1, 1}, 3, 1));
    assertTrue(e.getMessage().contains("2 (groups)"), e.getMessage());
  }

  @Test
  void foldsRunSideBySideOnlyWhenThatUsesTheThreadsBetter() {
    assertEquals(1, LambdaSearch.sideBySide(3, 1));
    assertEquals(1, LambdaSearch.sideBySide(3, 2)); // 3 rounds on 2 threads beat 2 rounds on 1
    assertEquals(2, LambdaSearch.sideBySide(4, 2)); // 2 rounds of 2 beat 4 rounds on 2 threads
    assertEquals(3, LambdaSearch.sideBySide(3, 6)); // 3 folds on 2 threads each
  }

  @Test
  void theFinalFitFromTheFoldsAverageReachesTheSameOptimumInFewerIterations() {
    TrainingData d = data();
    TrainerConfig c = TrainerConfig.defaults().withTol(1e-7).withMaxIter(2000).withSeed(3)
        .withThreads(1);
    LambdaSearch.Result search = LambdaSearch.search(d, c, LambdaSearch.DEFAULT_GRID, 3);
    TrainerConfig at = c.withLambda(search.chosen());
    TrainingResult cold = SoftmaxTrainer.fit(d, at);
    TrainingResult warm = SoftmaxTrainer.fit(d, at, ProgressListener.NONE, search.start());
    assertTrue(cold.stats().converged() && warm.stats().converged());
    assertEquals(cold.stats().finalObjective(), warm.stats().finalObjective(),
        1e-9 * cold.stats().finalObjective());
    assertTrue(warm.stats().iterations() < cold.stats().iterations(),
        "warm " + warm.stats().iterations() + " vs cold " + cold.stats().iterations());
  }

  @Test
  void aWarmStartOverOtherLabelsIsRefused() {
    TrainingData d = data();
    TrainingData other = TrainingData.of(Fixtures.labels(3),
        List.of(SparseVector.of(new int[] {1}, new double[] {1})),
        new double[][] {{1, 0, 0}}, null, null);
    WarmStart start = WarmStart.average(List.of(
        SoftmaxTrainer.fit(other, TrainerConfig.defaults()).model()));
    assertThrowsIllegal(() -> SoftmaxTrainer.fit(d, TrainerConfig.defaults(),
        ProgressListener.NONE, start));
  }

  private static void assertThrowsIllegal(org.junit.jupiter.api.function.Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, e);
  }
}
