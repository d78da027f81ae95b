package dev.entdist.trainer;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable training examples: sparse feature rows (stored compactly as one CSR block), a target
 * distribution over the sorted labels per row, a non-negative weight per row and an optional
 * group name (the lower-cased target word) per row.
 *
 * <p>Targets are validated to sum to 1 within {@value #SUM_TOLERANCE} and then renormalised
 * exactly; weights must be finite and non-negative with a positive sum.
 *
 * <p>Serialisable, so that a cluster can ship parts of it ({@link #subset}) to its workers as
 * they are: rebuilding rows with {@link #of} would renormalise the targets a second time, which
 * can move their last bits.
 */
public final class TrainingData implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Tolerance on the sum of a target row before it is renormalised (the peers' tolerance). */
  public static final double SUM_TOLERANCE = 1e-6;

  private final List<String> labels;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;
  private final double[] targets;
  private final double[] weights;
  private final String[] groups;
  private final Map<String, Set<String>> inventories;

  private TrainingData(
      List<String> labels,
      int[] rowStart,
      int[] columns,
      double[] values,
      double[] targets,
      double[] weights,
      String[] groups,
      Map<String, Set<String>> inventories) {
    this.labels = labels;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
    this.targets = targets;
    this.weights = weights;
    this.groups = groups;
    this.inventories = inventories;
  }

  /**
   * Training data from rows.
   *
   * @param labels the label names, strictly increasing (sorted, distinct)
   * @param features one sparse feature vector per row
   * @param targets {@code targets[i]} is row i's distribution over {@code labels}
   * @param weights row weights (≥ 0, positive sum), or {@code null} for all 1
   * @param groups row i's group (lower-cased word) or {@code null} entries for none; the list
   *     itself may be {@code null} for no groups at all
   * @throws IllegalArgumentException naming the row and field that is wrong
   */
  public static TrainingData of(
      List<String> labels,
      List<SparseVector> features,
      double[][] targets,
      double[] weights,
      List<String> groups) {
    List<String> names = checkLabels(labels);
    int n = features.size();
    int k = names.size();
    if (targets.length != n) {
      throw new IllegalArgumentException(n + " feature rows but " + targets.length + " targets");
    }
    if (weights != null && weights.length != n) {
      throw new IllegalArgumentException(n + " feature rows but " + weights.length + " weights");
    }
    if (groups != null && groups.size() != n) {
      throw new IllegalArgumentException(n + " feature rows but " + groups.size() + " groups");
    }
    int[] start = new int[n + 1];
    long nnz = 0;
    for (int i = 0; i < n; i++) {
      nnz += Objects.requireNonNull(features.get(i), "features row " + i).nnz();
      if (nnz > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("more than 2^31 non-zero features");
      }
      start[i + 1] = (int) nnz;
    }
    int[] cols = new int[(int) nnz];
    double[] vals = new double[(int) nnz];
    for (int i = 0; i < n; i++) {
      SparseVector x = features.get(i);
      for (int e = 0; e < x.nnz(); e++) {
        cols[start[i] + e] = x.index(e);
        vals[start[i] + e] = x.value(e);
      }
    }
    double[] t = new double[n * k];
    for (int i = 0; i < n; i++) {
      double[] row = Objects.requireNonNull(targets[i], "targets row " + i);
      if (row.length != k) {
        throw new IllegalArgumentException(
            "targets row " + i + " has " + row.length + " values for " + k + " labels");
      }
      System.arraycopy(checkDistribution(row, "targets row " + i), 0, t, i * k, k);
    }
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      w[i] = weights == null ? 1.0 : weights[i];
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException("weight of row " + i + " is " + w[i] + ", need >= 0");
      }
      sum += w[i];
    }
    if (n > 0 && !(sum > 0)) {
      throw new IllegalArgumentException("all " + n + " weights are 0");
    }
    String[] g = new String[n];
    for (int i = 0; i < n && groups != null; i++) {
      g[i] = groups.get(i);
    }
    return new TrainingData(names, start, cols, vals, t, w, g, inventoriesFromTargets(names, t, g));
  }

  /**
   * The same data with explicit label inventories (group → labels allowed with it) instead of
   * the ones derived from the targets (the labels with positive target mass in a group's rows).
   * Use it when the targets were smoothed over an inventory computed from the annotations.
   *
   * @throws IllegalArgumentException if a row of a listed group puts target mass outside it, or
   *     an inventory names an unknown label
   */
  public TrainingData withInventories(Map<String, ? extends Set<String>> explicit) {
    Map<String, Set<String>> inv = new TreeMap<>();
    for (Map.Entry<String, ? extends Set<String>> e : explicit.entrySet()) {
      for (String label : e.getValue()) {
        if (Collections.binarySearch(labels, label) < 0) {
          throw new IllegalArgumentException(
              "inventory of '" + e.getKey() + "' names unknown label '" + label + "'");
        }
      }
      inv.put(e.getKey(), Collections.unmodifiableSet(new TreeSet<>(e.getValue())));
    }
    Map<String, Set<String>> derived = inventoriesFromTargets(labels, targets, groups);
    for (Map.Entry<String, Set<String>> e : derived.entrySet()) {
      Set<String> allowed = inv.get(e.getKey());
      if (allowed == null) {
        inv.put(e.getKey(), e.getValue());
      } else if (!allowed.containsAll(e.getValue())) {
        throw new IllegalArgumentException(
            "rows of '" + e.getKey() + "' put target mass on labels outside its inventory "
                + allowed);
      }
    }
    return new TrainingData(
        labels, rowStart, columns, values, targets, weights, groups,
        Collections.unmodifiableMap(inv));
  }

  /** Number of rows. */
  public int size() {
    return weights.length;
  }

  /** Number of labels K. */
  public int numLabels() {
    return labels.size();
  }

  /** The sorted label names. */
  public List<String> labels() {
    return labels;
  }

  /** Row i's features. */
  public SparseVector features(int i) {
    return SparseVector.ofSorted(
        Arrays.copyOfRange(columns, rowStart[i], rowStart[i + 1]),
        Arrays.copyOfRange(values, rowStart[i], rowStart[i + 1]));
  }

  /** Row i's target distribution (a copy). */
  public double[] target(int i) {
    int k = labels.size();
    return Arrays.copyOfRange(targets, i * k, i * k + k);
  }

  /** Row i's weight. */
  public double weight(int i) {
    return weights[i];
  }

  /** Row i's group (lower-cased word), or {@code null}. */
  public String group(int i) {
    return groups[i];
  }

  /** Total number of stored non-zero feature values. */
  public long nonZeros() {
    return columns.length;
  }

  /** Group → sorted labels seen with it in training (or given by {@link #withInventories}). */
  public Map<String, Set<String>> inventories() {
    return inventories;
  }

  /** The rows at {@code rows} (in that order), keeping the inventories of this data. */
  public TrainingData subset(int[] rows) {
    int k = labels.size();
    int[] start = new int[rows.length + 1];
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      start[r + 1] = start[r] + rowStart[i + 1] - rowStart[i];
    }
    int[] cols = new int[start[rows.length]];
    double[] vals = new double[cols.length];
    double[] t = new double[rows.length * k];
    double[] w = new double[rows.length];
    String[] g = new String[rows.length];
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      int len = rowStart[i + 1] - rowStart[i];
      System.arraycopy(columns, rowStart[i], cols, start[r], len);
      System.arraycopy(values, rowStart[i], vals, start[r], len);
      System.arraycopy(targets, i * k, t, r * k, k);
      w[r] = weights[i];
      g[r] = groups[i];
    }
    return new TrainingData(labels, start, cols, vals, t, w, g, inventories);
  }

  // Package-private raw views for the objective (never modified).
  int[] rowStartArray() {
    return rowStart;
  }

  int[] columnArray() {
    return columns;
  }

  double[] valueArray() {
    return values;
  }

  double[] targetArray() {
    return targets;
  }

  double[] weightArray() {
    return weights;
  }

  String[] groupArray() {
    return groups;
  }

  static List<String> checkLabels(List<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no labels");
    }
    for (int j = 0; j < labels.size(); j++) {
      if (labels.get(j) == null) {
        throw new IllegalArgumentException("label " + j + " is null");
      }
      if (j > 0 && labels.get(j - 1).compareTo(labels.get(j)) >= 0) {
        throw new IllegalArgumentException(
            "labels must be sorted and distinct: '" + labels.get(j - 1) + "' before '"
                + labels.get(j) + "'");
      }
    }
    return List.copyOf(labels);
  }

  static double[] checkDistribution(double[] row, String where) {
    double s = 0;
    for (int j = 0; j < row.length; j++) {
      if (!(row[j] >= 0) || Double.isInfinite(row[j])) {
        throw new IllegalArgumentException(where + ": value " + j + " is " + row[j]);
      }
      s += row[j];
    }
    if (Math.abs(s - 1.0) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(
          where + ": sums to " + s + " (tolerance " + SUM_TOLERANCE + ")");
    }
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = row[j] / s;
    }
    return out;
  }

  private static Map<String, Set<String>> inventoriesFromTargets(
      List<String> labels, double[] t, String[] g) {
    int k = labels.size();
    Map<String, boolean[]> seen = new TreeMap<>();
    for (int i = 0; i < g.length; i++) {
      if (g[i] != null) {
        boolean[] s = seen.computeIfAbsent(g[i], w -> new boolean[k]);
        for (int j = 0; j < k; j++) {
          s[j] |= t[i * k + j] > 0;
        }
      }
    }
    Map<String, Set<String>> out = new TreeMap<>();
    for (Map.Entry<String, boolean[]> e : seen.entrySet()) {
      List<String> allowed = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        if (e.getValue()[j]) {
          allowed.add(labels.get(j));
        }
      }
      out.put(e.getKey(), Collections.unmodifiableSet(new TreeSet<>(allowed)));
    }
    return Collections.unmodifiableMap(out);
  }
}
