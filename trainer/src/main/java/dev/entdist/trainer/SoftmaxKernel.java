package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;

/**
 * The one softmax/KL kernel every optimiser uses (L-BFGS through {@link KlObjective}, the
 * in-memory {@link AdamOptimizer} and {@link StreamingAdam}). For a sparse row x with target y
 * and weight ŵ over parameters θ = [W (F rows of K), b (K)]:
 *
 * <ul>
 *   <li>{@link #rowResiduals}: logits z = W x + b (labels outside the row's inventory get −∞),
 *       the row's loss ŵ·KL(y ‖ softmax(z)) and its residuals r = ŵ (p − y);
 *   <li>{@link #scatter}: ∂/∂W_f += x_f r for each of the row's features (minibatch updates);
 *   <li>{@link #column}: ∂L/∂W_f = λ W_f + Σ_i x_if r_i over a feature's column (full passes,
 *       where adding in a fixed order keeps the result independent of the thread count).
 * </ul>
 *
 * <p>Allocation-free and stateless: callers own the scratch arrays, one per thread.
 */
final class SoftmaxKernel {

  private SoftmaxKernel() {}

  /**
   * The logits of one row: {@code z[0..k) = θ[biasOff..biasOff+k) + Σ_e vals[e]·θ[cols[e]·k ..]}
   * over {@code e ∈ [from, to)}, then −∞ where {@code allowed} (if not {@code null}) is false.
   */
  static void logits(double[] theta, int biasOff, int k, int[] cols, double[] vals, int from,
      int to, boolean[] allowed, double[] z) {
    System.arraycopy(theta, biasOff, z, 0, k);
    for (int e = from; e < to; e++) {
      double x = vals[e];
      int w = cols[e] * k;
      for (int j = 0; j < k; j++) {
        z[j] += x * theta[w + j];
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
  static double rowResiduals(double[] theta, int biasOff, int k, int[] cols, double[] vals,
      int from, int to, boolean[] allowed, double[] y, int yOff, double yLogY, double weight,
      double[] z, double[] out, int outOff) {
    logits(theta, biasOff, k, cols, vals, from, to, allowed, z);
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
   * Adds a row's residuals to a gradient: {@code grad[cols[e]·k + j] += vals[e]·r[rOff + j]} for
   * each feature, and {@code grad[biasOff + j] += r[rOff + j]}.
   */
  static void scatter(double[] grad, int biasOff, int k, int[] cols, double[] vals, int from,
      int to, double[] r, int rOff) {
    for (int j = 0; j < k; j++) {
      grad[biasOff + j] += r[rOff + j];
    }
    for (int e = from; e < to; e++) {
      double x = vals[e];
      int w = cols[e] * k;
      for (int j = 0; j < k; j++) {
        grad[w + j] += x * r[rOff + j];
      }
    }
  }

  /**
   * One feature's gradient from the residuals of every row: {@code grad[c·k + j] = λ·θ[c·k + j]
   * + Σ_e colVals[e]·residuals[colRows[e]·k + j]} over the column's entries {@code [from, to)},
   * added in entry order.
   */
  static void column(double[] theta, double[] grad, int c, int k, int[] colRows,
      double[] colVals, int from, int to, double[] residuals, double lambda) {
    int g = c * k;
    for (int j = 0; j < k; j++) {
      grad[g + j] = lambda * theta[g + j];
    }
    for (int e = from; e < to; e++) {
      double x = colVals[e];
      int r = colRows[e] * k;
      for (int j = 0; j < k; j++) {
        grad[g + j] += x * residuals[r + j];
      }
    }
  }
}
