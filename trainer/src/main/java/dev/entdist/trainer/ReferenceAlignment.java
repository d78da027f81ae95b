package dev.entdist.trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Annotated distributions (label name → probability) as rows over a model's labels. A row that
 * puts positive mass on a label the model does not know cannot be scored against it without
 * losing that mass; the {@link UnknownLabelPolicy} decides whether that refuses the evaluation
 * or leaves the row out. A label named with zero mass is harmless and ignored.
 */
public final class ReferenceAlignment {

  private ReferenceAlignment() {}

  /**
   * The rows that can be evaluated.
   *
   * @param references the kept rows over the model's labels
   * @param rows the index (in the input) of each kept row, increasing
   * @param skipped how many rows were left out
   * @param unknownLabels the unknown labels that carried mass in the input (also under
   *     {@link UnknownLabelPolicy#SKIP})
   */
  public record Aligned(double[][] references, int[] rows, int skipped,
      SortedSet<String> unknownLabels) {

    /** Copies the set (sorted, unmodifiable). */
    public Aligned {
      unknownLabels = Collections.unmodifiableSortedSet(new TreeSet<>(unknownLabels));
    }

    /** The elements of {@code all} (one per input row) at the kept rows, in order. */
    public <T> List<T> keep(List<T> all) {
      List<T> out = new ArrayList<>(rows.length);
      for (int r : rows) {
        out.add(all.get(r));
      }
      return out;
    }
  }

  /**
   * Aligns annotated rows to {@code modelLabels}.
   *
   * @param modelLabels the model's labels, sorted
   * @param annotated one map per row: label → probability
   * @param policy what to do with rows that carry mass on unknown labels
   * @throws UnknownLabelsException under {@link UnknownLabelPolicy#FAIL} when some row does
   */
  public static Aligned align(List<String> modelLabels, List<Map<String, Double>> annotated,
      UnknownLabelPolicy policy) {
    SortedSet<String> unknown = new TreeSet<>();
    List<double[]> kept = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    int bad = 0;
    int first = -1;
    for (int i = 0; i < annotated.size(); i++) {
      double[] row = new double[modelLabels.size()];
      boolean known = true;
      for (Map.Entry<String, Double> e : annotated.get(i).entrySet()) {
        int j = Collections.binarySearch(modelLabels, e.getKey());
        if (j >= 0) {
          row[j] = e.getValue();
        } else if (e.getValue() > 0) {
          unknown.add(e.getKey());
          known = false;
        }
      }
      if (known) {
        kept.add(row);
        rows.add(i);
      } else {
        bad++;
        first = first < 0 ? i : first;
      }
    }
    if (bad > 0 && policy == UnknownLabelPolicy.FAIL) {
      throw new UnknownLabelsException(unknown, bad, first);
    }
    return new Aligned(kept.toArray(new double[0][]),
        rows.stream().mapToInt(Integer::intValue).toArray(), bad, unknown);
  }
}
