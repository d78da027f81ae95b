package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validating or converting a corpus larger than the heap works: a generated corpus of {@code
 * entdist.memory.mb} MiB (default 32; the {@code reliability} profile raises it) is streamed by
 * a child JVM with a 24 MiB heap, with a few bad lines among the good ones.
 */
class BoundedMemoryTest {

  private static final String HEAP = "-Xmx24m";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"validate, jsonl", "convert, conll", "convert, jsonl"})
  void streamsACorpusLargerThanTheHeap(String mode, String to) throws Exception {
    long bytes = Long.getLong("entdist.memory.mb", 32) << 20;
    Path corpus = dir.resolve("big.jsonl");
    long[] written = generate(corpus, bytes);
    assertTrue(Files.size(corpus) > (24L << 20), "the corpus must exceed the heap");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        StreamingProcess.class.getName(), mode, corpus.toString()));
    Path out = dir.resolve("out." + to);
    if (mode.equals("convert")) {
      command.addAll(List.of(to, out.toString()));
    }
    // The child's output goes to a file, so that waiting for it is bounded by the time limit
    // (reading its stdout would block until it exits).
    Path childOut = dir.resolve("child.out");
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(childOut.toFile()).start();
    try {
      if (!child.waitFor(300, TimeUnit.SECONDS)) {
        fail("the child did not finish within 300 s");
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    String result = Files.readString(childOut, StandardCharsets.UTF_8).strip();
    assertEquals(0, child.exitValue(), "the child failed (out of memory?): " + result);
    assertEquals(written[0] + " " + written[1], result);
    if (mode.equals("convert")) {
      assertTrue(Files.size(out) > (16L << 20), "the converted corpus was written");
    }
    System.out.printf("bounded memory: %s to %s of %d MiB with %s: %s%n", mode, to,
        Files.size(corpus) >> 20, HEAP, result);
  }

  /** Writes good lines (with every 10 000th line broken) up to {@code bytes}; returns counts. */
  private static long[] generate(Path file, long bytes) throws Exception {
    long good = 0;
    long bad = 0;
    long size = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; size < bytes; i++) {
        String line;
        if (i % 10_000 == 9_999) {
          line = "{\"id\":\"bad-" + i + "\",\"text\":\"no target here\"}";
          bad++;
        } else {
          String text = "Sentence " + i + " says the cell number " + (i % 97) + " was used.";
          line = "{\"id\":\"s-" + i + "\",\"text\":\"" + text + "\",\"target\":\"cell\",\"start\":"
              + text.indexOf("cell") + ",\"end\":" + (text.indexOf("cell") + 4)
              + ",\"labels\":{\"biology\":0.25,\"phone\":0.75},\"votes\":{\"biology\":1,"
              + "\"phone\":3},\"n_annotators\":4}";
          good++;
        }
        w.write(line);
        w.write('\n');
        size += line.length() + 1;
      }
    }
    return new long[] {good, bad};
  }
}
