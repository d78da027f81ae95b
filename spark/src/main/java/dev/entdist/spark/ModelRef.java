package dev.entdist.spark;

import dev.entdist.pipeline.TextModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A model file shipped to the executors once (a broadcast of its bytes) and loaded once per
 * executor JVM: {@link #get()} keeps the loaded {@link TextModel} (thread-safe, its OpenNLP
 * tools pooled per thread) in a static map keyed by the file's SHA-256, so no row or task loads
 * it again.
 */
public final class ModelRef implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Models loaded in this JVM, by content hash. */
  private static final ConcurrentMap<String, TextModel> LOADED = new ConcurrentHashMap<>();

  /** Model files loaded in this JVM so far. */
  private static final java.util.concurrent.atomic.AtomicInteger LOADS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final Broadcast<byte[]> bytes;
  private final String sha256;
  private final String origin;

  private ModelRef(Broadcast<byte[]> bytes, String sha256, String origin) {
    this.bytes = bytes;
    this.sha256 = sha256;
    this.origin = origin;
  }

  /**
   * Reads the model file at {@code uri} (a local path or any URI of the Hadoop configuration)
   * on the driver and broadcasts it.
   */
  public static ModelRef broadcast(JavaSparkContext sc, String uri) throws IOException {
    byte[] data = HadoopFiles.readAll(sc.hadoopConfiguration(), uri);
    return new ModelRef(sc.broadcast(data), sha256(data), uri);
  }

  /** Where the model came from. */
  public String origin() {
    return origin;
  }

  /** The model, loaded at most once in this JVM. */
  public TextModel get() {
    return LOADED.computeIfAbsent(sha256, key -> load(bytes.value()));
  }

  /** How many times this JVM has loaded a model file (for tests: once per model, not per task). */
  static int loadsInThisJvm() {
    return LOADS.get();
  }

  private TextModel load(byte[] data) {
    LOADS.incrementAndGet();
    try {
      Path tmp = Files.createTempFile("entdist-model-", ".model");
      try {
        Files.write(tmp, data);
        return TextModel.load(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + origin + " on this executor", e);
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
