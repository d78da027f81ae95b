package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.Kernels;
import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data sampled from a known softmax (soft targets = the empirical distribution of a few sampled
 * votes): the learned distributions approach the true ones as the number of examples grows.
 */
class PlantedModelTest {

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {31, 32})
  void recoversThePlantedDistributions(long seed) {
    int k = 4;
    int d = 20;
    SplittableRandom r = new SplittableRandom(seed);
    double[] w = new double[d * k];
    for (int j = 0; j < w.length; j++) {
      w[j] = r.nextGaussian() * 1.0;
    }
    List<SparseVector> probe = rows(300, d, r);
    double previous = Double.POSITIVE_INFINITY;
    for (int n : new int[] {200, 2000, 20000}) {
      List<SparseVector> x = rows(n, d, r);
      double[][] t = new double[n][];
      for (int i = 0; i < n; i++) {
        double[] q = truth(w, x.get(i), k);
        t[i] = new double[k];
        for (int v = 0; v < 5; v++) { // five annotators
          double u = r.nextDouble();
          int pick = 0;
          for (double c = q[0]; u >= c && pick < k - 1; c += q[++pick]) { }
          t[i][pick] += 0.2;
        }
      }
      TrainingData data = TrainingData.of(Fixtures.labels(k), x, t, null, null);
      SoftmaxModel m = SoftmaxTrainer.fit(data,
          TrainerConfig.defaults().withLambda(1e-6).withMaxIter(500).withThreads(2)).model();
      double kl = 0;
      for (SparseVector v : probe) {
        kl += Kernels.klDivergence(truth(w, v, k), 0, m.predict(v, null), 0, k) / probe.size();
      }
      assertTrue(kl < previous, "n=" + n + ": KL(true||learned) " + kl + " not below " + previous);
      previous = kl;
    }
    assertTrue(previous < 0.01, "KL(true||learned) at n=20000 is " + previous);
  }

  private static List<SparseVector> rows(int n, int d, SplittableRandom r) {
    List<SparseVector> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] idx = {r.nextInt(d), r.nextInt(d), r.nextInt(d)};
      out.add(SparseVector.of(idx, new double[] {1, 1, 1}));
    }
    return out;
  }

  private static double[] truth(double[] w, SparseVector x, int k) {
    double[] z = new double[k];
    for (int j = 0; j < k; j++) {
      z[j] = x.dot(w, j, k);
    }
    Kernels.softmaxInPlace(z, 0, k);
    return z;
  }
}
