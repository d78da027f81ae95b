package dev.entdist.trainer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The objective's data term over some of the rows of a problem, computed with the local
 * trainer's kernel, so that a cluster can hold the rows in parts and add up their sums: each
 * part's {@link #addTo} gives Σ ŵ_i·KL(y_i ‖ p_i) over its rows and adds Σ ŵ_i (p_i − y_i) x_i
 * and Σ ŵ_i (p_i − y_i) into the gradient, with the feature columns compacted by the whole
 * problem's {@link Layout} and ŵ normalised by its total weight. {@link ShardedObjective} adds
 * the parts' sums and the penalty (λ/2)·‖W‖² into the objective the L-BFGS driver minimises.
 *
 * <p>Not thread-safe: one shard per worker.
 */
public final class ObjectiveShard {

  /**
   * What every part must agree on.
   *
   * @param labels the labels, sorted (the model's order)
   * @param featureIds the distinct original feature ids of all rows, strictly increasing
   * @param weightTotal Σ w over all rows
   * @param restrict whether rows are masked to their word's inventory
   */
  public record Layout(List<String> labels, int[] featureIds, double weightTotal,
      boolean restrict) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates and copies. */
    public Layout {
      labels = List.copyOf(labels);
      featureIds = featureIds.clone();
      if (!(weightTotal > 0) || !Double.isFinite(weightTotal)) {
        throw new IllegalArgumentException("total weight must be positive and finite, got "
            + weightTotal);
      }
    }

    /** F·K + K. */
    public int parameters() {
      return (featureIds.length + 1) * labels.size();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Layout l && labels.equals(l.labels)
          && Arrays.equals(featureIds, l.featureIds) && weightTotal == l.weightTotal
          && restrict == l.restrict;
    }

    @Override
    public int hashCode() {
      return Objects.hash(labels, Arrays.hashCode(featureIds), weightTotal, restrict);
    }

    FeatureIndex index() {
      return FeatureIndex.ofSortedIds(featureIds);
    }
  }

  private final KlObjective kernel;
  private final int rows;

  /**
   * The shard of {@code rows} (whose labels must be the layout's, and whose inventories, when
   * the layout restricts, those of the whole problem).
   */
  public ObjectiveShard(TrainingData rows, Layout layout) {
    if (!rows.labels().equals(layout.labels())) {
      throw new IllegalArgumentException("shard labels " + rows.labels() + " differ from the"
          + " layout's " + layout.labels());
    }
    this.rows = rows.size();
    this.kernel = new KlObjective(new CompactProblem(rows, layout.restrict(), layout.index(),
        layout.weightTotal()), 0.0, 1);
  }

  /** The distinct original feature ids of {@code data}, increasing. */
  public static int[] featureIds(TrainingData data) {
    return FeatureIndex.ofColumns(data.columnArray()).ids();
  }

  /** Σ w over {@code data}'s rows, in row order. */
  public static double weightTotal(TrainingData data) {
    return CompactProblem.weightTotal(data);
  }

  /** The rows in this shard. */
  public int rows() {
    return rows;
  }

  /**
   * This shard's data term at θ: returns Σ ŵ_i·KL(y_i ‖ p_i) over its rows and adds the
   * gradient of that sum (no penalty) into {@code grad} (length F·K + K).
   */
  public double addTo(double[] theta, double[] grad) {
    CompactProblem p = kernel.problem();
    if (p.n == 0) {
      return 0;
    }
    double[] g = new double[grad.length];
    double loss = kernel.value(theta);
    kernel.gradient(theta, g);
    for (int j = 0; j < grad.length; j++) {
      grad[j] += g[j];
    }
    return loss;
  }

  /** Adds Σ ŵ_i x_if² of this shard's rows into {@code squares} (length F). */
  public void addSquares(double[] squares) {
    CompactProblem p = kernel.problem();
    for (int c = 0; c < p.f; c++) {
      for (int e = p.colStart[c]; e < p.colStart[c + 1]; e++) {
        squares[c] += p.normWeights[p.colRows[e]] * p.colVals[e] * p.colVals[e];
      }
    }
  }
}
