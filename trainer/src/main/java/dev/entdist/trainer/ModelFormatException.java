package dev.entdist.trainer;

import java.nio.file.Path;

/**
 * A model file cannot be used: not a model file, written by a newer format version, damaged
 * (checksum mismatch), truncated, or inconsistent. The message names the file and what is wrong.
 */
public final class ModelFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * @param file the model file
   * @param problem what is wrong with it
   */
  public ModelFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The model file. */
  public Path file() {
    return file;
  }
}
