package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Shards of the rows add up to the whole objective, and the sharded fit to the local one. */
class ObjectiveShardTest {

  private static TrainingData data() {
    SplittableRandom r = new SplittableRandom(7);
    int n = 300;
    List<SparseVector> x = Fixtures.sparseRows(n, 200, 6, r);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add("w" + (i % 4));
    }
    return TrainingData.of(Fixtures.labels(3), x, Fixtures.softTargets(n, 3, r),
        Fixtures.weights(n, r), groups);
  }

  /**
   * Rows whose words have inventories of different sizes (w0: la, lb; w1: lb, lc; w2: lc, ld;
   * w3: all four), and whose features are mostly their word's own, so a restricted layout is
   * sparse (a feature seen only with w0 has weights for la and lb only).
   */
  private static TrainingData restrictedData() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 320;
    int k = 4;
    List<SparseVector> x = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    double[][] t = new double[n][k];
    for (int i = 0; i < n; i++) {
      int g = i % 4;
      groups.add("w" + g);
      int m = 2 + r.nextInt(4);
      int[] idx = new int[m];
      double[] val = new double[m];
      for (int e = 0; e < m; e++) {
        // One feature in five is shared by every word; the rest are the word's own.
        idx[e] = r.nextInt(5) == 0 ? 1000 + r.nextInt(10) : g * 100 + r.nextInt(60);
        val[e] = r.nextBoolean() ? 1.0 : r.nextDouble(-2, 2);
      }
      x.add(SparseVector.of(idx, val));
      int[] allowed = g == 3 ? new int[] {0, 1, 2, 3} : new int[] {g, g + 1};
      double sum = 0;
      for (int j : allowed) {
        t[i][j] = 0.05 + r.nextDouble();
        sum += t[i][j];
      }
      for (int j : allowed) {
        t[i][j] /= sum;
      }
    }
    return TrainingData.of(Fixtures.labels(k), x, t, Fixtures.weights(n, r), groups);
  }

  private static ShardedObjective sharded(TrainingData data, ObjectiveShard.Layout layout,
      int parts, double lambda, boolean squares) {
    List<ObjectiveShard> shards = shards(data, layout, parts);
    double[] sq = null;
    if (squares) {
      sq = new double[layout.featureIds().length];
      for (ObjectiveShard s : shards) {
        s.addSquares(sq);
      }
    }
    return new ShardedObjective(layout, lambda, (theta, grad) -> {
      double loss = 0;
      for (ObjectiveShard s : shards) {
        loss += s.addTo(theta, grad);
      }
      return loss;
    }, sq);
  }

  private static List<ObjectiveShard> shards(TrainingData data, ObjectiveShard.Layout layout,
      int parts) {
    List<ObjectiveShard> shards = new ArrayList<>();
    for (int b = 0; b < parts; b++) {
      int from = b * data.size() / parts;
      int to = (b + 1) * data.size() / parts;
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      shards.add(new ObjectiveShard(data.subset(rows), layout));
    }
    return shards;
  }

  @Test
  void shardSumsPlusPenaltyEqualTheWholeObjective() {
    TrainingData data = data();
    double lambda = 0.05;
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), false);
    ShardedObjective sharded = sharded(data, layout, 3, lambda, false);
    try (KlObjective whole = new KlObjective(new CompactProblem(data, false), lambda, 1)) {
      assertEquals(whole.features(), sharded.features());
      double[] theta = new SplittableRandom(3).doubles(layout.parameters(), -0.5, 0.5).toArray();
      double[] g1 = new double[theta.length];
      double[] g2 = new double[theta.length];
      double v1 = whole.value(theta);
      whole.gradient(theta, g1);
      double v2 = sharded.value(theta);
      sharded.gradient(theta, g2);
      assertEquals(v1, v2, 1e-12 * Math.abs(v1));
      assertArrayEquals(g1, g2, 1e-12);
    }
  }

  /**
   * Under a restricted inventory the whole problem's θ is sparse and the shards' dense: the dense
   * θ that holds the sparse one's weights (zeros elsewhere) has the same objective, the same
   * gradient at the sparse slots, and no data gradient outside them.
   */
  @Test
  void restrictedShardSumsEqualTheWholeSparseObjective() {
    TrainingData data = restrictedData();
    double lambda = 0.05;
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), true);
    ShardedObjective sharded = sharded(data, layout, 3, lambda, false);
    CompactProblem problem = new CompactProblem(data, true);
    WeightLayout sparse = problem.layout;
    int k = data.numLabels();
    assertTrue(sparse.weights < problem.f * k, "the restricted layout should be sparse");
    try (KlObjective whole = new KlObjective(problem, lambda, 1)) {
      assertEquals(whole.features(), sharded.features());
      double[] theta = new SplittableRandom(3).doubles(sparse.parameters(), -0.5, 0.5)
          .toArray();
      double[] denseTheta = new double[layout.parameters()];
      double[] weights = sparse.expand(theta);
      System.arraycopy(weights, 0, denseTheta, 0, weights.length);
      System.arraycopy(theta, sparse.weights, denseTheta, weights.length, k);
      double[] g1 = new double[theta.length];
      double[] g2 = new double[denseTheta.length];
      double v1 = whole.value(theta);
      whole.gradient(theta, g1);
      double v2 = sharded.value(denseTheta);
      sharded.gradient(denseTheta, g2);
      assertEquals(v1, v2, 1e-12 * Math.abs(v1));
      int outside = 0;
      for (int c = 0; c < problem.f; c++) {
        boolean[] inLayout = new boolean[k];
        for (int q = sparse.from(c); q < sparse.to(c); q++) {
          int j = sparse.labelOf(c, q);
          inLayout[j] = true;
          assertEquals(g1[q], g2[c * k + j], 1e-12, "feature " + c + ", label " + j);
        }
        for (int j = 0; j < k; j++) {
          if (!inLayout[j]) {
            outside++;
            assertEquals(0.0, g2[c * k + j], "feature " + c + ", label " + j);
          }
        }
      }
      assertTrue(outside > 0);
      for (int j = 0; j < k; j++) {
        assertEquals(g1[sparse.weights + j], g2[weights.length + j], 1e-12, "bias " + j);
      }
    }
  }

  @Test
  void shardedFitReachesTheLocalTrainersObjective() {
    TrainingData data = data();
    TrainerConfig config = TrainerConfig.defaults().withLambda(1e-2).withThreads(1)
        .withInventory(TrainerConfig.InventoryMode.RESTRICT).withPrecondition(true);
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), true);
    ShardedObjective sharded = sharded(data, layout, 4, config.lambda(), true);
    TrainingResult local = SoftmaxTrainer.fit(data, config);
    TrainingResult fit = sharded.fit(config, data, ProgressListener.NONE);
    double a = local.stats().finalObjective();
    assertEquals(a, fit.stats().finalObjective(), 1e-9 * a);
    SparseVector probe = data.features(5);
    assertArrayEquals(local.model().predict(probe, "w1"), fit.model().predict(probe, "w1"), 1e-5);
  }

  /**
   * The sharded fit runs the local trainer's own L-BFGS: over one shard, with λ = 0 (so that no
   * penalty is added in another order), every sum is the local one, and so is every step, on any
   * number of driver threads; over three shards the sums differ by rounding only.
   */
  @Test
  void shardedFitRunsTheLocalTrainersLbfgs() {
    TrainingData data = data();
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), false);
    TrainerConfig config = TrainerConfig.defaults().withLambda(0).withMaxIter(25).withThreads(1);
    TrainingResult local = SoftmaxTrainer.fit(data, config);
    for (int threads : new int[] {1, 3}) {
      TrainingResult fit = sharded(data, layout, 1, 0, false)
          .fit(config.withThreads(threads), data, ProgressListener.NONE);
      assertEquals(local.stats().iterations(), fit.stats().iterations());
      assertEquals(local.stats().evaluations(), fit.stats().evaluations());
      assertEquals(Double.doubleToLongBits(local.stats().finalObjective()),
          Double.doubleToLongBits(fit.stats().finalObjective()), threads + " threads");
      assertArrayEquals(local.model().weightArray(), fit.model().weightArray(), 0.0);
    }
    TrainerConfig penalised = config.withLambda(1e-2).withMaxIter(300);
    TrainingResult localPenalised = SoftmaxTrainer.fit(data, penalised);
    TrainingResult three = sharded(data, layout, 3, penalised.lambda(), false)
        .fit(penalised, data, ProgressListener.NONE);
    double a = localPenalised.stats().finalObjective();
    assertTrue(localPenalised.stats().converged() && three.stats().converged());
    assertEquals(a, three.stats().finalObjective(), 1e-12 * a);
  }

  /**
   * With real inventories (a sparse layout on the local trainer, a dense one on the shards) the
   * sharded fit reaches the local trainer's objective and builds the same model: the weights
   * outside the sparse layout stay 0.
   */
  @Test
  void shardedFitUnderRestrictedInventoriesBuildsTheLocalModel() {
    TrainingData data = restrictedData();
    TrainerConfig config = TrainerConfig.defaults().withLambda(1e-2).withThreads(1)
        .withInventory(TrainerConfig.InventoryMode.RESTRICT).withTol(1e-9);
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), true);
    ShardedObjective sharded = sharded(data, layout, 4, config.lambda(), false);
    TrainingResult local = SoftmaxTrainer.fit(data, config);
    TrainingResult fit = sharded.fit(config, data, ProgressListener.NONE);
    double a = local.stats().finalObjective();
    assertEquals(a, fit.stats().finalObjective(), 1e-7 * a);
    assertEquals(local.model().labelsWithoutMass(), fit.model().labelsWithoutMass());
    for (int i = 0; i < data.size(); i += 7) {
      String word = "w" + (i % 4);
      assertArrayEquals(local.model().predict(data.features(i), word),
          fit.model().predict(data.features(i), word), 1e-4, "row " + i);
    }
    CompactProblem problem = new CompactProblem(data, true);
    double[] dense = fit.model().weightArray();
    for (int c = 0; c < problem.f; c++) {
      boolean[] inLayout = new boolean[data.numLabels()];
      for (int q = problem.layout.from(c); q < problem.layout.to(c); q++) {
        inLayout[problem.layout.labelOf(c, q)] = true;
      }
      for (int j = 0; j < data.numLabels(); j++) {
        if (!inLayout[j]) {
          assertEquals(0.0, dense[c * data.numLabels() + j], "feature " + c + ", label " + j);
        }
      }
    }
  }
}
