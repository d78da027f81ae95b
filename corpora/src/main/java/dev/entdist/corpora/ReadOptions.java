package dev.entdist.corpora;

/**
 * How to read a corpus file.
 *
 * @param format the format, or {@code null} to choose by extension, then by content
 * @param skipInvalid skip bad records (counting them) instead of failing on the first
 * @param dropO drop the {@code O} ("no entity") outcome from every distribution, renormalising;
 *     an occurrence labelled only {@code O} is then left out
 * @param tagColumn CoNLL only: 0 reads every column after the token as one annotator each; k ≥ 2
 *     reads only the k-th column (1-based; 4 for the CoNLL-2003 layout); -1 reads only the last
 * @param maxLineLength longest accepted line in bytes; a longer one is rejected without being held
 *     in memory
 */
public record ReadOptions(
    CorpusFormat format, boolean skipInvalid, boolean dropO, int tagColumn, int maxLineLength) {

  /** The default line length limit: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

  /** Validates the column and the limit. */
  public ReadOptions {
    if (tagColumn < -1 || tagColumn == 1) {
      throw new IllegalArgumentException("tag column must be 0 (all), -1 (last) or a 1-based"
          + " column >= 2 (column 1 is the token), got " + tagColumn);
    }
    if (maxLineLength < 1) {
      throw new IllegalArgumentException("max line length must be >= 1, got " + maxLineLength);
    }
  }

  /** Format by extension or content, fail on the first bad record, keep O, all tag columns. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, false, false, 0, DEFAULT_MAX_LINE_LENGTH);
  }

  /** A copy reading {@code newFormat} ({@code null}: detect). */
  public ReadOptions withFormat(CorpusFormat newFormat) {
    return new ReadOptions(newFormat, skipInvalid, dropO, tagColumn, maxLineLength);
  }

  /** A copy that skips (or not) bad records. */
  public ReadOptions withSkipInvalid(boolean skip) {
    return new ReadOptions(format, skip, dropO, tagColumn, maxLineLength);
  }

  /** A copy that drops (or keeps) the O outcome. */
  public ReadOptions withDropO(boolean drop) {
    return new ReadOptions(format, skipInvalid, drop, tagColumn, maxLineLength);
  }

  /** A copy reading CoNLL tag column {@code column} (see the record description). */
  public ReadOptions withTagColumn(int column) {
    return new ReadOptions(format, skipInvalid, dropO, column, maxLineLength);
  }

  /** A copy with another line length limit. */
  public ReadOptions withMaxLineLength(int bytes) {
    return new ReadOptions(format, skipInvalid, dropO, tagColumn, bytes);
  }
}
