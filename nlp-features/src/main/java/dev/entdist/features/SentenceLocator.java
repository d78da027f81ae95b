package dev.entdist.features;

import dev.entdist.corpora.AnnotatedExample;
import java.util.List;

/** Finds the sentence of a text that holds an occurrence's target span. */
final class SentenceLocator {

  /**
   * The sentence (the union of the detected sentences the span overlaps, so a span the detector
   * cut stays whole) and the span's code-point offsets within it.
   */
  record Located(String sentence, int start, int end) {}

  private SentenceLocator() {}

  static Located locate(TextAnalyzer analyzer, AnnotatedExample e) {
    return locate(analyzer.sentences(e.text()), e);
  }

  /** As {@link #locate(TextAnalyzer, AnnotatedExample)} with the text's sentences known. */
  static Located locate(List<int[]> sentences, AnnotatedExample e) {
    String text = e.text();
    int targetStart = e.startChar();
    int targetEnd = e.endChar();
    int from = -1;
    int to = -1;
    for (int[] s : sentences) {
      if (s[0] < targetEnd && targetStart < s[1]) {
        from = from < 0 ? s[0] : Math.min(from, s[0]);
        to = Math.max(to, s[1]);
      }
    }
    if (from < 0) {
      from = 0;
      to = text.length();
    }
    from = Math.min(from, targetStart);
    to = Math.max(to, targetEnd);
    int offset = text.codePointCount(0, from);
    return new Located(text.substring(from, to), e.start() - offset, e.end() - offset);
  }
}
