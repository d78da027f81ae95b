package dev.entdist.corpora;

import java.util.List;
import java.util.Map;

/** Checks and look-ups shared by the training regimes. */
final class RegimeSupport {

  private RegimeSupport() {}

  /** The example's distribution over the label space, refusing labels outside it. */
  static double[] reference(AnnotatedExample e, List<String> labelSpace) {
    for (String label : e.labels().keySet()) {
      requireColumn(e, label, labelSpace);
    }
    return e.distributionOver(labelSpace);
  }

  /** The column of {@code label}, refusing labels outside the label space. */
  static int requireColumn(AnnotatedExample e, String label, List<String> labelSpace) {
    int j = labelSpace.indexOf(label);
    if (j < 0) {
      throw new IllegalArgumentException("example '" + e.id() + "' has label '" + label
          + "', which is not in the label space " + labelSpace);
    }
    return j;
  }

  /** The example's allowed columns, or {@code null} for all. */
  static boolean[] mask(AnnotatedExample e, Map<String, boolean[]> masks, int labels) {
    if (masks == null) {
      return null;
    }
    boolean[] m = masks.get(e.word());
    if (m != null && m.length != labels) {
      throw new IllegalArgumentException("the inventory mask of '" + e.word() + "' has "
          + m.length + " entries for " + labels + " labels");
    }
    return m;
  }
}
