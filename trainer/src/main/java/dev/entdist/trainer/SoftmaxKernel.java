package dev.entdist.trainer;

/**
 * The one softmax/KL kernel every optimiser uses (L-BFGS through {@link KlObjective}, the
 * in-memory {@link AdamOptimizer} and {@link StreamingAdam}). For a sparse row x with target y
 * and weight ŵ over parameters θ = [W, b (K)]:
 *
 * <ul>
 *   <li>{@link #rowResiduals}: logits z = W x + b (labels outside the row's inventory get −∞),
 *       the row's loss ŵ·KL(y ‖ softmax(z)) and its residuals r = ŵ (p − y);
 *   <li>{@link #scatter}: ∂/∂W_f += x_f r for each of the row's features (minibatch updates);
 *   <li>{@link #columns}: ∂L/∂W_f = λ W_f + Σ_i x_if r_i over each column of a range (full passes,
 *       where adding in a fixed order keeps the result independent of the thread count).
 * </ul>
 *
 * <p>Weights sit where a {@link WeightLayout} says (dense F × K, or only the labels each feature can
 * influence). Allocation-free and stateless: callers own the scratch arrays, one per thread.
 */
final class SoftmaxKernel {

  private SoftmaxKernel() {}

  /**
   * The logits of one row: {@code z[j] = b_j + Σ_e vals[e]·W[cols[e]][j]} over {@code e ∈ [from,
   * to)} (a feature adds only to the labels it has slots for). With an inventory ({@code allowed}
   * = its labels, increasing) only those logits are computed and the others are −∞; {@code null}
   * means all labels.
   */
  static void logits(double[] theta, WeightLayout layout, int[] cols, double[] vals, int from,
      int to, int[] allowed, double[] z) {
    int k = layout.k;
    if (allowed != null) {
      inventoryLogits(theta, layout, cols, vals, from, to, allowed, z);
      return;
    }
    if (layout.label == null) {
      System.arraycopy(theta, layout.weights, z, 0, k);
      addGathered(cols, vals, from, to, theta, k, z, 0);
    } else {
      System.arraycopy(theta, layout.weights, z, 0, k);
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
  }

  /**
   * {@code out[outOff + j] += Σ_e values[e]·source[index[e]·K + j]} for every label j, the terms
   * added one after another onto out's value in entry order. The labels go in groups of up to
   * eight, each group's sums in registers over one stream of the entries: accumulating straight
   * into {@code out[j]} chains every entry through a store and a load of the same slot, which made
   * the passes several times slower, and each further group streams the entries again (K = 5 as
   * one group of five is 1.8× faster than as four and one). The dense row pass (logits from the
   * weights, {@code out} preset to the bias) and column pass (a feature's gradient from the
   * residuals, preset to λW) are both this loop. The grouping does not change any sum's order.
   */
  static void addGathered(int[] index, double[] values, int from, int to, double[] source, int k,
      double[] out, int outOff) {
    int j = 0;
    for (; k - j > 8; j += 8) {
      gather8(index, values, from, to, source, k, out, outOff + j, j);
    }
    int o = outOff + j;
    switch (k - j) {
      case 8 -> gather8(index, values, from, to, source, k, out, o, j);
      case 7 -> gather7(index, values, from, to, source, k, out, o, j);
      case 6 -> gather6(index, values, from, to, source, k, out, o, j);
      case 5 -> gather5(index, values, from, to, source, k, out, o, j);
      case 4 -> gather4(index, values, from, to, source, k, out, o, j);
      case 3 -> gather3(index, values, from, to, source, k, out, o, j);
      case 2 -> gather2(index, values, from, to, source, k, out, o, j);
      case 1 -> gather1(index, values, from, to, source, k, out, o, j);
      default -> { } // k = 0
    }
  }

  // The groups of addGathered: out[o + g] += Σ_e values[e]·source[index[e]·k + j + g], g < width.

  private static void gather8(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o], a1 = out[o + 1], a2 = out[o + 2], a3 = out[o + 3];
    double a4 = out[o + 4], a5 = out[o + 5], a6 = out[o + 6], a7 = out[o + 7];
    for (int e = from; e < to; e++) {
      double x = values[e];
      int w = index[e] * k + j;
      a0 += x * source[w];
      a1 += x * source[w + 1];
      a2 += x * source[w + 2];
      a3 += x * source[w + 3];
      a4 += x * source[w + 4];
      a5 += x * source[w + 5];
      a6 += x * source[w + 6];
      a7 += x * source[w + 7];
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3;
    out[o + 4] = a4; out[o + 5] = a5; out[o + 6] = a6; out[o + 7] = a7;
  }

  private static void gather7(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o], a1 = out[o + 1], a2 = out[o + 2], a3 = out[o + 3];
    double a4 = out[o + 4], a5 = out[o + 5], a6 = out[o + 6];
    for (int e = from; e < to; e++) {
      double x = values[e];
      int w = index[e] * k + j;
      a0 += x * source[w];
      a1 += x * source[w + 1];
      a2 += x * source[w + 2];
      a3 += x * source[w + 3];
      a4 += x * source[w + 4];
      a5 += x * source[w + 5];
      a6 += x * source[w + 6];
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3;
    out[o + 4] = a4; out[o + 5] = a5; out[o + 6] = a6;
  }

  private static void gather6(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o], a1 = out[o + 1], a2 = out[o + 2], a3 = out[o + 3];
    double a4 = out[o + 4], a5 = out[o + 5];
    for (int e = from; e < to; e++) {
      double x = values[e];
      int w = index[e] * k + j;
      a0 += x * source[w];
      a1 += x * source[w + 1];
      a2 += x * source[w + 2];
      a3 += x * source[w + 3];
      a4 += x * source[w + 4];
      a5 += x * source[w + 5];
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3;
    out[o + 4] = a4; out[o + 5] = a5;
  }

  private static void gather5(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o], a1 = out[o + 1], a2 = out[o + 2], a3 = out[o + 3];
    double a4 = out[o + 4];
    for (int e = from; e < to; e++) {
      double x = values[e];
      int w = index[e] * k + j;
      a0 += x * source[w];
      a1 += x * source[w + 1];
      a2 += x * source[w + 2];
      a3 += x * source[w + 3];
      a4 += x * source[w + 4];
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3;
    out[o + 4] = a4;
  }

  private static void gather4(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o], a1 = out[o + 1], a2 = out[o + 2], a3 = out[o + 3];
    for (int e = from; e < to; e++) {
      double x = values[e];
      int w = index[e] * k + j;
      a0 += x * source[w];
      a1 += x * source[w + 1];
      a2 += x * source[w + 2];
      a3 += x * source[w + 3];
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3;
  }

  private static void gather3(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o], a1 = out[o + 1], a2 = out[o + 2];
    for (int e = from; e < to; e++) {
      double x = values[e];
      int w = index[e] * k + j;
      a0 += x * source[w];
      a1 += x * source[w + 1];
      a2 += x * source[w + 2];
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2;
  }

  private static void gather2(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o], a1 = out[o + 1];
    for (int e = from; e < to; e++) {
      double x = values[e];
      int w = index[e] * k + j;
      a0 += x * source[w];
      a1 += x * source[w + 1];
    }
    out[o] = a0; out[o + 1] = a1;
  }

