package dev.entdist.trainer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training data in the objective's layout: feature columns remapped to the compact rows of a
 * {@link FeatureIndex}, the same matrix also stored by column (for the gradient pass), weights
 * normalised to sum 1, each row's Σ y·log y, each row's label mask (inventory) or none, and the
 * {@link WeightLayout} of the parameters.
 */
final class CompactProblem {

  final int n;
  final int k;
  final int f;
  final FeatureIndex index;
  final int[] rowStart;
  final int[] cols;
  final double[] vals;
  final int[] colStart;
  final int[] colRows;
  final double[] colVals;
  final double[] targets;
  final double[] normWeights;
  final double[] negEntropy;
  /** Per row: the index into {@link #masks}, or −1 for all labels. */
  final int[] maskOf;
  final boolean[][] masks;
  /** The labels of each mask, increasing. */
  final int[][] inventories;
  /** Where each feature's weights sit in θ: only labels it can influence when restricted. */
  final WeightLayout layout;

  CompactProblem(TrainingData data, boolean restrict) {
    this(data, restrict, FeatureIndex.ofColumns(data.columnArray()), weightTotal(data), restrict);
  }

  /**
   * Some rows of a larger problem: columns compacted by that problem's {@code index}, weights
   * normalised by its {@code weightTotal}, so the sums over the parts add up to the whole's.
   * The layout is dense even when {@code restrict}: a sparse one computed from these rows alone
   * would not be the whole problem's, and every part must agree on θ. (Under a restricted
   * inventory the weights outside it get no gradient, so from θ = 0 they stay 0.)
   */
  CompactProblem(TrainingData data, boolean restrict, FeatureIndex index, double weightTotal) {
    this(data, restrict, index, weightTotal, false);
  }

  private CompactProblem(TrainingData data, boolean restrict, FeatureIndex index,
      double weightTotal, boolean sparse) {
    n = data.size();
    k = data.numLabels();
    this.index = index;
    f = index.size();
    rowStart = data.rowStartArray();
    vals = data.valueArray();
    targets = data.targetArray();
    int[] original = data.columnArray();
    cols = new int[original.length];
    for (int e = 0; e < cols.length; e++) {
      cols[e] = index.row(original[e]);
    }
    colStart = new int[f + 1];
    for (int c : cols) {
      colStart[c + 1]++;
    }
    for (int c = 0; c < f; c++) {
      colStart[c + 1] += colStart[c];
    }
    colRows = new int[cols.length];
    colVals = new double[cols.length];
    int[] fill = colStart.clone();
    for (int i = 0; i < n; i++) {
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        int at = fill[cols[e]]++;
        colRows[at] = i;
        colVals[at] = vals[e];
      }
    }
    double[] w = data.weightArray();
    double sum = weightTotal;
    normWeights = new double[n];
    negEntropy = new double[n];
    for (int i = 0; i < n; i++) {
      normWeights[i] = w[i] / sum;
      double s = 0;
      for (int j = 0; j < k; j++) {
        double y = targets[i * k + j];
        if (y > 0) {
          s += y * Math.log(y);
        }
      }
      negEntropy[i] = s;
    }
    maskOf = new int[n];
    java.util.Arrays.fill(maskOf, -1);
    if (restrict) {
      List<String> labels = data.labels();
      Map<String, Set<String>> inv = data.inventories();
      Map<String, Integer> ids = new HashMap<>();
      java.util.ArrayList<boolean[]> list = new java.util.ArrayList<>();
      String[] groups = data.groupArray();
      for (int i = 0; i < n; i++) {
        String g = groups[i];
        if (g == null || !inv.containsKey(g)) {
          continue;
        }
        maskOf[i] = ids.computeIfAbsent(g, key -> {
          boolean[] m = new boolean[k];
          for (int j = 0; j < k; j++) {
            m[j] = inv.get(key).contains(labels.get(j));
          }
          list.add(m);
          return list.size() - 1;
        });
      }
      masks = list.toArray(new boolean[0][]);
    } else {
      masks = new boolean[0][];
    }
    inventories = new int[masks.length][];
    for (int m = 0; m < masks.length; m++) {
      int count = 0;
      for (boolean b : masks[m]) {
        count += b ? 1 : 0;
      }
      inventories[m] = new int[count];
      for (int j = 0, q = 0; j < k; j++) {
        if (masks[m][j]) {
          inventories[m][q++] = j;
        }
      }
    }
    layout = sparse ? restrictedLayout() : WeightLayout.dense(f, k);
  }

  /** Σ w over the rows, in row order. */
  static double weightTotal(TrainingData data) {
    double sum = 0;
    for (double v : data.weightArray()) {
      sum += v;
    }
    return sum;
  }

  /**
   * Each feature gets the labels of the rows it occurs in (all K for a row without an
   * inventory): the only weights the objective depends on.
   */
  private WeightLayout restrictedLayout() {
    int[][] allowed = new int[f][];
    boolean[] any = new boolean[k];
    int[] seenMask = new int[masks.length];
    java.util.Arrays.fill(seenMask, -1);
    for (int c = 0; c < f; c++) {
      java.util.Arrays.fill(any, false);
      boolean all = false;
      for (int e = colStart[c]; e < colStart[c + 1] && !all; e++) {
        int m = maskOf[colRows[e]];
        if (m < 0) {
          all = true;
        } else if (seenMask[m] != c) {
          seenMask[m] = c;
          boolean[] mask = masks[m];
          for (int j = 0; j < k; j++) {
            any[j] |= mask[j];
          }
        }
      }
      int count = 0;
      for (int j = 0; j < k; j++) {
        count += all || any[j] ? 1 : 0;
      }
      int[] labels = new int[count];
      for (int j = 0, q = 0; j < k; j++) {
        if (all || any[j]) {
          labels[q++] = j;
        }
      }
      allowed[c] = labels;
    }
    return WeightLayout.of(k, allowed);
  }

  /** Row i's inventory labels (increasing), or {@code null} for all labels. */
  int[] inventoryOf(int i) {
    int m = maskOf[i];
    return m >= 0 ? inventories[m] : null;
  }

  /** Number of parameters: the weight slots of {@link #layout} then K biases. */
  int parameters() {
    return layout.parameters();
  }

  /** Root mean square of each compact feature over the weighted rows (0 never occurs). */
  double[] featureScales() {
    double[] s = new double[f];
    for (int c = 0; c < f; c++) {
      double acc = 0;
      for (int e = colStart[c]; e < colStart[c + 1]; e++) {
        acc += normWeights[colRows[e]] * colVals[e] * colVals[e];
      }
      s[c] = acc > 0 ? Math.sqrt(acc) : 1.0;
    }
    return s;
  }
}
