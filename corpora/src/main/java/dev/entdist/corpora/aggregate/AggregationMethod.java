package dev.entdist.corpora.aggregate;

import java.util.Locale;

/** The ways of turning annotators' answers into one label distribution per occurrence. */
public enum AggregationMethod {

  /** Vote proportions: every annotator counts the same (no iterations). */
  MAJORITY("majority"),

  /**
   * Dawid &amp; Skene (1979): one full confusion matrix per annotator and a prior over the true
   * labels, fitted by EM.
   */
  DAWID_SKENE("dawid-skene"),

  /**
   * One accuracy per annotator; a wrong answer is any other label with equal probability (the
   * "one-coin" restriction of Dawid–Skene).
   */
  ONE_COIN("one-coin"),

  /**
   * MACE (Hovy et al. 2013): each annotator either answers truly or, with their own spamming
   * probability, draws a label from their own spam distribution; the true labels are uniform a
   * priori.
   */
  MACE("mace");

  private final String spelling;

  AggregationMethod(String spelling) {
    this.spelling = spelling;
  }

  /** The name on the command line: {@code majority}, {@code dawid-skene}, … */
  public String spelling() {
    return spelling;
  }

  /**
   * Parses a method name (case-insensitive; {@code ds} and {@code dawid_skene} also name
   * Dawid–Skene, {@code mv} and {@code votes} majority).
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static AggregationMethod parse(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "majority":
      case "mv":
      case "votes":
        return MAJORITY;
      case "dawid-skene":
      case "ds":
        return DAWID_SKENE;
      case "one-coin":
      case "onecoin":
        return ONE_COIN;
      case "mace":
        return MACE;
      default:
        throw new IllegalArgumentException("unknown aggregation method '" + name
            + "': use majority, dawid-skene, one-coin or mace");
    }
  }
}
