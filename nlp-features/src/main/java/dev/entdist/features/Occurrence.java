package dev.entdist.features;

/**
 * A target span located in an analysed sentence: the tokens it overlaps ({@code first..last},
 * inclusive; {@code last = first - 1} when the span covers no token) and whether its ends fall on
 * token boundaries. Package-private working state of the generators.
 */
final class Occurrence {

  final SentenceAnalysis analysis;
  final String target;
  final String lowerTarget;
  final int first;
  final int last;
  final boolean aligned;
  /** True for a word analysed without any context (its own one-word "sentence"). */
  final boolean isolated;

  Occurrence(SentenceAnalysis analysis, String target, int first, int last, boolean aligned,
      boolean isolated) {
    this.analysis = analysis;
    this.target = target;
    this.lowerTarget = target.toLowerCase(java.util.Locale.ROOT);
    this.first = first;
    this.last = last;
    this.aligned = aligned;
    this.isolated = isolated;
  }

  /**
   * Locates the code-point span {@code [start, end)} of a sentence among its tokens.
   *
   * @param analysis the analysed sentence
   * @param target the text of the span
   * @param start first code point of the span, counted from the start of the sentence
   * @param end one past the last code point, counted from the start of the sentence
   */
  static Occurrence locate(SentenceAnalysis analysis, String target, int start, int end) {
    int n = analysis.size();
    int first = 0;
    while (first < n && analysis.end(first) <= start) {
      first++;
    }
    int last = first - 1;
    while (last + 1 < n && analysis.start(last + 1) < end) {
      last++;
    }
    boolean aligned = last >= first
        && analysis.start(first) == start
        && analysis.end(last) == end;
    return new Occurrence(analysis, target, first, last, aligned, false);
  }

  /** A word analysed on its own: all its tokens form the target. */
  static Occurrence isolated(SentenceAnalysis analysis, String word) {
    return new Occurrence(analysis, word, 0, analysis.size() - 1, true, true);
  }

  /** Whether the span covers at least one token. */
  boolean coversTokens() {
    return last >= first;
  }

  /** The tags of the covered tokens joined by '_'. */
  String joinedTags() {
    StringBuilder sb = new StringBuilder();
    for (int i = first; i <= last; i++) {
      if (i > first) {
        sb.append('_');
      }
      sb.append(analysis.tag(i));
    }
    return sb.toString();
  }

  /** The lemmas of the covered tokens joined by '_'. */
  String joinedLemmas() {
    StringBuilder sb = new StringBuilder();
    for (int i = first; i <= last; i++) {
      if (i > first) {
        sb.append('_');
      }
      sb.append(analysis.lemma(i));
    }
    return sb.toString();
  }
}
