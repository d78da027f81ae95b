package dev.entdist.corpora;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures under src/test/resources/dev/entdist/corpora, copied out to files. */
final class Fixtures {

  private Fixtures() {}

  static Path copy(String name, Path dir) throws IOException {
    Path out = dir.resolve(name);
    Files.createDirectories(out.getParent());
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      Files.copy(in, out);
    }
    return out;
  }

  static List<AnnotatedExample> readAll(Path file, ReadOptions options)
      throws IOException, CorpusFormatException {
    return CorpusFiles.read(file.toString(), options).examples();
  }

  /** Every error of a file, reading on after each (as validate does). */
  static List<CorpusFormatException> errors(Path file, ReadOptions options) throws IOException,
      CorpusFormatException {
    List<CorpusFormatException> errors = new ArrayList<>();
    try (CorpusReader reader = CorpusFiles.open(file.toString(), options)) {
      while (true) {
        try {
          if (reader.next() == null) {
            return errors;
          }
        } catch (CorpusFormatException e) {
          errors.add(e);
        }
      }
    }
  }
}