  private static void gather1(int[] index, double[] values, int from, int to, double[] source,
      int k, double[] out, int o, int j) {
    double a0 = out[o];
    for (int e = from; e < to; e++) {
      a0 += values[e] * source[index[e] * k + j];
    }
    out[o] = a0;
  }

  private static void inventoryLogits(double[] theta, WeightLayout layout, int[] cols,
      double[] vals, int from, int to, int[] allowed, double[] z) {
    int k = layout.k;
    java.util.Arrays.fill(z, 0, k, Double.NEGATIVE_INFINITY);
    for (int j : allowed) {
      z[j] = theta[layout.weights + j];
    }
    if (layout.label == null) {
      for (int e = from; e < to; e++) {
        double x = vals[e];
        int w = cols[e] * k;
        for (int j : allowed) {
          z[j] += x * theta[w + j];
        }
      }
      return;
    }
    int[] start = layout.start;
    int[] label = layout.label;
    for (int e = from; e < to; e++) {
      double x = vals[e];
      int c = cols[e];
      int lo = start[c];
      int hi = start[c + 1];
      if (hi - lo == k) { // the feature has every label: slot = lo + label
        for (int j : allowed) {
          z[j] += x * theta[lo + j];
        }
      } else {
        for (int j : allowed) {
          int q = java.util.Arrays.binarySearch(label, lo, hi, j);
          if (q >= 0) {
            z[j] += x * theta[q];
          }
        }
      }
    }
  }

