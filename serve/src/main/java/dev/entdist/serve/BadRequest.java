package dev.entdist.serve;

/**
 * A request the server refuses: the HTTP status (400, 413) and the message of the {@code
 * {"error": ...}} body, which names the field that was wrong.
 */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** A 400 Bad Request. */
  static BadRequest of(String message) {
    return new BadRequest(400, message);
  }

  int status() {
    return status;
  }
}
