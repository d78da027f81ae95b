package dev.entdist.corpora;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A stream of occurrences read one at a time from a corpus file, holding only the current record
 * in memory. After a {@link CorpusFormatException} the reader has moved past the bad record, so
 * calling {@link #next()} again continues with the following one (this is how {@code validate}
 * reports every bad line). With {@link ReadOptions#skipInvalid()} bad records are skipped and
 * counted instead.
 */
public interface CorpusReader extends Closeable {

  /**
   * The next occurrence, or {@code null} at the end.
   *
   * @throws CorpusFormatException for a bad record (unless skipping), naming source, line, field
   */
  AnnotatedExample next() throws IOException, CorpusFormatException;

  /** The file or resource name. */
  String source();

  /** How many bad records were skipped so far. */
  long skipped();

  /** The first few skipped errors (at most 10), for a report. */
  List<CorpusFormatException> skippedErrors();

  /** The format this reader reads (told from the name or the first line when not given). */
  CorpusFormat format();

  /**
   * {@code sha256:HEX} of the bytes this reader has consumed: once {@link #next()} has returned
   * {@code null}, the SHA-256 of the whole input as it was read (of a file's bytes, before any
   * decompression; of a pipe's bytes, which cannot be read twice). For the bundled corpus, the
   * digest runs over its index and then each word's file in index order.
   */
  String checksum();
}
