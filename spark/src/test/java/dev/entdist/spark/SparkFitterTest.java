package dev.entdist.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import dev.entdist.trainer.ProgressListener;
import dev.entdist.trainer.SoftmaxTrainer;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The objective summed over Spark partitions reaches the local trainer's optimum. */
class SparkFitterTest {

  /** Random sparse rows, soft targets, uneven weights, three words. */
  static TrainingData data(long seed, int n) {
    Random r = new Random(seed);
    List<String> labels = List.of("a", "b", "c", "d");
    List<SparseVector> x = new ArrayList<>();
    double[][] y = new double[n][];
    double[] w = new double[n];
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int nnz = 3 + r.nextInt(6);
      int[] idx = r.ints(nnz, 0, 400).sorted().distinct().toArray();
      double[] val = new double[idx.length];
      for (int j = 0; j < val.length; j++) {
        val[j] = 0.5 + r.nextDouble();
      }
      x.add(SparseVector.ofSorted(idx, val));
      int word = i % 3;
      double[] t = new double[4];
      // Word 0 never uses label d: an inventory restricts it.
      int labelsOfWord = word == 0 ? 3 : 4;
      double sum = 0;
      for (int j = 0; j < labelsOfWord; j++) {
        t[j] = r.nextDouble() + (idx[0] % labelsOfWord == j ? 2 : 0);
        sum += t[j];
      }
      for (int j = 0; j < 4; j++) {
        t[j] /= sum;
      }
      y[i] = t;
      w[i] = 0.5 + r.nextDouble();
      groups.add("w" + word);
    }
    return TrainingData.of(labels, x, y, w, groups);
  }

  /** λ large enough that L-BFGS converges (max |∂L/∂θ| ≤ 1e-6) in few iterations. */
  private static TrainerConfig config() {
    return TrainerConfig.defaults().withLambda(1e-2).withMaxIter(300).withThreads(1);
  }

  private static void assertSameFit(TrainingResult local, TrainingResult spark) {
    double a = local.stats().finalObjective();
    double b = spark.stats().finalObjective();
    assertEquals(a, b, 1e-6 * Math.abs(a), "final objective");
    double[] p = local.model().predict(SparseVector.ofSorted(new int[] {1, 7, 40},
        new double[] {1, 1, 1}), "w1");
    double[] q = spark.model().predict(SparseVector.ofSorted(new int[] {1, 7, 40},
        new double[] {1, 1, 1}), "w1");
    assertArrayEquals(p, q, 1e-4);
    assertEquals(local.stats().features(), spark.stats().features());
    assertTrue(local.stats().converged() && spark.stats().converged(), "both converged");
  }

  @Test
  void fitEqualsTheLocalTrainer() {
    TrainingData data = data(1, 600);
    TrainingResult local = SoftmaxTrainer.fit(data, config());
    TrainingResult spark = new SparkFitter(TestSpark.context(), 3)
        .fit(data, config(), ProgressListener.NONE);
    assertSameFit(local, spark);
  }

  @Test
  void restrictedAndPreconditionedFitEqualsTheLocalTrainer() {
    TrainingData data = data(2, 400);
    TrainerConfig c = config().withInventory(TrainerConfig.InventoryMode.RESTRICT)
        .withPrecondition(true);
    TrainingResult local = SoftmaxTrainer.fit(data, c);
    TrainingResult spark = new SparkFitter(TestSpark.context(), 4)
        .fit(data, c, ProgressListener.NONE);
    assertSameFit(local, spark);
    assertEquals(0.0, spark.model().predict(SparseVector.ofSorted(new int[] {3},
        new double[] {1}), "w0")[3], 1e-2, "word 0's inventory leaves d out");
  }

  /**
   * The driver runs the local trainer's L-BFGS: over one partition with λ = 0 (no penalty added
   * on the driver in another order) every sum, and so every step, is the local trainer's.
   */
  @Test
  void onePartitionRetracesTheLocalTrainerBitForBit() {
    TrainingData data = data(4, 300);
    TrainerConfig c = config().withLambda(0).withMaxIter(15);
    TrainingResult local = SoftmaxTrainer.fit(data, c);
    TrainingResult spark = new SparkFitter(TestSpark.context(), 1)
        .fit(data, c.withThreads(2), ProgressListener.NONE);
    assertEquals(local.stats().iterations(), spark.stats().iterations());
    assertEquals(local.stats().evaluations(), spark.stats().evaluations());
    assertEquals(Double.doubleToLongBits(local.stats().finalObjective()),
        Double.doubleToLongBits(spark.stats().finalObjective()));
  }

  @Test
  void aFixedPartitioningIsDeterministic() {
    TrainingData data = data(3, 500);
    TrainerConfig c = config().withMaxIter(10);
    double first = new SparkFitter(TestSpark.context(), 3).fit(data, c, ProgressListener.NONE)
        .stats().finalObjective();
    double second = new SparkFitter(TestSpark.context(), 3).fit(data, c, ProgressListener.NONE)
        .stats().finalObjective();
    assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(second));
    assertTrue(first > 0);
  }
}
