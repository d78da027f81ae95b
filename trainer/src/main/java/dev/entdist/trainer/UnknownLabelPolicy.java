package dev.entdist.trainer;

import java.util.Locale;

/** What evaluation does with a held-out row that puts mass on a label the model does not know. */
public enum UnknownLabelPolicy {
  /** Refuse the whole evaluation, naming the unknown labels. */
  FAIL,
  /** Leave such rows out, evaluate the others and count the rows left out. */
  SKIP;

  /**
   * The policy named {@code s} ({@code fail} or {@code skip}, any case).
   *
   * @throws IllegalArgumentException for another name
   */
  public static UnknownLabelPolicy parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "fail" -> FAIL;
      case "skip" -> SKIP;
      default -> throw new IllegalArgumentException(
          "unknown-label policy '" + s + "': expected fail or skip");
    };
  }
}