  /**
   * One row of the objective: computes the logits (as {@link #logits}), writes the residuals
   * {@code weight·(p_j − y_j)} to {@code out[outOff..outOff+k)} (0 outside the inventory) and
   * returns the row's weighted loss {@code weight·KL(y ‖ p) = weight·(Σ y log y + logΣexp z −
   * Σ y z)}, the log-sum-exp over the inventory's labels.
   *
   * @param y the target row at {@code y[yOff..yOff+k)}, zero outside {@code allowed}
   * @param yLogY Σ_j y_j log y_j of that row (0·log 0 = 0)
   * @param z scratch of length ≥ k (left holding the logits)
   */
  static double rowResiduals(double[] theta, WeightLayout layout, int[] cols, double[] vals,
      int from, int to, int[] allowed, double[] y, int yOff, double yLogY, double weight,
      double[] z, double[] out, int outOff) {
    int k = layout.k;
    logits(theta, layout, cols, vals, from, to, allowed, z);
    if (allowed == null) {
      // one exp per label: e_j = exp(z_j − max) serves both log Σ exp z and p_j = e_j / Σ e
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, z[j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = Math.exp(z[j] - max);
        out[outOff + j] = e;
        sum += e;
      }
      double inv = 1 / sum;
      double yz = 0;
      for (int j = 0; j < k; j++) {
        // every logit is finite here (no inventory), so y_j = 0 adds 0: no branch, which soft
        // targets (zero or not at random) would mispredict (20 % of the softmax's time)
        double yj = y[yOff + j];
        yz += yj * z[j];
        out[outOff + j] = weight * (out[outOff + j] * inv - yj);
      }
      return weight * (yLogY + max + Math.log(sum) - yz);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int j : allowed) {
      max = Math.max(max, z[j]);
    }
    double sum = 0;
    for (int j : allowed) {
      sum += Math.exp(z[j] - max);
    }
    double lse = max + Math.log(sum);
    java.util.Arrays.fill(out, outOff, outOff + k, 0.0);
    double yz = 0;
    for (int j : allowed) {
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
    scatterWeights(grad, layout, cols, vals, from, to, r, rOff, 0, Integer.MAX_VALUE);
  }

  /**
   * The weight part of {@link #scatter} for the features {@code c ∈ [cLo, cHi)} only: threads
   * that own disjoint feature ranges can scatter the same rows at once, and each weight still
   * receives its rows' terms in row order.
   */
  static void scatterWeights(double[] grad, WeightLayout layout, int[] cols, double[] vals,
      int from, int to, double[] r, int rOff, int cLo, int cHi) {
    int k = layout.k;
    if (layout.label == null) {
      for (int e = from; e < to; e++) {
        int c = cols[e];
        if (c < cLo || c >= cHi) {
          continue;
        }
        double x = vals[e];
        int w = c * k;
        for (int j = 0; j < k; j++) {
          grad[w + j] += x * r[rOff + j];
        }
      }
    } else {
      int[] start = layout.start;
      int[] label = layout.label;
      for (int e = from; e < to; e++) {
        int c = cols[e];
        if (c < cLo || c >= cHi) {
          continue;
        }
        double x = vals[e];
        for (int q = start[c], end = start[c + 1]; q < end; q++) {
          grad[q] += x * r[rOff + label[q]];
        }
      }
    }
  }

  /**
   * The gradient of the features {@code c ∈ [cLo, cHi)} from the residuals of every row: {@code
   * ∂W[c] = λ·W[c] + Σ_e colVals[e]·r[colRows[e]]} on each feature's slots, over its column's
   * entries {@code [colStart[c], colStart[c + 1])}, added in entry order. A row with an inventory
   * ({@code inventories[rowInventory[row]]}, or none when −1) has zero residuals outside it, so
   * only its labels are visited. One call a range of features, not a feature: the columns are
   * short (11.3 entries on average on the peers' small set, half of them 1 or 2), and a call
   * a column cost as much as the column's arithmetic (the column pass took about 1.4× as long).
   *
   * @param slotOf scratch of length ≥ K (sparse layouts only)
   */
  static void columns(double[] theta, double[] grad, WeightLayout layout, int cLo, int cHi,
      int[] colStart, int[] colRows, double[] colVals, double[] residuals, double lambda,
      int[] rowInventory, int[][] inventories, int[] slotOf) {
    if (layout.label == null && inventories.length == 0) {
      int k = layout.k;
      for (int c = cLo; c < cHi; c++) {
        int w = c * k;
        for (int q = w; q < w + k; q++) {
          grad[q] = lambda * theta[q];
        }
        addGathered(colRows, colVals, colStart[c], colStart[c + 1], residuals, k, grad, w);
      }
      return;
    }
    for (int c = cLo; c < cHi; c++) {
      column(theta, grad, layout, c, colRows, colVals, colStart[c], colStart[c + 1], residuals,
          lambda, rowInventory, inventories, slotOf);
    }
  }

  /** One feature of {@link #columns} (any layout, any inventories). */
  private static void column(double[] theta, double[] grad, WeightLayout layout, int c, int[] colRows,
      double[] colVals, int from, int to, double[] residuals, double lambda, int[] rowInventory,
      int[][] inventories, int[] slotOf) {
    int k = layout.k;
    int lo = layout.from(c);
    int hi = layout.to(c);
    for (int q = lo; q < hi; q++) {
      grad[q] = lambda * theta[q];
    }
    if (inventories.length == 0 && (layout.label == null || hi - lo == k)) {
      addGathered(colRows, colVals, from, to, residuals, k, grad, lo);
      return;
    }
    if (layout.label == null || hi - lo == k) { // every label: slot = lo + label
      for (int e = from; e < to; e++) {
        double x = colVals[e];
        int row = colRows[e];
        int r = row * k;
        int m = rowInventory[row];
        if (m < 0) {
          for (int j = 0; j < k; j++) {
            grad[lo + j] += x * residuals[r + j];
          }
        } else {
          for (int j : inventories[m]) {
            grad[lo + j] += x * residuals[r + j];
          }
        }
      }
      return;
    }
    int[] label = layout.label;
    java.util.Arrays.fill(slotOf, 0, k, -1);
    for (int q = lo; q < hi; q++) {
      slotOf[label[q]] = q;
    }
    for (int e = from; e < to; e++) {
      double x = colVals[e];
      int row = colRows[e];
      int r = row * k;
      int m = rowInventory[row];
      if (m < 0) {
        for (int q = lo; q < hi; q++) {
          grad[q] += x * residuals[r + label[q]];
        }
      } else {
        for (int j : inventories[m]) {
          int q = slotOf[j];
          if (q >= 0) {
            grad[q] += x * residuals[r + j];
          }
        }
      }
    }
  }
}
