package dev.entdist.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes an output file through a hidden, randomly named temporary file in the same directory and
 * moves it into place, so a failure never leaves half a file under the final name. The temporary
 * file is created with {@code CREATE_NEW}, so it gets the permissions the umask gives any new
 * file (unlike {@link Files#createTempFile}, which makes it owner-only).
 */
final class AtomicOutput {

  /** Fills the (existing, empty) temporary file. */
  @FunctionalInterface
  interface Content {

    /** Writes the content to {@code file}. */
    void writeTo(Path file) throws IOException;
  }

  /** Names temporary files only; it has no influence on what is written. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicOutput() {}

  /** Writes {@code target} through a temporary file; it is deleted if anything fails. */
  static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = create(dir, absolute.getFileName().toString());
    try {
      content.writeTo(tmp);
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path create(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
          + ".tmp");
      try (OutputStream created = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }
}
