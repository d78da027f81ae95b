package dev.entdist.divergence;

import java.util.Arrays;

/**
 * An immutable sparse vector: strictly increasing non-negative indices with their (finite,
 * non-zero) values. Built from unsorted entries by {@link #of(int[], double[])}, which sums
 * duplicates and drops zeros.
 */
public final class SparseVector {

  private static final SparseVector EMPTY = new SparseVector(new int[0], new double[0]);

  private final int[] indices;
  private final double[] values;

  private SparseVector(int[] indices, double[] values) {
    this.indices = indices;
    this.values = values;
  }

  /** The vector with no non-zero entries. */
  public static SparseVector empty() {
    return EMPTY;
  }

  /**
   * A vector from parallel arrays of indices and values in any order; values at the same index are
   * summed, entries that end up 0 are dropped.
   *
   * @throws IllegalArgumentException for a negative index, a non-finite value or unequal lengths
   */
  public static SparseVector of(int[] indices, double[] values) {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          indices.length + " indices but " + values.length + " values");
    }
    int n = indices.length;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      if (indices[i] < 0) {
        throw new IllegalArgumentException("negative index " + indices[i] + " at position " + i);
      }
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("value " + values[i] + " at position " + i);
      }
      order[i] = ((long) indices[i] << 32) | i;
    }
    Arrays.sort(order);
    int[] idx = new int[n];
    double[] val = new double[n];
    int m = 0;
    for (int r = 0; r < n; ) {
      int index = (int) (order[r] >>> 32);
      double sum = 0;
      while (r < n && (int) (order[r] >>> 32) == index) {
        sum += values[(int) order[r]];
        r++;
      }
      if (sum != 0) {
        idx[m] = index;
        val[m] = sum;
        m++;
      }
    }
    return m == 0 ? EMPTY : new SparseVector(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
  }

  /**
   * A vector from indices that are already strictly increasing, with non-zero finite values.
   *
   * @throws IllegalArgumentException if they are not
   */
  public static SparseVector ofSorted(int[] indices, double[] values) {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          indices.length + " indices but " + values.length + " values");
    }
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new IllegalArgumentException("indices not strictly increasing at position " + i);
      }
      if (!Double.isFinite(values[i]) || values[i] == 0) {
        throw new IllegalArgumentException("value " + values[i] + " at position " + i);
      }
    }
    return indices.length == 0 ? EMPTY : new SparseVector(indices.clone(), values.clone());
  }

  /** Number of stored (non-zero) entries. */
  public int nnz() {
    return indices.length;
  }

  /** Index of the {@code i}-th stored entry. */
  public int index(int i) {
    return indices[i];
  }

  /** Value of the {@code i}-th stored entry. */
  public double value(int i) {
    return values[i];
  }

  /** A copy of the indices. */
  public int[] indices() {
    return indices.clone();
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** The value at {@code index} (0 when not stored). */
  public double get(int index) {
    int i = Arrays.binarySearch(indices, index);
    return i >= 0 ? values[i] : 0.0;
  }

  /** One more than the largest index, 0 when empty. */
  public int dimensionLowerBound() {
    return indices.length == 0 ? 0 : indices[indices.length - 1] + 1;
  }

  /** Σ x_i·dense[offset + i·stride]: the dot product with a strided view of a dense array. */
  public double dot(double[] dense, int offset, int stride) {
    double s = 0;
    for (int i = 0; i < indices.length; i++) {
      s += values[i] * dense[offset + indices[i] * stride];
    }
    return s;
  }

  /** Σ x_i·dense[i]. */
  public double dot(double[] dense) {
    return dot(dense, 0, 1);
  }

  /** The same vector with every index mapped through {@code map}; entries mapped to −1 drop. */
  public SparseVector remap(java.util.function.IntUnaryOperator map) {
    int[] idx = new int[indices.length];
    double[] val = new double[indices.length];
    int m = 0;
    for (int i = 0; i < indices.length; i++) {
      int j = map.applyAsInt(indices[i]);
      if (j >= 0) {
        idx[m] = j;
        val[m] = values[i];
        m++;
      }
    }
    return of(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseVector v
        && Arrays.equals(indices, v.indices)
        && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < indices.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(indices[i]).append(':').append(values[i]);
    }
    return sb.append(']').toString();
  }
}
