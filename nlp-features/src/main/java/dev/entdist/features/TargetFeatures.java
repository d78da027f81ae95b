package dev.entdist.features;

import java.util.HashSet;
import java.util.Set;

/**
 * Features of the target string itself: shape, affixes, capitalisation, character n-grams and
 * its words.
 */
final class TargetFeatures {

  private TargetFeatures() {}

  /**
   * The word shape: upper-case letters become X, other letters x, digits d, anything else stays;
   * runs of the same symbol collapse ("Cell-2B" → "Xx-dX").
   */
  static String shape(String s) {
    StringBuilder sb = new StringBuilder(8);
    int prev = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int sym;
      if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
        sym = 'X';
      } else if (Character.isLetter(cp)) {
        sym = 'x';
      } else if (Character.isDigit(cp)) {
        sym = 'd';
      } else {
        sym = cp;
      }
      if (sym != prev) {
        sb.appendCodePoint(sym);
        prev = sym;
      }
    }
    return sb.toString();
  }

  /** Prefixes {@code preK=} and suffixes {@code sufK=} of k = 1..max code points (k ≤ length). */
  static void affixes(String lower, int max, FeatureSink sink) {
    int n = lower.codePointCount(0, lower.length());
    for (int k = 1; k <= Math.min(max, n); k++) {
      sink.add("pre" + k + "=" + lower.substring(0, lower.offsetByCodePoints(0, k)));
      sink.add("suf" + k + "=" + lower.substring(lower.offsetByCodePoints(lower.length(), -k)));
    }
  }

  /**
   * lower; title (every word starts with a capital, the rest lower-case: "Cell", "New York");
   * upper (at least two letters, all capitals); mixed; or none (no letters).
   */
  static String capitalisation(String s) {
    int letters = 0;
    int uppers = 0;
    boolean title = true;
    boolean previousLetter = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean letter = Character.isLetter(cp);
      if (letter) {
        boolean up = Character.isUpperCase(cp) || Character.isTitleCase(cp);
        letters++;
        if (up) {
          uppers++;
        }
        if (up == previousLetter) {
          // A capital inside a word, or a lower-case letter opening one.
          title = false;
        }
      }
      previousLetter = letter;
    }
    if (letters == 0) {
      return "none";
    } else if (uppers == 0) {
      return "lower";
    } else if (title) {
      return "title";
    } else if (uppers == letters) {
      return "upper";
    }
    return "mixed";
  }

  /**
   * {@code cN=g} once for each distinct n-gram g of "^" + lower + "$", n = min..max code points
   * (an n longer than that string gives nothing).
   */
  static void charNgrams(String lower, int min, int max, FeatureSink sink) {
    int[] cps = ("^" + lower + "$").codePoints().toArray();
    Set<String> seen = new HashSet<>();
    for (int n = min; n <= max; n++) {
      for (int i = 0; i + n <= cps.length; i++) {
        String gram = "c" + n + "=" + new String(cps, i, n);
        if (seen.add(gram)) {
          sink.add(gram);
        }
      }
    }
  }

  /** {@code tw=w} once for each distinct run of letters and digits w, in order of appearance. */
  static void words(String lower, FeatureSink sink) {
    Set<String> seen = new HashSet<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= lower.length(); ) {
      int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
      i += i < lower.length() ? Character.charCount(cp) : 1;
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        if (seen.add(word.toString())) {
          sink.add("tw=" + word);
        }
        word.setLength(0);
      }
    }
  }
}
