package dev.entdist.features;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Features of the target's neighbourhood: window positions, bags, sentence lemmas, position. */
final class ContextFeatures {

  /** Which view of a token a window feature shows. */
  interface TokenView {
    String of(SentenceAnalysis a, int i);
  }

  static final TokenView WORD = (a, i) -> a.token(i).toLowerCase(Locale.ROOT);
  static final TokenView LEMMA = SentenceAnalysis::lemma;
  static final TokenView TAG = SentenceAnalysis::tag;

  static final String BEGIN = "<s>";
  static final String END = "</s>";

  private ContextFeatures() {}

  /**
   * {@code prefix-d]=v} for d = 1..window to the left of the target and {@code prefix+d]=v} to
   * the right; the first position past a sentence end gets the boundary marker, later ones nothing.
   */
  static void window(Occurrence o, int window, String prefix, TokenView view, FeatureSink sink) {
    SentenceAnalysis a = o.analysis;
    for (int d = 1; d <= window; d++) {
      int i = o.first - d;
      if (i >= 0) {
        sink.add(prefix + "-" + d + "]=" + view.of(a, i));
      } else if (i == -1) {
        sink.add(prefix + "-" + d + "]=" + BEGIN);
      }
    }
    for (int d = 1; d <= window; d++) {
      int i = o.last + d;
      if (i < a.size()) {
        sink.add(prefix + "+" + d + "]=" + view.of(a, i));
      } else if (i == a.size()) {
        sink.add(prefix + "+" + d + "]=" + END);
      }
    }
  }

  /** {@code prefix + v} for every token within {@code window} of the target, either side. */
  static void bag(Occurrence o, int window, String prefix, TokenView view, FeatureSink sink) {
    SentenceAnalysis a = o.analysis;
    for (int i = Math.max(0, o.first - window); i < o.first; i++) {
      sink.add(prefix + view.of(a, i));
    }
    for (int i = o.last + 1; i <= Math.min(a.size() - 1, o.last + window); i++) {
      sink.add(prefix + view.of(a, i));
    }
  }

  /** {@code sl=lemma} once for each distinct content lemma outside the target. */
  static void sentenceLemmas(Occurrence o, FeatureSink sink) {
    SentenceAnalysis a = o.analysis;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      if ((i < o.first || i > o.last) && isContentTag(a.tag(i))) {
        String lemma = a.lemma(i);
        if (seen.add(lemma)) {
          sink.add("sl=" + lemma);
        }
      }
    }
  }

  /**
   * Whether a tag marks a content word: the Universal Dependencies NOUN, PROPN, VERB, ADJ, ADV,
   * or the Penn Treebank families NN*, VB*, JJ*, RB* (for user-supplied models).
   */
  static boolean isContentTag(String tag) {
    switch (tag) {
      case "NOUN", "PROPN", "VERB", "ADJ", "ADV":
        return true;
      default:
        return tag.startsWith("NN") || tag.startsWith("VB") || tag.startsWith("JJ")
            || tag.startsWith("RB");
    }
  }

  /**
   * {@code at=first|inner|last|only} and {@code third=0|1|2}, over the sentence without its
   * trailing tokens that hold no letter or digit (the final full stop does not make a target
   * "inner").
   */
  static void sentencePosition(Occurrence o, FeatureSink sink) {
    SentenceAnalysis a = o.analysis;
    int n = a.size();
    while (n > 0 && !hasLetterOrDigit(a.token(n - 1))) {
      n--;
    }
    if (n == 0) {
      return;
    }
    boolean atStart = o.first <= 0;
    boolean atEnd = o.last >= n - 1;
    String at = atStart && atEnd ? "only" : atStart ? "first" : atEnd ? "last" : "inner";
    sink.add("at=" + at);
    int pos = Math.min(Math.max(o.first, 0), n - 1);
    sink.add("third=" + (3 * pos / n));
  }

  private static boolean hasLetterOrDigit(String token) {
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }
}
