package dev.entdist.corpora;

import java.nio.file.Path;

/**
 * A child process for {@link BoundedMemoryTest}: validates or converts one corpus by streaming
 * it, and prints {@code occurrences errors} on stdout.
 */
public final class StreamingProcess {

  private StreamingProcess() {}

  /** Arguments: {@code validate FILE} or {@code convert FILE FORMAT OUT}. */
  public static void main(String[] args) throws Exception {
    long read = 0;
    long errors = 0;
    CorpusWriter writer = args[0].equals("convert")
        ? CorpusFiles.writer(Path.of(args[3]), CorpusFormat.parse(args[2]), false) : null;
    try (CorpusReader reader = CorpusFiles.open(args[1], ReadOptions.defaults())) {
      while (true) {
        AnnotatedExample e;
        try {
          e = reader.next();
        } catch (CorpusFormatException bad) {
          errors++;
          continue;
        }
        if (e == null) {
          break;
        }
        read++;
        if (writer != null) {
          writer.write(e);
        }
      }
      if (writer != null) {
        writer.finish();
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    System.out.println(read + " " + errors);
  }
}
