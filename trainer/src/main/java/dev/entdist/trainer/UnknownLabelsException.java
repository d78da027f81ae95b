package dev.entdist.trainer;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Held-out rows put mass on labels the model does not know, and the policy was
 * {@link UnknownLabelPolicy#FAIL}: their mass would otherwise vanish from the reference.
 */
public final class UnknownLabelsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final SortedSet<String> labels;
  private final int rows;
  private final int firstRow;

  /**
   * @param labels the unknown labels
   * @param rows how many rows carry mass on them
   * @param firstRow the index of the first such row
   */
  public UnknownLabelsException(SortedSet<String> labels, int rows, int firstRow) {
    super(rows + " row(s) put mass on label(s) " + labels + " that the model does not know"
        + " (the first: row " + firstRow + ")");
    this.labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels));
    this.rows = rows;
    this.firstRow = firstRow;
  }

  /** The unknown labels, sorted. */
  public SortedSet<String> labels() {
    return labels;
  }

  /** How many rows carry mass on them. */
  public int rows() {
    return rows;
  }

  /** The index of the first such row. */
  public int firstRow() {
    return firstRow;
  }
}
