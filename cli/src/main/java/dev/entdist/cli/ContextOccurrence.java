package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a word in a sentence the user typed and makes it an occurrence the feature pipeline can
 * analyse. The word matches case-insensitively and only as a whole word (not inside a longer
 * word); occurrences are numbered from 1 in reading order.
 */
final class ContextOccurrence {

  private ContextOccurrence() {}

  /**
   * The {@code occurrence}-th (1-based) whole-word occurrence of {@code word} in {@code context},
   * as an occurrence labelled with {@code someLabel} (the pipeline ignores labels).
   *
   * @throws UserException when the word does not occur that often
   */
  static AnnotatedExample find(String context, String word, int occurrence, String someLabel) {
    if (word.isBlank()) {
      throw new UserException("the word to look for is empty");
    }
    if (occurrence < 1) {
      throw new UserException("--occurrence counts from 1, got " + occurrence);
    }
    List<Integer> starts = starts(context, word);
    if (starts.isEmpty()) {
      throw new UserException("'" + word + "' does not occur as a word in the context \""
          + context + "\": give a sentence that contains it");
    }
    if (occurrence > starts.size()) {
      throw new UserException("'" + word + "' occurs " + starts.size() + " time(s) in the"
          + " context, so --occurrence " + occurrence + " does not exist");
    }
    int from = starts.get(occurrence - 1);
    int to = from + word.length();
    String surface = context.substring(from, to);
    int start = context.codePointCount(0, from);
    int end = start + surface.codePointCount(0, surface.length());
    return AnnotatedExample.of("context", context, surface, start, end, Map.of(someLabel, 1.0));
  }

  /** UTF-16 start indices of the whole-word, case-insensitive matches of {@code word}. */
  static List<Integer> starts(String context, String word) {
    String haystack = context.toLowerCase(Locale.ROOT);
    String needle = word.toLowerCase(Locale.ROOT);
    List<Integer> out = new ArrayList<>();
    if (haystack.length() != context.length() || needle.length() != word.length()) {
      // Lower-casing changed the length (rare scripts): fall back to exact matching.
      haystack = context;
      needle = word;
    }
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      int end = i + needle.length();
      boolean leftOk = i == 0 || !isWordChar(context.codePointBefore(i));
      boolean rightOk = end == context.length() || !isWordChar(context.codePointAt(end));
      if (leftOk && rightOk) {
        out.add(i);
      }
    }
    return out;
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp);
  }
}
