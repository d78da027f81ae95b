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
  OPENNLP("opennlp", false, true),

  /**
   * Label Studio's JSON export of a span-labelling project (read only; see {@link
   * LabelStudioReader}).
   */
  LABEL_STUDIO("label-studio", false, false),

  /**
   * doccano's JSONL export of a sequence-labelling project, one file or a directory of one file
   * per annotator (read only; see {@link DoccanoReader}).
   */
  DOCCANO("doccano", false, false);

  private final String spelling;
  private final boolean holdsProbabilities;
  private final boolean writable;

  CorpusFormat(String spelling, boolean holdsProbabilities) {
    this(spelling, holdsProbabilities, true);
  }

  CorpusFormat(String spelling, boolean holdsProbabilities, boolean writable) {
    this.spelling = spelling;
    this.holdsProbabilities = holdsProbabilities;
    this.writable = writable;
  }

  /** Whether entdist can write this format (the annotation tools' exports are read only). */
  public boolean writable() {
    return writable;
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
   * {@code json} is JSONL, {@code labelstudio} and {@code label_studio} are Label Studio).
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
      case "label-studio":
      case "labelstudio":
      case "label_studio":
        return LABEL_STUDIO;
      case "doccano":
        return DOCCANO;
      default:
        throw new IllegalArgumentException("unknown corpus format '" + name
            + "': use jsonl, conll, opennlp, label-studio or doccano");
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

  /**
   * The format the first non-blank line of a file suggests ({@code [} opens a JSON array: a Label
   * Studio export).
   */
  static CorpusFormat byContent(String firstLine) {
    String s = firstLine.strip();
    if (s.startsWith("[")) {
      return LABEL_STUDIO;
    }
    if (s.startsWith("{")) {
      return JSONL;
    }
    if (s.contains("<START")) {
      return OPENNLP;
    }
    return CONLL;
  }
}
