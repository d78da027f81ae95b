package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.JsonlFormat;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same {@code entdist train} command, with the same seed and thread count and with {@code
 * SOURCE_DATE_EPOCH} set, writes a byte-identical model file. Each run is its own JVM, since the
 * date comes from the environment.
 */
class ReproducibleTrainTest {

  @Test
  void sameCommandSameSeedSameEpochGivesTheSameBytes(@TempDir Path dir) throws Exception {
    Path corpus = dir.resolve("cell.jsonl");
    try (Writer out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
      JsonlFormat.write(BundledCorpus.load("cell").examples(), out);
    }
    Path first = dir.resolve("first.model");
    Path second = dir.resolve("second.model");
    train(corpus, first, dir);
    train(corpus, second, dir);
    byte[] a = Files.readAllBytes(first);
    byte[] b = Files.readAllBytes(second);
    assertFalse(a.length == 0);
    assertArrayEquals(a, b, "two runs of the same train command wrote different model files");
  }

  private static void train(Path corpus, Path model, Path dir)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "train", "--quiet",
        "--corpus", corpus.toString(), "--out", model.toString(), "--seed", "7",
        "--threads", "2", "--max-iter", "40"));
    pb.environment().put("SOURCE_DATE_EPOCH", "1767225600");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(model.getFileName() + ".log").toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("train did not finish within 120 s");
    }
    assertEquals(0, p.exitValue(),
        Files.readString(dir.resolve(model.getFileName() + ".log")));
  }
}
