package dev.entdist.corpora;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Tokens of a sentence for the tagged formats: the text split at whitespace and, where a span
 * edge falls inside a word ("cell." with the span "cell"), at the span edges too.
 */
final class SentenceLayout {

  final List<String> tokens = new ArrayList<>();
  private final List<Integer> starts = new ArrayList<>();
  private final List<Integer> ends = new ArrayList<>();

  /** Splits {@code text}; {@code edges} are the code-point offsets where spans start or end. */
  SentenceLayout(String text, TreeSet<Integer> edges) {
    int[] cps = text.codePoints().toArray();
    StringBuilder token = new StringBuilder();
    int tokenStart = -1;
    for (int i = 0; i < cps.length; i++) {
      boolean space = Character.isWhitespace(cps[i]) || Character.isSpaceChar(cps[i]);
      if ((space || edges.contains(i)) && token.length() > 0) {
        add(token.toString(), tokenStart, i);
        token.setLength(0);
      }
      if (!space) {
        if (token.length() == 0) {
          tokenStart = i;
        }
        token.appendCodePoint(cps[i]);
      }
    }
    if (token.length() > 0) {
      add(token.toString(), tokenStart, cps.length);
    }
  }

  private void add(String token, int start, int end) {
    tokens.add(token);
    starts.add(start);
    ends.add(end);
  }

  /** The token that starts at code point {@code offset}, or -1. */
  int tokenStartingAt(int offset) {
    return starts.indexOf(offset);
  }

  /** One past the token that ends at code point {@code offset}, or -1. */
  int tokenEndingAt(int offset) {
    int i = ends.indexOf(offset);
    return i < 0 ? -1 : i + 1;
  }
}
