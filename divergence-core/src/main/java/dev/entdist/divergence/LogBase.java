package dev.entdist.divergence;

/**
 * The base of the logarithm an information measure is reported in. Measures are computed in nats
 * and converted with {@code value_b = value_nats / ln b}, so the base only scales a value.
 */
public enum LogBase {
  /** Natural logarithm: nats. */
  E("e", 1.0),
  /** Base 2: bits. */
  TWO("2", Math.log(2.0)),
  /** Base 10: hartleys (bans). */
  TEN("10", Math.log(10.0));

  private final String label;
  private final double lnBase;

  LogBase(String label, double lnBase) {
    this.label = label;
    this.lnBase = lnBase;
  }

  /** Converts a value in nats into this base. Infinities stay infinite. */
  public double fromNats(double nats) {
    return this == E ? nats : nats / lnBase;
  }

  /** The name used on the command line and in JSON: {@code "e"}, {@code "2"} or {@code "10"}. */
  public String label() {
    return label;
  }

  /** The unit name: nats, bits or hartleys. */
  public String unit() {
    return switch (this) {
      case E -> "nats";
      case TWO -> "bits";
      case TEN -> "hartleys";
    };
  }

  /**
   * Parses {@code e}, {@code 2} or {@code 10} (also {@code nats}, {@code bits}, {@code ln}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LogBase parse(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "e", "ln", "nat", "nats" -> E;
      case "2", "bit", "bits" -> TWO;
      case "10", "hartley", "hartleys" -> TEN;
      default -> throw new IllegalArgumentException(
          "unknown log base '" + text + "': use e, 2 or 10");
    };
  }
}
