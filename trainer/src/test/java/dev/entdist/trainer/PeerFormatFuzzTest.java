package dev.entdist.trainer;

import dev.entdist.divergence.testing.Mutator;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.entdist.divergence.LabelRegime;
import dev.entdist.divergence.SparseVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the peer-format reader: a valid data set has one of its files (features.svm,
 * labels.tsv, weights.tsv, true.tsv, meta.json) mutated, and reading it — whole, as training
 * data, and streamed — must either succeed or throw {@link PeerFormatException} naming that
 * directory's file. A seeded mutation run belongs to the normal suite; the Jazzer target mutates
 * features.svm.
 */
class PeerFormatFuzzTest {

  private static final List<String> FILES =
      List.of("train/features.svm", "train/labels.tsv", "train/weights.tsv", "train/true.tsv",
          "meta.json");
  private static final List<String> TOKENS = List.of(" ", ":", "\t", "\n", "0 ", " 3:1",
      " -1:1", " 99999999999:1", " 2:NaN", " 2:Infinity", "1e309", "\"n_features\":", "-0",
      "a\tb", "0.5\t0.5", "1\t0\t0", "\r\n");

  @TempDir Path dir;

  /** A small valid data set; returns each file's bytes in {@link #FILES} order. */
  static List<byte[]> validDataSet(Path root) throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    int n = 12;
    List<SparseVector> x = Fixtures.sparseRows(n, 40, 4, r);
    double[][] y = Fixtures.softTargets(n, 3, r);
    PeerFormat.writeMeta(root, 40, List.of("b", "a", "c"));
    PeerFormat.writeSplit(root.resolve("train"), List.of("b", "a", "c"), x, y,
        Fixtures.weights(n, r));
    PeerFormat.writeDistributions(root.resolve("train/true.tsv"), List.of("b", "a", "c"), y);
    List<byte[]> out = new ArrayList<>();
    for (String f : FILES) {
      out.add(Files.readAllBytes(root.resolve(f)));
    }
    return out;
  }

  @Test
  void mutatedDataSetsReadOrFailWithPeerFormatException() throws Exception {
    List<byte[]> valid = validDataSet(dir.resolve("valid"));
    // Each case writes and reads several files, so the default count is a third of the others'.
    int cases = Mutator.cases(3000) / 3;
    long clean = 0;
    long refused = 0;
    Mutator[] mutators = new Mutator[FILES.size()];
    for (int f = 0; f < FILES.size(); f++) {
      mutators[f] = new Mutator(9300 + f, List.of(valid.get(f)), TOKENS, 1 << 16);
    }
    Path root = dir.resolve("case");
    Files.createDirectories(root.resolve("train"));
    for (int f = 0; f < FILES.size(); f++) {
      Files.write(root.resolve(FILES.get(f)), valid.get(f));
    }
    try (CaseTimeLimit limit = new CaseTimeLimit("fuzz-peer-format")) {
      for (int i = 0; i < cases; i++) {
        int target = i % FILES.size();
        if (i > 0) {
          int previous = (i - 1) % FILES.size();
          Files.write(root.resolve(FILES.get(previous)), valid.get(previous));
        }
        byte[] data = mutators[target].next();
        Files.write(root.resolve(FILES.get(target)), data);
        try {
          limit.run("case " + i + " (" + FILES.get(target) + " mutated, seed " + (9300 + target)
              + ")", () -> readEverything(root));
          clean++;
        } catch (PeerFormatException e) {
          refused++;
          assertTrue(e.file().startsWith(root), e.getMessage());
          assertTrue(e.getMessage().contains(e.file().toString()), e.getMessage());
          assertTrue(e.line() >= 0 && e.line() <= countLines(data) + 1, e.getMessage());
        } catch (RuntimeException | IOException | Error e) {
          throw new AssertionError("case " + i + " (" + FILES.get(target) + " mutated, seed "
              + (9300 + target) + ") threw " + e, e);
        }
      }
    }
    System.out.printf("fuzz peer format: %d inputs, %d read cleanly, %d refused with"
        + " PeerFormatException%n", cases, clean, refused);
    assertTrue(clean > 0 && refused > 0, clean + " clean, " + refused + " refused");
  }

  /** Reads a data set every way the trainer does. */
  static void readEverything(Path root) throws IOException, PeerFormatException {
    PeerFormat.Meta meta = PeerFormat.readMeta(root);
    PeerFormat.Split split = PeerFormat.readSplit(root.resolve("train"), meta.nFeatures());
    split.toTrainingData();
    ExampleStream stream = PeerFormat.stream(root.resolve("train"), meta.nFeatures(),
        LabelRegime.parse("soft"));
    stream.forEach((row, x, target, weight) -> { });
  }

  private static long countLines(byte[] data) {
    long n = 1;
    for (byte b : data) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }

  /** The Jazzer target's seed inputs exist, so the normal suite replays more than the empty one. */
  @Test
  void theJazzerTargetHasSeedInputs() throws Exception {
    FuzzSeeds.requireSeeds("PeerFormatFuzzTestInputs/fuzz", 2);
  }

  /** Jazzer: features.svm of a valid data set replaced by the input (seeds under resources). */
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] features) throws IOException {
    Path root = Files.createTempDirectory("peer-fuzz");
    try {
      List<byte[]> valid = validDataSet(root);
      Files.write(root.resolve(FILES.get(0)), features);
      try {
        readEverything(root);
      } catch (PeerFormatException e) {
        assertTrue(e.file().startsWith(root), e.getMessage());
        assertTrue(e.getMessage().contains(e.file().toString()), e.getMessage());
      }
      assertTrue(valid.size() == FILES.size());
    } finally {
      try (var walk = Files.walk(root)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

}
