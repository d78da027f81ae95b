package dev.entdist.spark;

/** A run that cannot go on for a reason the user can fix; reported as one line, exit 1. */
final class UserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UserException(String message) {
    super(message);
  }
}
