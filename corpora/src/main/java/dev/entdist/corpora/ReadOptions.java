package dev.entdist.corpora;

/**
 * How to read a corpus file.
 *
 * @param format the format, or {@code null} to choose by extension, then by content
 * @param skipInvalid skip bad records (counting them) instead of failing on the first
 * @param dropO drop the none-label ("no entity") outcome from every distribution, renormalising
 *     (and its votes and answers); an occurrence labelled only with it is then left out
 * @param tagColumn CoNLL only: 0 reads every column after the token as one annotator each; k ≥ 2
 *     reads only the k-th column (1-based; 4 for the CoNLL-2003 layout); -1 reads only the last
 * @param maxLineLength longest accepted line in bytes; a longer one is rejected without being held
 *     in memory
 * @param noneLabel the label of "no entity here": what an annotator who saw a text but did not
 *     mark a span votes for it (the importers and CoNLL), and what {@code dropO} drops
 * @param checksum digest the bytes read, for {@link CorpusReader#checksum()}; without it the
 *     checksum is {@code null} and reading skips a SHA-256 pass over the input
 */
public record ReadOptions(CorpusFormat format, boolean skipInvalid, boolean dropO,
    int tagColumn, int maxLineLength, String noneLabel, boolean checksum) {

  /** The default line length limit: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

  /** The default none-label. */
  public static final String DEFAULT_NONE_LABEL = "O";

  /** Options with the default none-label {@code O}, digesting the input. */
  public ReadOptions(
      CorpusFormat format, boolean skipInvalid, boolean dropO, int tagColumn, int maxLineLength) {
    this(format, skipInvalid, dropO, tagColumn, maxLineLength, DEFAULT_NONE_LABEL);
  }

  /** Options that digest the input (a checksum is there). */
  public ReadOptions(CorpusFormat format, boolean skipInvalid, boolean dropO, int tagColumn,
      int maxLineLength, String noneLabel) {
    this(format, skipInvalid, dropO, tagColumn, maxLineLength, noneLabel, true);
  }

  /** Validates the column and the limit. */
  public ReadOptions {
    if (tagColumn < -1 || tagColumn == 1) {
      throw new IllegalArgumentException("tag column must be 0 (all), -1 (last) or a 1-based"
          + " column >= 2 (column 1 is the token), got " + tagColumn);
    }
    if (noneLabel == null || noneLabel.isEmpty()
        || noneLabel.codePoints().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "the none-label must be a non-empty word without spaces, got '" + noneLabel + "'");
    }
    if (maxLineLength < 1) {
      throw new IllegalArgumentException("max line length must be >= 1, got " + maxLineLength);
    }
  }

  /**
   * Format by extension or content, fail on the first bad record, keep O, all tag columns,
   * digest the input.
   */
  public static ReadOptions defaults() {
    return new ReadOptions(null, false, false, 0, DEFAULT_MAX_LINE_LENGTH, DEFAULT_NONE_LABEL,
        true);
  }

  /** A copy reading {@code newFormat} ({@code null}: detect). */
  public ReadOptions withFormat(CorpusFormat newFormat) {
    return new ReadOptions(newFormat, skipInvalid, dropO, tagColumn, maxLineLength, noneLabel,
        checksum);
  }

  /** A copy that skips (or not) bad records. */
  public ReadOptions withSkipInvalid(boolean skip) {
    return new ReadOptions(format, skip, dropO, tagColumn, maxLineLength, noneLabel, checksum);
  }

  /** A copy that drops (or keeps) the O outcome. */
  public ReadOptions withDropO(boolean drop) {
    return new ReadOptions(format, skipInvalid, drop, tagColumn, maxLineLength, noneLabel,
        checksum);
  }

  /** A copy reading CoNLL tag column {@code column} (see the record description). */
  public ReadOptions withTagColumn(int column) {
    return new ReadOptions(format, skipInvalid, dropO, column, maxLineLength, noneLabel,
        checksum);
  }

  /** A copy with another none-label. */
  public ReadOptions withNoneLabel(String label) {
    return new ReadOptions(format, skipInvalid, dropO, tagColumn, maxLineLength, label,
        checksum);
  }

  /** A copy with another line length limit. */
  public ReadOptions withMaxLineLength(int bytes) {
    return new ReadOptions(format, skipInvalid, dropO, tagColumn, bytes, noneLabel, checksum);
  }

  /**
   * A copy that digests (or does not digest) the input: a caller that never asks for {@link
   * CorpusReader#checksum()} saves a SHA-256 pass over every byte.
   */
  public ReadOptions withChecksum(boolean digest) {
    return new ReadOptions(format, skipInvalid, dropO, tagColumn, maxLineLength, noneLabel,
        digest);
  }
}
