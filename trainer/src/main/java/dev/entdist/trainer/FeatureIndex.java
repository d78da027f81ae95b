package dev.entdist.trainer;

import java.util.Arrays;

/**
 * The features seen in training: strictly increasing original feature ids (hash buckets or
 * vocabulary ids), each mapped to its compact row {@code 0..size-1} of the weight matrix.
 * Immutable; unseen ids map to −1.
 */
final class FeatureIndex {

  private static final int DENSE_LIMIT = 1 << 24;

  private final int[] ids;
  private final int[] dense;

  private FeatureIndex(int[] ids) {
    this.ids = ids;
    int bound = ids.length == 0 ? 0 : ids[ids.length - 1] + 1;
    if (bound <= DENSE_LIMIT) {
      dense = new int[bound];
      Arrays.fill(dense, -1);
      for (int j = 0; j < ids.length; j++) {
        dense[ids[j]] = j;
      }
    } else {
      dense = null;
    }
  }

  /** The index of the given strictly increasing ids. */
  static FeatureIndex ofSortedIds(int[] ids) {
    for (int j = 1; j < ids.length; j++) {
      if (ids[j] <= ids[j - 1]) {
        throw new IllegalArgumentException("feature ids not strictly increasing at " + j);
      }
    }
    if (ids.length > 0 && ids[0] < 0) {
      throw new IllegalArgumentException("negative feature id " + ids[0]);
    }
    return new FeatureIndex(ids.clone());
  }

  /** The distinct ids among {@code columns}. */
  static FeatureIndex ofColumns(int[] columns) {
    int max = -1;
    for (int c : columns) {
      max = Math.max(max, c);
    }
    int[] ids;
    if (max < DENSE_LIMIT) {
      boolean[] seen = new boolean[max + 1];
      int n = 0;
      for (int c : columns) {
        if (!seen[c]) {
          seen[c] = true;
          n++;
        }
      }
      ids = new int[n];
      for (int c = 0, j = 0; c <= max; c++) {
        if (seen[c]) {
          ids[j++] = c;
        }
      }
    } else {
      ids = Arrays.stream(columns).sorted().distinct().toArray();
    }
    return new FeatureIndex(ids);
  }

  /** Number of seen features. */
  int size() {
    return ids.length;
  }

  /** The original id of compact row {@code j}. */
  int id(int j) {
    return ids[j];
  }

  /** A copy of the original ids, increasing. */
  int[] ids() {
    return ids.clone();
  }

  /** Compact row of an original id, or −1 when it was not seen. */
  int row(int id) {
    if (dense != null) {
      return id >= 0 && id < dense.length ? dense[id] : -1;
    }
    int j = Arrays.binarySearch(ids, id);
    return j >= 0 ? j : -1;
  }
}
