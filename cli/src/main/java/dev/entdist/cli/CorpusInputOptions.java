package dev.entdist.cli;

import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.ReadOptions;
import picocli.CommandLine.Option;

/**
 * How {@code features export} and {@code model info} read their {@code --corpus}: its format
 * and none-label.
 */
final class CorpusInputOptions {

  @Option(names = "--format", paramLabel = "FORMAT",
      converter = CorpusReading.FormatConverter.class,
      description = "Format of --corpus: jsonl, conll, opennlp, label-studio or doccano"
          + " (default: by file extension, else by the first line).")
  CorpusFormat format;

  @Option(names = "--none-label", paramLabel = "LABEL", defaultValue = "O",
      description = "Label-studio, doccano, CoNLL: what an annotator who did not mark a span"
          + " votes for it (default: ${DEFAULT-VALUE}).")
  String noneLabel;

  /** The read options these describe. */
  ReadOptions options() {
    try {
      return ReadOptions.defaults().withFormat(format).withNoneLabel(noneLabel)
          .withChecksum(false);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }
}
