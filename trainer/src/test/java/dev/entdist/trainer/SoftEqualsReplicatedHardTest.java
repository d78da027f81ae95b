package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Soft labels are hard labels replicated once per class with weight w_i·y_ik: both data sets
 * have the same objective up to the constant Σ w y log y, hence the same optimum.
 */
class SoftEqualsReplicatedHardTest {

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {11, 12, 13})
  void sameModel(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 150;
    int k = 4;
    List<SparseVector> x = Fixtures.sparseRows(n, 30, 5, r);
    double[][] t = Fixtures.softTargets(n, k, r);
    double[] w = Fixtures.weights(n, r);
    TrainingData soft = TrainingData.of(Fixtures.labels(k), x, t, w, null);

    List<SparseVector> rx = new ArrayList<>();
    List<double[]> rt = new ArrayList<>();
    List<Double> rw = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        if (t[i][j] > 0) {
          double[] onehot = new double[k];
          onehot[j] = 1;
          rx.add(x.get(i));
          rt.add(onehot);
          rw.add(w[i] * t[i][j]);
        }
      }
    }
    TrainingData hard = TrainingData.of(Fixtures.labels(k), rx, rt.toArray(new double[0][]),
        rw.stream().mapToDouble(Double::doubleValue).toArray(), null);

    TrainerConfig config = TrainerConfig.defaults().withLambda(1e-2).withTol(1e-8)
        .withMaxIter(2000).withThreads(1);
    TrainingResult a = SoftmaxTrainer.fit(soft, config);
    TrainingResult b = SoftmaxTrainer.fit(hard, config);
    assertTrue(a.stats().converged(), a.stats().toString());
    assertTrue(b.stats().converged(), b.stats().toString());
    // objectives differ exactly by the weighted mean target entropy (KL vs cross-entropy form)
    double sumW = 0;
    double entropy = 0;
    for (int i = 0; i < n; i++) {
      sumW += w[i];
      for (double y : t[i]) {
        entropy += y > 0 ? -w[i] * y * Math.log(y) : 0;
      }
    }
    assertEquals(a.stats().finalObjective() + entropy / sumW, b.stats().finalObjective(), 1e-9);
    for (int i = 0; i < n; i++) {
      double[] pa = a.model().predict(x.get(i), null);
      double[] pb = b.model().predict(x.get(i), null);
      for (int j = 0; j < k; j++) {
        assertEquals(pa[j], pb[j], 1e-6, "row " + i + " label " + j);
      }
    }
  }
}
