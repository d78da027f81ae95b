package dev.entdist.corpora;

import java.util.List;

/**
 * A corpus read into memory together with what reading it skipped.
 *
 * @param corpus the occurrences that were read
 * @param skipped number of bad records skipped (with {@link ReadOptions#skipInvalid()})
 * @param skippedErrors the first few skipped errors, for a report
 */
public record LoadedCorpus(Corpus corpus, long skipped, List<CorpusFormatException> skippedErrors) {

  /** Copies the error list. */
  public LoadedCorpus {
    skippedErrors = List.copyOf(skippedErrors);
  }
}
