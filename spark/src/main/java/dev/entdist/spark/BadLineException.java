package dev.entdist.spark;

/**
 * An input line that is not valid, raised on an executor: its message names the file, the line
 * and the field, and the driver reports it as the job's failure.
 */
public final class BadLineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A bad line described by {@code message}. */
  public BadLineException(String message) {
    super(message);
  }

  /** The bad-line message carried by {@code t} or one of its causes, or {@code null}. */
  static String find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BadLineException b) {
        return b.getMessage();
      }
      String m = c.getMessage();
      String marker = BadLineException.class.getName() + ": ";
      if (m != null && m.contains(marker)) {
        String rest = m.substring(m.indexOf(marker) + marker.length());
        int nl = rest.indexOf('\n');
        return nl < 0 ? rest : rest.substring(0, nl);
      }
    }
    return null;
  }
}
