package dev.entdist.trainer;

import java.nio.file.Path;

/**
 * A file of a peer-format data set ({@code entdist-peers-v1}) is missing or malformed. The
 * message names the file, the 1-based line (0 when the problem is not on one line) and the
 * field.
 */
public final class PeerFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;

  /**
   * @param file the file
   * @param line 1-based line, or 0 for the file as a whole
   * @param problem what is wrong, naming the field
   */
  public PeerFormatException(Path file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The 1-based line, or 0. */
  public long line() {
    return line;
  }
}
