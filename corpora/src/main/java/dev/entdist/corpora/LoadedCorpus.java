package dev.entdist.corpora;

import java.util.List;

/**
 * A corpus read into memory together with what reading it skipped, the format it was read as and
 * the checksum of the bytes that were read.
 *
 * @param corpus the occurrences that were read
 * @param skipped number of bad records skipped (with {@link ReadOptions#skipInvalid()})
 * @param skippedErrors the first few skipped errors, for a report
 * @param format the format the input was read as, or {@code null} when not known
 * @param checksum {@code sha256:HEX} of the bytes read (see {@link CorpusReader#checksum()}), or
 *     {@code null} when not known
 */
public record LoadedCorpus(Corpus corpus, long skipped, List<CorpusFormatException> skippedErrors,
    CorpusFormat format, String checksum) {

  /** Copies the error list. */
  public LoadedCorpus {
    skippedErrors = List.copyOf(skippedErrors);
  }

  /** A loaded corpus whose format and checksum are not known. */
  public LoadedCorpus(Corpus corpus, long skipped, List<CorpusFormatException> skippedErrors) {
    this(corpus, skipped, skippedErrors, null, null);
  }
}
