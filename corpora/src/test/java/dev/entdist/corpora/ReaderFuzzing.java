package dev.entdist.corpora;

import dev.entdist.divergence.testing.Mutator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * The contract every corpus reader is fuzzed against: reading any bytes to the end (reading on
 * after each error, as {@code corpus validate} does) either yields occurrences or throws {@link
 * CorpusFormatException} naming the source and a line of the input, and always makes progress.
 * Any other exception or error, or a case that runs past its time limit, fails the test and
 * leaves the input under {@code target/fuzz-failures/} for replay.
 */
final class ReaderFuzzing {

  /** The line limit the fuzzed readers use (huge-line mutations go just past it). */
  static final int MAX_LINE = 1 << 16;

  static final long CASE_SECONDS = 20;

  private ReaderFuzzing() {}

  /** What a fuzz run saw. */
  record Tally(long inputs, long clean, long refused, long occurrences) {}

  /** A seed file from the test resources. */
  static byte[] resource(String name) {
    try (InputStream in = ReaderFuzzing.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The read options of case {@code i}: format fixed, the other switches varied. */
  static ReadOptions options(CorpusFormat format, long i) {
    int[] columns = {0, -1, 2, 4};
    return new ReadOptions(format, i % 3 == 1, i % 5 == 2, columns[(int) (i % 4)], MAX_LINE);
  }

  /**
   * Reads {@code data} to the end with {@code options} and checks the contract.
   *
   * @return the occurrences read and the errors seen
   */
  static long[] readAll(byte[] data, ReadOptions options, String source)
      throws IOException {
    LineSource lines = new LineSource(new ByteArrayInputStream(data), source, MAX_LINE);
    CorpusReader reader = switch (options.format()) {
      case JSONL -> new JsonlReader(lines, options);
      case CONLL -> new ConllReader(lines, options);
      case OPENNLP -> new OpenNlpReader(lines, options);
      case LABEL_STUDIO -> new LabelStudioReader(new ByteArrayInputStream(data), source, options);
      case DOCCANO -> new DoccanoReader(List.of(lines), source, options);
    };
    return drain(reader, source, countLines(data));
  }

  /** Reads an opened reader to the end, checking every error; {@code lines} bounds them. */
  static long[] drain(CorpusReader reader, String source, long lines) throws IOException {
    long read = 0;
    long errors = 0;
    try (reader) {
      while (true) {
        try {
          AnnotatedExample e = reader.next();
          if (e == null) {
            break;
          }
          read++;
        } catch (CorpusFormatException e) {
          errors++;
          assertEquals(source, e.source(), "the error names the source");
          assertTrue(e.line() >= 1 && e.line() <= lines + 1,
              "the error names a line of the input (1.." + lines + "), got " + e.line()
                  + ": " + e.getMessage());
          assertTrue(e.getMessage().startsWith(source + ":" + e.line()), e.getMessage());
          assertTrue(errors <= lines + 1, "more errors than lines: the reader makes no progress");
        }
      }
    }
    assertTrue(reader.skipped() <= lines + 1, "skipped more records than lines");
    return new long[] {read, errors + reader.skipped()};
  }

  /**
   * Runs {@code cases} mutated inputs through the reader of {@code format}; every 16th case is
   * read from a file through {@link CorpusFiles#open} (format detected from the content), every
   * 16th from a mutated gzip file.
   */
  static Tally run(CorpusFormat format, List<byte[]> seeds, List<String> tokens, long seed,
      int cases, Path dir) throws Exception {
    Mutator mutator = new Mutator(seed, seeds, tokens, MAX_LINE + 1);
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-" + format);
      t.setDaemon(true);
      return t;
    });
    long clean = 0;
    long refused = 0;
    long occurrences = 0;
    try {
      for (int i = 0; i < cases; i++) {
        byte[] data = mutator.next();
        int mode = i % 16;
        final int index = i;
        Future<long[]> result = worker.submit(() -> readCase(format, data, mode, index, dir));
        long[] r;
        try {
          r = result.get(CASE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          result.cancel(true);
          throw failure(format, seed, i, data, mode, e, dir);
        } catch (ExecutionException e) {
          throw failure(format, seed, i, data, mode, e.getCause(), dir);
        }
        occurrences += r[0];
        if (r[1] == 0) {
          clean++;
        } else {
          refused++;
        }
      }
    } finally {
      worker.shutdownNow();
    }
    return new Tally(cases, clean, refused, occurrences);
  }

  private static long[] readCase(CorpusFormat format, byte[] data, int mode, int i, Path dir)
      throws Exception {
    if (mode == 0) {
      Path file = dir.resolve("case-" + i);
      Files.write(file, data);
      try {
        return drain(open(file, options(null, i)), file.toString(), countLines(data));
      } catch (CorpusFormatException e) {
        return new long[] {0, 1};
      } finally {
        Files.delete(file);
      }
    }
    if (mode == 8) {
      Path file = dir.resolve("case-" + i + "." + format.spelling() + ".gz");
      Files.write(file, damagedGzip(data, i));
      try {
        // Damaged compressed data may decompress to more lines than the input had.
        return drain(open(file, options(format, i)), file.toString(), Long.MAX_VALUE / 4);
      } catch (CorpusFormatException e) {
        return new long[] {0, 1};
      } finally {
        Files.delete(file);
      }
    }
    return readAll(data, options(format, i), "fuzz." + format.spelling());
  }

  /** Opens a file; an error opening it names the file (line 0: the file as a whole). */
  private static CorpusReader open(Path file, ReadOptions options)
      throws IOException, CorpusFormatException {
    try {
      return CorpusFiles.open(file.toString(), options);
    } catch (CorpusFormatException e) {
      assertEquals(file.toString(), e.source(), "the error names the file");
      assertTrue(e.getMessage().startsWith(file.toString() + ":"), e.getMessage());
      throw e;
    }
  }

  /** The gzip of {@code data}, with a byte changed or the tail cut off in odd cases. */
  private static byte[] damagedGzip(byte[] data, int i) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    byte[] z = bytes.toByteArray();
    if (i % 3 == 0) {
      z[(i * 7919) % z.length] ^= 0x20;
    } else if (i % 3 == 1) {
      z = java.util.Arrays.copyOf(z, (i * 7919) % z.length);
    }
    return z;
  }

