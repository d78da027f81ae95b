package dev.entdist.io;

import java.io.IOException;

/**
 * An output cannot or must not be written: it is a directory, one of the inputs, below a file,
 * in a read-only place, under {@code /proc}. The message is one line that names the output and
 * the reason, e.g. {@code cannot write out/m.model: out is a file, not a directory}.
 */
public class OutputTargetException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param message one line naming the output and the reason */
  public OutputTargetException(String message) {
    super(message);
  }

  /** Same, keeping the underlying cause. */
  public OutputTargetException(String message, Throwable cause) {
    super(message, cause);
  }
}
