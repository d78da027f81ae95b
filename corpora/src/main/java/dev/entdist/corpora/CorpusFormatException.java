package dev.entdist.corpora;

/**
 * A corpus could not be read: names the source (file or resource), the 1-based line and the field
 * that was wrong, so that the command line can print it as one line.
 */
public class CorpusFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String field;

  /**
   * @param source file or resource name
   * @param line 1-based line number, or 0 when the problem is not on one line
   * @param field the field at fault, or {@code null}
   * @param message what was wrong
   */
  public CorpusFormatException(String source, long line, String field, String message) {
    super(format(source, line, field, message));
    this.source = source;
    this.line = line;
    this.field = field;
  }

  /** Same, keeping the underlying cause. */
  public CorpusFormatException(
      String source, long line, String field, String message, Throwable cause) {
    super(format(source, line, field, message), cause);
    this.source = source;
    this.line = line;
    this.field = field;
  }

  /** The file or resource name. */
  public String source() {
    return source;
  }

  /** The 1-based line number, or 0. */
  public long line() {
    return line;
  }

  /** The field at fault, or {@code null}. */
  public String field() {
    return field;
  }

  private static String format(String source, long line, String field, String message) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    if (field != null) {
      sb.append(": field '").append(field).append('\'');
    }
    return sb.append(": ").append(message).toString();
  }
}