  private static AssertionError failure(CorpusFormat format, long seed, int i, byte[] data,
      int mode, Throwable cause, Path dir) {
    Path saved = Path.of("target", "fuzz-failures", format.spelling() + "-" + seed + "-" + i
        + ".bin");
    try {
      Files.createDirectories(saved.getParent());
      Files.write(saved, data);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
    String what = cause instanceof TimeoutException ? "ran past " + CASE_SECONDS + " s"
        : "threw " + cause;
    return new AssertionError(format + " case " + i + " (seed " + seed + ", mode " + mode + ", "
        + data.length + " bytes, saved to " + saved + ") " + what, cause);
  }

  static long countLines(byte[] data) {
    long n = 1;
    for (byte b : data) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Asserts that a run exercised both outcomes and prints its figures. */
  static void report(String name, Tally t) {
    System.out.printf("fuzz %s: %d inputs, %d read cleanly, %d refused with"
        + " CorpusFormatException, %d occurrences%n", name, t.inputs(), t.clean(), t.refused(),
        t.occurrences());
    assertTrue(t.clean() > 0 && t.refused() > 0,
        "the mutations should produce both valid and invalid inputs: " + t);
  }

  /** Tokens of one format as UTF-8 strings, for splicing. */
  static List<String> tokens(String... tokens) {
    List<String> out = new ArrayList<>(List.of(tokens));
    out.add(new String(new byte[] {'\n'}, StandardCharsets.UTF_8));
    return out;
  }
}
