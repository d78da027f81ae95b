package dev.entdist.pipeline;

import dev.entdist.corpora.BundledCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 checksums that a model's provenance records for its training data: of the corpus
 * file's bytes, of the bundled corpus's resources (its index, then each word's file in index
 * order), or of a peer-format directory's files.
 */
public final class Checksums {

  private static final String BUNDLED_ROOT = "/dev/entdist/corpora/bundled/";

  private Checksums() {}

  /** {@code sha256:HEX} of a corpus file, or of the bundled corpus for {@code bundled}. */
  public static String ofCorpus(String fileOrBundled) throws IOException {
    MessageDigest digest = sha256();
    if (BundledCorpus.NAME.equals(fileOrBundled)) {
      update(digest, resource("index.txt"));
      for (String word : BundledCorpus.words()) {
        update(digest, resource(word + ".jsonl"));
      }
    } else {
      update(digest, Files.newInputStream(Path.of(fileOrBundled)));
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /** {@code sha256:HEX} over the existing {@code files}, in the given order. */
  public static String ofFiles(List<Path> files) throws IOException {
    MessageDigest digest = sha256();
    for (Path f : files) {
      if (Files.isRegularFile(f)) {
        update(digest, Files.newInputStream(f));
      }
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = Checksums.class.getResourceAsStream(BUNDLED_ROOT + name);
    if (in == null) {
      throw new IOException("bundled corpus resource " + BUNDLED_ROOT + name + " is missing");
    }
    return in;
  }

  private static void update(MessageDigest digest, InputStream stream) throws IOException {
    try (InputStream in = stream) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        digest.update(buf, 0, n);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
