package dev.entdist.cli;

/**
 * A failure caused by the user's data or files (exit code 1), printed as one line on stderr
 * without a stack trace unless {@code --verbose} is given.
 */
public class UserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message one line saying what was wrong and, where possible, what to do */
  public UserException(String message) {
    super(message);
  }

  /** Same, keeping the cause for {@code --verbose}. */
  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
