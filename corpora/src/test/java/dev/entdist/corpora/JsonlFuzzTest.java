package dev.entdist.corpora;

import dev.entdist.divergence.testing.Mutator;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the JSONL reader (see {@link ReaderFuzzing} for the contract): a seeded mutation run in
 * the normal suite, and a Jazzer target that replays its seed inputs in the normal suite and
 * fuzzes with coverage guidance under {@code JAZZER_FUZZ=1} (the {@code reliability} profile).
 */
class JsonlFuzzTest {

  static final List<String> TOKENS = ReaderFuzzing.tokens("\"start\":", "\"end\":",
      "\"labels\":", "{\"a\":0.5,\"b\":0.5}", "\"votes\":{\"x\":3}", "\"votes\":{\"\":1}",
      "\"labels\":{\"\":1}", "null", "{}", "[]", "\"n_annotators\":0", "\"", "\\u0000", "\\ud800",
      ",", ":", "}", "{", "\"text\":\"\"", "\"target\":1", "true");

  static List<byte[]> seeds() {
    return List.of(ReaderFuzzing.resource("good.jsonl"), ReaderFuzzing.resource("broken.jsonl"),
        ("{\"id\":\"e\",\"text\":\"a \uD83D\uDE00 cell\",\"target\":\"cell\",\"start\":4,"
            + "\"end\":8,\"votes\":{\"x\":2,\"y\":1},\"extra\":[1,{\"k\":null}]}\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mutatedInputsYieldOccurrencesOrCorpusFormatException(@TempDir Path dir)
      throws Exception {
    ReaderFuzzing.Tally t = ReaderFuzzing.run(CorpusFormat.JSONL, seeds(), TOKENS, 9001L,
        Mutator.cases(3000), dir);
    ReaderFuzzing.report("jsonl", t);
  }

  /**
   * {@link JsonlFormat#read(Path)} (whole-file reading) keeps the same contract, each case under
   * the same time limit as the mutation run.
   */
  @Test
  void wholeFileReadingKeepsTheContract(@TempDir Path dir) throws Exception {
    Mutator mutator = new Mutator(9002L, seeds(), TOKENS, ReadOptions.DEFAULT_MAX_LINE_LENGTH + 1);
    int cases = Math.max(1, Mutator.cases(3000) / 10);
    int refused = 0;
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-jsonl-whole-file");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int i = 0; i < cases; i++) {
        byte[] data = mutator.next();
        Path file = dir.resolve("whole.jsonl");
        Files.write(file, data);
        Future<?> read = worker.submit(() -> JsonlFormat.read(file));
        try {
          read.get(ReaderFuzzing.CASE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          read.cancel(true);
          throw new AssertionError("case " + i + ": no result after "
              + ReaderFuzzing.CASE_SECONDS + " s (an infinite loop?)", e);
        } catch (ExecutionException wrapped) {
          if (!(wrapped.getCause() instanceof CorpusFormatException e)) {
            throw new AssertionError("case " + i + ": not a CorpusFormatException: "
                + wrapped.getCause(), wrapped.getCause());
          }
          refused++;
          assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
          assertTrue(e.line() >= 1 && e.line() <= ReaderFuzzing.countLines(data),
              e.getMessage());
        }
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.printf("fuzz jsonl whole-file: %d inputs, %d refused%n", cases, refused);
    assertTrue(refused > 0 && refused < cases, refused + " of " + cases + " refused");
  }

  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] data) throws IOException {
    ReaderFuzzing.readAll(data, ReaderFuzzing.options(CorpusFormat.JSONL, data.length),
        "fuzz.jsonl");
  }
}
