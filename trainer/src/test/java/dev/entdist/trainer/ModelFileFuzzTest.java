package dev.entdist.trainer;

import dev.entdist.divergence.testing.Mutator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.entdist.divergence.SparseVector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile model files: every truncation and every single-bit flip of a valid file is refused by
 * the checksum; mutated files whose checksum an attacker recomputed (header JSON or binary body)
 * either load or are refused with {@link ModelFormatException} — never another exception, and
 * never a class named by the file instantiated. Every case runs under a time limit ({@link
 * CaseTimeLimit}), so an input that makes the loader loop fails the test.
 */
class ModelFileFuzzTest {

  private static final Path FILE = Path.of("fuzzed.model");
  private static final int FIXED = 16;
  private static final List<String> TOKENS = List.of("\"rows\":", "\"labels\":", "[]", "{}",
      "null", "\"\"", "\"@class\":\"" + Tripwire.class.getName() + "\"",
      "[\"" + Tripwire.class.getName() + "\",{}]", "\"delta\":", "\"word_summaries\":",
      "\"inventories\":", "2147483647", "-1", "1e309", "NaN", "\"provenance\":{}", ",", ":");

  @TempDir Path dir;

  static byte[] validModel() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 30;
    List<SparseVector> x = Fixtures.sparseRows(n, 50, 4, r);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(i % 3 == 0 ? "cell" : "bank");
    }
    TrainingData data = TrainingData.of(Fixtures.labels(3), x, Fixtures.softTargets(n, 3, r),
        null, groups);
    SoftmaxModel m = SoftmaxTrainer.fit(data, TrainerConfig.defaults().withMaxIter(20)
            .withThreads(1).withInventory(TrainerConfig.InventoryMode.RESTRICT, 0.01)).model()
        .withFeatureConfigJson("{\"hash_bits\":10}").withSource("sha256:0", "soft");
    return ModelIo.encode(m);
  }

  @Test
  void everyTruncationIsRefused() throws Exception {
    byte[] valid = validModel();
    try (CaseTimeLimit limit = new CaseTimeLimit("fuzz-model-truncation")) {
      for (int length = 0; length < valid.length; length++) {
        byte[] cut = Arrays.copyOf(valid, length);
        String what = "truncated to " + length;
        limit.run(what, () -> assertThrows(ModelFormatException.class,
            () -> ModelIo.decode(FILE, cut), what));
      }
    }
  }

  @Test
  void everySingleBitFlipIsRefused() throws Exception {
    byte[] valid = validModel();
    try (CaseTimeLimit limit = new CaseTimeLimit("fuzz-model-bit-flip")) {
      for (int bit = 0; bit < valid.length * 8; bit++) {
        byte[] flipped = valid.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        String what = "bit " + bit;
        limit.run(what, () -> {
          ModelFormatException e = assertThrows(ModelFormatException.class,
              () -> ModelIo.decode(FILE, flipped), what);
          assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
        });
      }
    }
    System.out.printf("fuzz model file: %d truncations and %d bit flips refused%n",
        valid.length, valid.length * 8);
  }

  @Test
  void mutatedFilesWithoutAValidChecksumAreRefused() throws Exception {
    byte[] valid = validModel();
    Mutator mutator = new Mutator(9400, List.of(valid), TOKENS, 1 << 12);
    int cases = Mutator.cases(3000);
    try (CaseTimeLimit limit = new CaseTimeLimit("fuzz-model-mutated")) {
      for (int i = 0; i < cases; i++) {
        byte[] data = mutator.next();
        if (Arrays.equals(data, valid)) {
          continue;
        }
        String what = "case " + i + " (seed 9400)";
        limit.run(what, () -> {
          try {
            ModelIo.decode(FILE, data);
            throw new AssertionError(what + ": a changed file was accepted");
          } catch (ModelFormatException expected) {
            assertTrue(expected.getMessage().startsWith(FILE + ": "));
          }
        });
      }
    }
  }

  @Test
  void tamperedFilesWithARecomputedChecksumLoadOrAreRefused() throws Exception {
    byte[] valid = validModel();
    int headerLength = ByteBuffer.wrap(valid, 12, 4).getInt();
    byte[] header = Arrays.copyOfRange(valid, FIXED, FIXED + headerLength);
    byte[] body = Arrays.copyOfRange(valid, FIXED + headerLength, valid.length - 32);
    Mutator headers = new Mutator(9401, List.of(header), TOKENS, 1 << 12);
    Mutator bodies = new Mutator(9402, List.of(body), TOKENS, 1 << 12);
    Mutator whole = new Mutator(9403, List.of(Arrays.copyOf(valid, valid.length - 32)), TOKENS,
        1 << 12);
    int cases = Mutator.cases(3000);
    long loaded = 0;
    long refused = 0;
    try (CaseTimeLimit limit = new CaseTimeLimit("fuzz-model-tampered")) {
      for (int i = 0; i < cases; i++) {
        byte[] data = switch (i % 3) {
          case 0 -> assemble(headers.next(), body);
          case 1 -> assemble(header, bodies.next());
          default -> withChecksum(whole.next());
        };
        String what = "case " + i + " (seed " + (9401 + i % 3) + ")";
        boolean[] ok = new boolean[1];
        limit.run(what, () -> ok[0] = loadOrRefuse(data, what));
        if (ok[0]) {
          loaded++;
        } else {
          refused++;
        }
      }
    }
    assertFalse(TRIPPED.get(), "a class named in the file was initialised");
    System.out.printf("fuzz model file (checksum recomputed): %d inputs, %d loaded, %d refused"
        + " with ModelFormatException%n", cases, loaded, refused);
    assertTrue(loaded > 0 && refused > 0, loaded + " loaded, " + refused + " refused");
  }

  @Test
  void headerSizesAreCheckedBeforeAllocating() {
    byte[] valid = validModel();
    int headerLength = ByteBuffer.wrap(valid, 12, 4).getInt();
    String header = new String(valid, FIXED, headerLength, StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOfRange(valid, FIXED + headerLength, valid.length - 32);
    for (String rows : List.of("2147483647", "1073741824", "-1", "268435456")) {
      String h = header.replaceFirst("\"rows\":\\d+", "\"rows\":" + rows);
      byte[] data = assemble(h.getBytes(StandardCharsets.UTF_8), body);
      ModelFormatException e = assertThrows(ModelFormatException.class,
          () -> ModelIo.decode(FILE, data));
      assertTrue(e.getMessage().contains("rows"), e.getMessage());
    }
    byte[] lying = valid.clone();
    ByteBuffer.wrap(lying).putInt(12, Integer.MAX_VALUE);
    assertThrows(ModelFormatException.class, () -> ModelIo.decode(FILE, withChecksum(
        Arrays.copyOf(lying, lying.length - 32))));
  }

  @Test
  void classNamesInTheFileAreNeverInstantiated() {
    byte[] valid = validModel();
    int headerLength = ByteBuffer.wrap(valid, 12, 4).getInt();
    String header = new String(valid, FIXED, headerLength, StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOfRange(valid, FIXED + headerLength, valid.length - 32);
    String name = java.util.regex.Matcher.quoteReplacement(Tripwire.class.getName());
    List<String> hostile = List.of(
        header.replaceFirst("\"provenance\":\\{", "\"provenance\":{\"@class\":\"" + name + "\","),
        header.replaceFirst("\"feature_config\":", "\"feature_config\":[\"" + name + "\",{}],"
            + "\"x\":"),
        header.replaceFirst("\\{", "{\"@type\":\"" + name + "\",\"@class\":\"" + name + "\","),
        header.replaceFirst("\"provenance\":", "\"provenance\":[\"" + name + "\","));
    for (String h : hostile) {
      loadOrRefuse(assemble(h.getBytes(StandardCharsets.UTF_8), body), h);
    }
    assertFalse(TRIPPED.get(), "a class named in the file was initialised");
  }

  @Test
  void nonFiniteParametersInAFileAreRefused() throws Exception {
    byte[] valid = validModel();
    byte[] data = Arrays.copyOf(valid, valid.length - 32);
    ByteBuffer.wrap(data).putDouble(data.length - 8, Double.NaN);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelIo.decode(FILE, withChecksum(data)));
    assertTrue(e.getMessage().contains("finite"), e.getMessage());
    assertArrayEquals(valid, ModelIo.encode(ModelIo.decode(FILE, valid)));
  }

  /** True when the file loaded; false when refused with ModelFormatException; fails otherwise. */
  private static boolean loadOrRefuse(byte[] data, String what) {
    try {
      SoftmaxModel m = ModelIo.decode(FILE, data);
      m.predict(SparseVector.of(new int[] {1, 7}, new double[] {1, 1}), "cell");
      return true;
    } catch (ModelFormatException e) {
      assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
      return false;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": threw " + e, e);
    }
  }

  /** A file from a header and a body, with a correct header length and checksum. */
  static byte[] assemble(byte[] header, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(FIXED + header.length + body.length);
    b.put("ENTDISTM".getBytes(StandardCharsets.US_ASCII)).putInt(ModelIo.FORMAT_VERSION)
        .putInt(header.length).put(header).put(body);
    return withChecksum(b.array());
  }

  static byte[] withChecksum(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      byte[] out = Arrays.copyOf(content, content.length + digest.length);
      System.arraycopy(digest, 0, out, content.length, digest.length);
      return out;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRoundTripThroughAFileStillWorks() throws Exception {
    byte[] valid = validModel();
    Path file = dir.resolve("m.model");
    Files.write(file, valid);
    assertArrayEquals(valid, ModelIo.encode(ModelIo.read(file)));
  }

  /** The Jazzer target's seed inputs exist, so the normal suite replays more than the empty one. */
  @Test
  void theJazzerTargetHasSeedInputs() throws Exception {
    FuzzSeeds.requireSeeds("ModelFileFuzzTestInputs/fuzz", 2);
    byte[] valid = FuzzSeeds.read("ModelFileFuzzTestInputs/fuzz/valid.model");
    assertTrue(loadOrRefuse(valid, "the valid seed"), "the valid seed no longer loads");
  }

  /** Jazzer: the input as a model file, with a checksum, and split into header and body. */
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] data) {
    loadOrRefuse(data, "raw");
    loadOrRefuse(withChecksum(data), "with checksum");
    if (data.length > 4) {
      int cut = Math.floorMod(data[0], data.length);
      loadOrRefuse(assemble(Arrays.copyOf(data, cut), Arrays.copyOfRange(data, cut,
          data.length)), "assembled");
    }
    assertFalse(TRIPPED.get());
  }

  /** Set when {@link Tripwire} is initialised (reading it does not initialise Tripwire). */
  static final AtomicBoolean TRIPPED = new AtomicBoolean();

  /** A class whose initialisation the model file must never trigger. */
  static final class Tripwire {
    static {
      TRIPPED.set(true);
    }

    private Tripwire() {}
  }
}
