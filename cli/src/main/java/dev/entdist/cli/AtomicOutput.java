package dev.entdist.cli;

import dev.entdist.io.OutputTarget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an output file that a library fills by its path (a chart): through {@link
 * OutputTarget}, so a regular file is replaced atomically (a link stays a link), and standard
 * output, a pipe or a device get the bytes straight through.
 */
final class AtomicOutput {

  /** Fills the (existing, empty) file. */
  @FunctionalInterface
  interface Content {

    /** Writes the content to {@code file}. */
    void writeTo(Path file) throws IOException;
  }

  private AtomicOutput() {}

  /** Writes {@code target}; on failure nothing replaces it. */
  static void write(Path target, Content content) throws IOException {
    OutputTarget.of(target).writeFile(content::writeTo);
  }
}
