package dev.entdist.corpora;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes occurrences one at a time in a corpus format. The tagged formats (CoNLL, OpenNLP) gather
 * consecutive occurrences of one sentence and write the sentence when the text changes or the
 * writer is closed, so memory holds one sentence at most.
 */
public interface CorpusWriter extends Closeable {

  /**
   * Writes (or buffers) one occurrence.
   *
   * @throws CorpusFormatException when the format cannot hold it (soft labels in a one-label
   *     format without argmax, overlapping names in OpenNLP, …), naming the example
   */
  void write(AnnotatedExample example) throws IOException, CorpusFormatException;

  /** Occurrences the format has no place for and that were left out (labelled only {@code O}). */
  long omitted();

  /**
   * Writes what is buffered and closes the output.
   *
   * @throws CorpusFormatException when the last buffered sentence cannot be written
   */
  void finish() throws IOException, CorpusFormatException;

  /** Closes the output without writing what is still buffered. */
  @Override
  void close() throws IOException;
}
