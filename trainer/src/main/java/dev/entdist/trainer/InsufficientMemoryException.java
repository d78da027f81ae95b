package dev.entdist.trainer;

/**
 * A fit would need more memory than the Java heap has: it is refused before the large arrays are
 * allocated, with a message that names the need and the ways out, instead of an {@link
 * OutOfMemoryError} part-way through.
 */
public final class InsufficientMemoryException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final long neededBytes;
  private final long availableBytes;

  /**
   * @param message one line naming the need, the heap and the ways out
   * @param neededBytes the estimated need
   * @param availableBytes what the heap had
   */
  public InsufficientMemoryException(String message, long neededBytes, long availableBytes) {
    super(message);
    this.neededBytes = neededBytes;
    this.availableBytes = availableBytes;
  }

  /** The estimated bytes the fit needs. */
  public long neededBytes() {
    return neededBytes;
  }

  /** The bytes the heap had free (up to its maximum) when the fit was refused. */
  public long availableBytes() {
    return availableBytes;
  }
}
