package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The seed inputs Jazzer replays in the normal suite (under src/test/resources). */
final class FuzzSeeds {

  private FuzzSeeds() {}

  /** Fails unless the resource folder {@code folder} holds at least {@code count} files. */
  static void requireSeeds(String folder, int count) throws IOException, URISyntaxException {
    URL url = FuzzSeeds.class.getResource(folder);
    assertTrue(url != null, "no seed folder " + folder);
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      long n = files.filter(Files::isRegularFile).count();
      assertTrue(n >= count, folder + " holds " + n + " seed file(s), want " + count);
    }
  }

  /** The bytes of one seed. */
  static byte[] read(String name) throws IOException {
    try (InputStream in = FuzzSeeds.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing seed " + name);
      }
      return in.readAllBytes();
    }
  }
}
