package dev.entdist.spark;

import dev.entdist.divergence.SparseVector;
import dev.entdist.trainer.TrainingData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Some consecutive training rows in a serialisable layout (sparse rows, targets, weights,
 * words), one per partition of a distributed fit.
 */
final class RowBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;
  private final double[][] targets;
  private final double[] weights;
  private final String[] groups;

  private RowBlock(int[] rowStart, int[] columns, double[] values, double[][] targets,
      double[] weights, String[] groups) {
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
    this.targets = targets;
    this.weights = weights;
    this.groups = groups;
  }

  /** Rows {@code [from, to)} of {@code data}. */
  static RowBlock of(TrainingData data, int from, int to) {
    int n = to - from;
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + data.features(from + i).nnz();
    }
    int[] cols = new int[start[n]];
    double[] vals = new double[start[n]];
    double[][] y = new double[n][];
    double[] w = new double[n];
    String[] g = new String[n];
    boolean anyGroup = false;
    for (int i = 0; i < n; i++) {
      SparseVector x = data.features(from + i);
      System.arraycopy(x.indices(), 0, cols, start[i], x.nnz());
      System.arraycopy(x.values(), 0, vals, start[i], x.nnz());
      y[i] = data.target(from + i).clone();
      w[i] = data.weight(from + i);
      g[i] = data.group(from + i);
      anyGroup |= g[i] != null;
    }
    return new RowBlock(start, cols, vals, y, w, anyGroup ? g : null);
  }

  /** Number of rows. */
  int size() {
    return weights.length;
  }

  /**
   * The rows as training data over {@code labels}, with {@code inventories} (those of the whole
   * data) when not {@code null}.
   */
  TrainingData toTrainingData(List<String> labels, Map<String, ? extends Set<String>> inventories) {
    List<SparseVector> x = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      x.add(SparseVector.ofSorted(Arrays.copyOfRange(columns, rowStart[i], rowStart[i + 1]),
          Arrays.copyOfRange(values, rowStart[i], rowStart[i + 1])));
    }
    TrainingData data = TrainingData.of(labels, x, targets, weights,
        groups == null ? null : Arrays.asList(groups));
    return inventories == null ? data : data.withInventories(inventories);
  }
}
