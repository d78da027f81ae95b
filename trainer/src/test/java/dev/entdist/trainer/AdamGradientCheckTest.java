package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entdist.divergence.Kernels;
import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adam's minibatch gradient against central finite differences of the batch's data term
 * Σ_{i∈B} (w_i/Σ_B w)·KL(y_i ‖ softmax(z_i)), written here from the loss alone.
 */
class AdamGradientCheckTest {

  @ParameterizedTest(name = "seed={0} k={1} d={2} batch={3} restrict={4}")
  @CsvSource({
      "11, 2, 10, 7, false",
      "12, 4, 40, 16, false",
      "13, 6, 60, 25, true",
      "14, 3, 30, 40, true"})
  void batchGradientMatchesFiniteDifferences(long seed, int k, int d, int batch,
      boolean restrict) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 40;
    List<SparseVector> x = Fixtures.sparseRows(n, d, 5, r);
    double[][] t = Fixtures.softTargets(n, k, r);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(i % 5 == 4 ? null : "w" + (i % 3));
    }
    TrainingData data = TrainingData.of(Fixtures.labels(k), x, t, Fixtures.weights(n, r), groups);
    CompactProblem p = new CompactProblem(data, restrict);
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = (i * 7 + 3) % n; // a permutation, as a shuffled epoch would give
    }
    int from = 5;
    int to = Math.min(n, from + batch);
    double wsum = 0;
    for (int q = from; q < to; q++) {
      wsum += p.normWeights[rows[q]];
    }
    double[] theta = new double[p.parameters()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = r.nextDouble(-1, 1);
    }
    double[] grad = new double[theta.length];
    try (KlObjective objective = new KlObjective(p, 0.0, 3)) { // the optimiser's threaded form
      AdamOptimizer.batchGradient(objective, theta, rows, from, to, wsum, grad,
          new double[(to - from) * p.k]);
    }

    double h = 1e-6;
    for (int j = 0; j < theta.length; j++) {
      double keep = theta[j];
      theta[j] = keep + h;
      double up = batchLoss(p, theta, rows, from, to, wsum);
      theta[j] = keep - h;
      double down = batchLoss(p, theta, rows, from, to, wsum);
      theta[j] = keep;
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, grad[j], 1e-7 * Math.max(1, Math.abs(numeric)), "parameter " + j);
    }
  }

  private static double batchLoss(CompactProblem p, double[] theta, int[] rows, int from, int to,
      double wsum) {
    int k = p.k;
    double[] z = new double[k];
    double loss = 0;
    for (int q = from; q < to; q++) {
      int i = rows[q];
      AdamOptimizer.logits(p, theta, i, z);
      loss += p.normWeights[i] / wsum * Kernels.klDivergenceFromLogits(p.targets, i * k, z, 0, k);
    }
    return loss;
  }
}
