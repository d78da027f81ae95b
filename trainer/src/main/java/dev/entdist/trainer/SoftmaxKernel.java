package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;

/**
 * The one softmax/KL kernel every optimiser uses (L-BFGS through {@link KlObjective}, the
 * in-memory {@link AdamOptimizer} and {@link StreamingAdam}). For a sparse row x with target y
 * and weight ŵ over parameters θ = [W, b (K)]:
 *
 * <ul>
 *   <li>{@link #rowResiduals}: logits z = W x + b (labels outside the row's inventory get −∞),
 *       the row's loss ŵ·KL(y ‖ softmax(z)) and its residuals r = ŵ (p − y);
 *   <li>{@link #scatter}: ∂/∂W_f += x_f r for each of the row's features (minibatch updates);
 *   <li>{@link #column}: ∂L/∂W_f = λ W_f + Σ_i x_if r_i over a feature's column (full passes,
 *       where adding in a fixed order keeps the result independent of the thread count).
 * </ul>
 *
 * <p>Weights sit where a {@link WeightLayout} says (dense F × K, or only the labels each feature can
 * influence). Allocation-free and stateless: callers own the scratch arrays, one per thread.
 */
final class SoftmaxKernel {

  private SoftmaxKernel() {}

  /**
   * The logits of one row: {@code z[0..k) = b + Σ_e vals[e]·W[cols[e]]} over {@code e ∈ [from,
   * to)} (each feature adds only to the labels it has slots for), then −∞ where {@code allowed}
   * (if not {@code null}) is false.
   */
  static void logits(double[] theta, WeightLayout layout, int[] cols, double[] vals, int from,
      int to, boolean[] allowed, double[] z) {
    int k = layout.k;
    System.arraycopy(theta, layout.weights, z, 0, k);
    if (layout.label == null) {
      for (int e = from; e < to; e++) {
        double x = vals[e];
        int w = cols[e] * k;
        for (int j = 0; j < k; j++) {
          z[j] += x * theta[w + j];
        }
      }
    } else {
      int[] start = layout.start;
      int[] label = layout.label;
      for (int e = from; e < to; e++) {
        double x = vals[e];
        int c = cols[e];
        for (int q = start[c], end = start[c + 1]; q < end; q++) {
          z[label[q]] += x * theta[q];
        }
      }
    }
    if (allowed != null) {
      for (int j = 0; j < k; j++) {
        if (!allowed[j]) {
          z[j] = Double.NEGATIVE_INFINITY;
        }
      }
    }
  }

  /**
   * One row of the objective: computes the logits (as {@link #logits}), writes the residuals
   * {@code weight·(p_j − y_j)} to {@code out[outOff..outOff+k)} and returns the row's weighted
   * loss {@code weight·KL(y ‖ p) = weight·(Σ y log y + logΣexp z − Σ y z)}.
   *
   * @param y the target row at {@code y[yOff..yOff+k)}, zero outside {@code allowed}
   * @param yLogY Σ_j y_j log y_j of that row (0·log 0 = 0)
   * @param z scratch of length ≥ k (left holding the logits)
   */
  static double rowResiduals(double[] theta, WeightLayout layout, int[] cols, double[] vals,
      int from, int to, boolean[] allowed, double[] y, int yOff, double yLogY, double weight,
      double[] z, double[] out, int outOff) {
    int k = layout.k;
    logits(theta, layout, cols, vals, from, to, allowed, z);
    double lse = Kernels.logSumExp(z, 0, k);
    double yz = 0;
    for (int j = 0; j < k; j++) {
      double yj = y[yOff + j];
      if (yj > 0) {
        yz += yj * z[j];
      }
      out[outOff + j] = weight * (Math.exp(z[j] - lse) - yj);
    }
    return weight * (yLogY + lse - yz);
  }

  /** Σ_j y_j log y_j of {@code y[off..off+k)} with 0·log 0 = 0 (minus the entropy). */
  static double yLogY(double[] y, int off, int k) {
    double s = 0;
    for (int j = 0; j < k; j++) {
      double yj = y[off + j];
      if (yj > 0) {
        s += yj * Math.log(yj);
      }
    }
    return s;
  }

  /**
   * Adds a row's residuals to a gradient: {@code ∂W[cols[e]] += vals[e]·r} on each feature's
   * slots, and {@code ∂b += r}.
   */
  static void scatter(double[] grad, WeightLayout layout, int[] cols, double[] vals, int from,
      int to, double[] r, int rOff) {
    int k = layout.k;
    int biasOff = layout.weights;
    for (int j = 0; j < k; j++) {
      grad[biasOff + j] += r[rOff + j];
    }
    if (layout.label == null) {
      for (int e = from; e < to; e++) {
        double x = vals[e];
        int w = cols[e] * k;
        for (int j = 0; j < k; j++) {
          grad[w + j] += x * r[rOff + j];
        }
      }
    } else {
      int[] start = layout.start;
      int[] label = layout.label;
      for (int e = from; e < to; e++) {
        double x = vals[e];
        int c = cols[e];
        for (int q = start[c], end = start[c + 1]; q < end; q++) {
          grad[q] += x * r[rOff + label[q]];
        }
      }
    }
  }

  /**
   * One feature's gradient from the residuals of every row: {@code ∂W[c] = λ·W[c] + Σ_e
   * colVals[e]·r[colRows[e]]} on the feature's slots, over the column's entries {@code [from,
   * to)}, added in entry order.
   */
  static void column(double[] theta, double[] grad, WeightLayout layout, int c, int[] colRows,
      double[] colVals, int from, int to, double[] residuals, double lambda) {
    int k = layout.k;
    int lo = layout.from(c);
    int hi = layout.to(c);
    for (int q = lo; q < hi; q++) {
      grad[q] = lambda * theta[q];
    }
    if (layout.label == null) {
      for (int e = from; e < to; e++) {
        double x = colVals[e];
        int r = colRows[e] * k;
        for (int j = 0; j < k; j++) {
          grad[lo + j] += x * residuals[r + j];
        }
      }
    } else {
      int[] label = layout.label;
      for (int e = from; e < to; e++) {
        double x = colVals[e];
        int r = colRows[e] * k;
        for (int q = lo; q < hi; q++) {
          grad[q] += x * residuals[r + label[q]];
        }
      }
    }
  }
}
