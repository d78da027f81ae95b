package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    List<ObjectiveShard> shards = shards(data, layout, 3);
    ShardedObjective sharded = new ShardedObjective(layout, lambda, (theta, grad) -> {
      double loss = 0;
      for (ObjectiveShard s : shards) {
        loss += s.addTo(theta, grad);
      }
      return loss;
    }, null);
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

  @Test
  void shardedFitReachesTheLocalTrainersObjective() {
    TrainingData data = data();
    TrainerConfig config = TrainerConfig.defaults().withLambda(1e-2).withThreads(1)
        .withInventory(TrainerConfig.InventoryMode.RESTRICT).withPrecondition(true);
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), true);
    List<ObjectiveShard> shards = shards(data, layout, 4);
    double[] squares = new double[layout.featureIds().length];
    shards.forEach(s -> s.addSquares(squares));
    ShardedObjective sharded = new ShardedObjective(layout, config.lambda(), (theta, grad) -> {
      double loss = 0;
      for (ObjectiveShard s : shards) {
        loss += s.addTo(theta, grad);
      }
      return loss;
    }, squares);
    TrainingResult local = SoftmaxTrainer.fit(data, config);
    TrainingResult fit = sharded.fit(config, data.size(), data.inventories(),
        ProgressListener.NONE);
    double a = local.stats().finalObjective();
    assertEquals(a, fit.stats().finalObjective(), 1e-9 * a);
    SparseVector probe = data.features(5);
    assertArrayEquals(local.model().predict(probe, "w1"), fit.model().predict(probe, "w1"), 1e-5);
  }
}
