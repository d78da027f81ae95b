package dev.entdist.corpora;

import java.util.Objects;

/**
 * One annotator's answer for one occurrence: who gave it and which label (the none-label, {@code
 * O}, when the annotator saw the occurrence's text but marked no entity there).
 *
 * @param annotator the annotator's identifier, non-empty
 * @param label the label the annotator chose, non-empty
 */
public record Annotation(String annotator, String label) {

  /** Rejects empty identifiers and labels. */
  public Annotation {
    Objects.requireNonNull(annotator, "annotator");
    Objects.requireNonNull(label, "label");
    if (annotator.isEmpty()) {
      throw new IllegalArgumentException("empty annotator id");
    }
    if (label.isEmpty()) {
      throw new IllegalArgumentException("empty label of annotator '" + annotator + "'");
    }
  }
}
