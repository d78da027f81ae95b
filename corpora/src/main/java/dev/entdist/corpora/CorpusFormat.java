package dev.entdist.corpora;

import java.util.Locale;

/** The corpus file formats entdist reads and writes. */
public enum CorpusFormat {

  /** The native format: one JSON object per occurrence (see {@link JsonlFormat}). */
  JSONL("jsonl", true),

  /**
   * CoNLL-style columns: the token, then one BIO/BIOES tag per annotator ({@code ?} for an
   * annotator who did not see the sentence), a blank line between sentences.
   */
  CONLL("conll", false),

  /** OpenNLP name samples: one tokenized sentence a line, {@code <START:type> … <END>}. */
  OPENNLP("opennlp", false);

  private final String spelling;
  private final boolean holdsProbabilities;

  CorpusFormat(String spelling, boolean holdsProbabilities) {
    this.spelling = spelling;
    this.holdsProbabilities = holdsProbabilities;
  }

  /** The name on the command line and the file extension: {@code jsonl}, {@code conll}, … */
  public String spelling() {
    return spelling;
  }

  /**
   * Whether the format holds arbitrary label probabilities; the others hold one label per
   * annotator.
   */
  public boolean holdsProbabilities() {
    return holdsProbabilities;
  }

  /**
   * Parses a format name (case-insensitive; {@code bio}, {@code bioes} and {@code iob} are CoNLL,
   * {@code json} is JSONL).
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static CorpusFormat parse(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "jsonl":
      case "json":
      case "ndjson":
        return JSONL;
      case "conll":
      case "bio":
      case "bioes":
      case "iob":
        return CONLL;
      case "opennlp":
        return OPENNLP;
      default:
        throw new IllegalArgumentException(
            "unknown corpus format '" + name + "': use jsonl, conll or opennlp");
    }
  }

  /** The format a file extension implies, or {@code null} when the extension says nothing. */
  static CorpusFormat byExtension(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return JSONL;
    }
    if (n.endsWith(".conll") || n.endsWith(".bio") || n.endsWith(".bioes") || n.endsWith(".iob")
        || n.endsWith(".conllu")) {
      return CONLL;
    }
    if (n.endsWith(".opennlp") || n.endsWith(".ner") || n.endsWith(".namesample")) {
      return OPENNLP;
    }
    return null;
  }

  /** The format the first non-blank line of a file suggests. */
  static CorpusFormat byContent(String firstLine) {
    String s = firstLine.strip();
    if (s.startsWith("{")) {
      return JSONL;
    }
    if (s.contains("<START")) {
      return OPENNLP;
    }
    return CONLL;
  }
}
