package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smile.classification.Maxent;

/**
 * On hard labels at λ = 0 the objective is multinomial logistic regression. Smile's Maxent
 * parametrises it differently (and sums instead of averaging), but on non-separable data the
 * optimum's predicted distributions are unique, so both must predict the same distributions.
 */
class MaxentReferenceTest {

  @ParameterizedTest(name = "seed={0} k={1}")
  @CsvSource({"21, 2", "22, 3", "23, 4"})
  void sameDistributionsAsSmileMaxent(long seed, int k) {
    SplittableRandom r = new SplittableRandom(seed);
    int p = 6;
    int n = 600;
    // 2 of 6 binary features per row: 15 feature sets, each seen with several labels
    int[][] rows = new int[n][];
    int[] y = new int[n];
    List<SparseVector> x = new ArrayList<>();
    double[][] targets = new double[n][k];
    for (int i = 0; i < n; i++) {
      int a = r.nextInt(p);
      int b = (a + 1 + r.nextInt(p - 1)) % p;
      rows[i] = new int[] {Math.min(a, b), Math.max(a, b)};
      y[i] = (a + b + r.nextInt(3)) % k;
      x.add(SparseVector.of(rows[i], new double[] {1, 1}));
      targets[i][y[i]] = 1;
    }
    for (int j = 0; j < k; j++) {
      y[j] = j; // every class occurs
      Arrays.fill(targets[j], 0);
      targets[j][j] = 1;
    }
    Maxent reference = Maxent.fit(p, rows, y, 0.0, 1e-10, 5000);
    TrainingData data = TrainingData.of(Fixtures.labels(k), x, targets, null, null);
    TrainingResult ours = SoftmaxTrainer.fit(data,
        TrainerConfig.defaults().withLambda(0).withTol(1e-8).withMaxIter(5000).withThreads(1));
    double[] expected = new double[k];
    for (int i = 0; i < n; i++) {
      reference.predict(rows[i], expected);
      double[] got = ours.model().predict(x.get(i), null);
      for (int j = 0; j < k; j++) {
        assertEquals(expected[j], got[j], 1e-4, "row " + i + " label " + j);
      }
    }
  }
}
