package dev.entdist.corpora;

import java.util.Objects;

/**
 * A text to be read by a model, with an optional single occurrence marked in it: a line of plain
 * text, or a JSONL line with {@code text} and optionally {@code id}, {@code start}, {@code end}
 * (and {@code target}), whose labels, if any, are not needed.
 *
 * @param id the line's {@code id}, or its 1-based line number
 * @param line the 1-based line number in the source
 * @param text the text
 * @param start first code point of the marked occurrence, or -1 when none is marked
 * @param end one past its last code point, or -1
 */
public record Document(String id, long line, String text, int start, int end) {

  /** Validates the span. */
  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    if (start != -1 || end != -1) {
      int length = text.codePointCount(0, text.length());
      if (start < 0 || end <= start || end > length) {
        throw new IllegalArgumentException("span [" + start + ", " + end + ") outside the text"
            + " of " + length + " code points");
      }
    }
  }

  /** Whether one occurrence is marked, so only it is to be predicted. */
  public boolean marked() {
    return start >= 0;
  }

  /** The marked occurrence's text. */
  public String markedText() {
    if (!marked()) {
      throw new IllegalStateException("no occurrence is marked");
    }
    return AnnotatedExample.codePointSubstring(text, start, end);
  }
}
