package dev.entdist.trainer;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random problems for the tests. */
final class Fixtures {

  private Fixtures() {}

  static List<String> labels(int k) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      out.add("l" + (char) ('a' + j));
    }
    return out;
  }

  /** Random sparse rows over d features with about nnz entries each. */
  static List<SparseVector> sparseRows(int n, int d, int nnz, SplittableRandom r) {
    List<SparseVector> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int m = 1 + r.nextInt(nnz);
      int[] idx = new int[m];
      double[] val = new double[m];
      for (int e = 0; e < m; e++) {
        idx[e] = r.nextInt(d);
        val[e] = r.nextBoolean() ? 1.0 : r.nextDouble(-2, 2);
      }
      rows.add(SparseVector.of(idx, val));
    }
    return rows;
  }

  /** Random distributions, some with zeros. */
  static double[][] softTargets(int n, int k, SplittableRandom r) {
    double[][] t = new double[n][k];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        t[i][j] = r.nextDouble() < 0.25 ? 0 : -Math.log(r.nextDouble());
        s += t[i][j];
      }
      if (s == 0) {
        t[i][r.nextInt(k)] = s = 1;
      }
      for (int j = 0; j < k; j++) {
        t[i][j] /= s;
      }
    }
    return t;
  }

  static double[] weights(int n, SplittableRandom r) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = r.nextDouble() < 0.1 ? 0 : r.nextDouble(0.1, 3);
    }
    w[0] = 1;
    return w;
  }

  /**
   * The objective of the design recomputed from a model's public predictions and weights:
   * (1/Σw)·Σ_i w_i·KL(y_i ‖ model(x_i)) + (λ/2)·Σ W², for a model without inventories.
   */
  static double objectiveOf(SoftmaxModel m, TrainingData d, double lambda) {
    if (m.restricted()) {
      throw new IllegalArgumentException("restricted models predict with δ outside inventories");
    }
    double data = 0;
    double wsum = 0;
    for (int i = 0; i < d.size(); i++) {
      double[] y = d.target(i);
      double[] q = m.predict(d.features(i), null);
      double kl = 0;
      for (int j = 0; j < y.length; j++) {
        if (y[j] > 0) {
          kl += y[j] * Math.log(y[j] / q[j]);
        }
      }
      data += d.weight(i) * kl;
      wsum += d.weight(i);
    }
    double sq = 0;
    for (int f : m.featureIds()) {
      for (int j = 0; j < m.labels().size(); j++) {
        sq += m.weight(f, j) * m.weight(f, j);
      }
    }
    return data / wsum + 0.5 * lambda * sq;
  }
}
