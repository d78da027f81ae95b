package dev.entdist.corpora;

/**
 * Reads a span whose offsets may count code points (Python, current annotation tools) or UTF-16
 * units (JavaScript, older Label Studio exports): the text the tool showed for the span decides.
 */
final class Offsets {

  private Offsets() {}

  /**
   * The span [start, end) in code points: the code-point reading when it gives {@code shown},
   * else the UTF-16 reading (converted) when that does; without {@code shown}, the code-point
   * reading when both readings agree (the text has no character outside the BMP before the
   * span's end). Null when no reading is valid.
   */
  static int[] codePointSpan(String text, int start, int end, String shown) {
    String byCodePoints = codePointReading(text, start, end);
    String byUnits = unitReading(text, start, end);
    if (shown != null) {
      if (shown.equals(byCodePoints)) {
        return new int[] {start, end};
      }
      if (shown.equals(byUnits)) {
        return new int[] {text.codePointCount(0, start), text.codePointCount(0, end)};
      }
      return null;
    }
    if (byCodePoints != null && byCodePoints.equals(byUnits)) {
      return new int[] {start, end};
    }
    return null;
  }

  /** Why {@link #codePointSpan} found no reading, quoting both. */
  static String mismatch(String text, int start, int end, String shown) {
    String byCodePoints = codePointReading(text, start, end);
    String byUnits = unitReading(text, start, end);
    if (shown == null) {
      return "is missing, and the offsets [" + start + ", " + end + ") read as code points ("
          + quote(byCodePoints) + ") and as UTF-16 units (" + quote(byUnits) + ") differ";
    }
    return "'" + shown + "' matches neither the offsets [" + start + ", " + end
        + ") read as code points (" + quote(byCodePoints) + ") nor as UTF-16 units ("
        + quote(byUnits) + ")";
  }

  private static String quote(String s) {
    return s == null ? "out of range" : "'" + s + "'";
  }

  private static String codePointReading(String text, int start, int end) {
    int length = text.codePointCount(0, text.length());
    if (start < 0 || end <= start || end > length) {
      return null;
    }
    return AnnotatedExample.codePointSubstring(text, start, end);
  }

  private static String unitReading(String text, int start, int end) {
    if (start < 0 || end <= start || end > text.length()
        || (start > 0 && Character.isLowSurrogate(text.charAt(start))
            && Character.isHighSurrogate(text.charAt(start - 1)))
        || (end < text.length() && Character.isLowSurrogate(text.charAt(end))
            && Character.isHighSurrogate(text.charAt(end - 1)))) {
      return null;
    }
    return text.substring(start, end);
  }
}
