package dev.entdist.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 checksums that a model's provenance records for a peer-format directory's files. A
 * corpus's checksum is that of the bytes its reader consumed ({@code LoadedCorpus#checksum()}),
 * so a pipe is never read twice.
 */
public final class Checksums {

  private Checksums() {}

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
