package dev.entdist.cli;

/** How the command line spells numbers in options, help and tables. */
final class Numbers {

  private Numbers() {}

  /** A number in Java's shortest spelling without a needless ".0": 1E-4, 0.25, 3. */
  static String compact(double v) {
    String s = Double.toString(v).replace(".0E", "E");
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
