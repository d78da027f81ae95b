package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analytic gradient of the objective against central finite differences. */
class GradientCheckTest {

  @ParameterizedTest(name = "seed={0} k={1} d={2} nnz={3} restrict={4}")
  @CsvSource({
      "1, 2, 6, 6, false", // dense: every row holds most features
      "2, 3, 40, 4, false",
      "3, 5, 200, 8, false",
      "4, 8, 30, 30, false",
      "5, 4, 50, 5, true",
      "6, 7, 80, 6, true"})
  void gradientMatchesFiniteDifferences(long seed, int k, int d, int nnz, boolean restrict) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 60;
    List<SparseVector> x = Fixtures.sparseRows(n, d, nnz, r);
    double[][] t = Fixtures.softTargets(n, k, r);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(i % 4 == 3 ? null : "w" + (i % 3));
    }
    TrainingData data = TrainingData.of(Fixtures.labels(k), x, t, Fixtures.weights(n, r), groups);
    CompactProblem p = new CompactProblem(data, restrict);
    double lambda = 0.05;
    try (KlObjective obj = new KlObjective(p, lambda, 2)) {
      double[] theta = new double[p.parameters()];
      for (int j = 0; j < theta.length; j++) {
        theta[j] = r.nextDouble(-1, 1);
      }
      double[] grad = new double[theta.length];
      obj.valueAndGradient(theta, grad);
      double h = 1e-6;
      double[] scratch = new double[theta.length];
      for (int j = 0; j < theta.length; j++) {
        double keep = theta[j];
        theta[j] = keep + h;
        double up = obj.valueAndGradient(theta, scratch);
        theta[j] = keep - h;
        double down = obj.valueAndGradient(theta, scratch);
        theta[j] = keep;
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, grad[j], 1e-7 * Math.max(1, Math.abs(numeric)), "parameter " + j);
      }
      assertTrue(obj.value(theta) > 0);
    }
  }
}
