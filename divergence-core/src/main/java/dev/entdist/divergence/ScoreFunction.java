package dev.entdist.divergence;

import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A local score s(x): the penalty for an outcome that happened when it had been given probability
 * x. Lower is better, so s is strictly decreasing on [0, 1]; s(0) may be +∞ (the log score).
 *
 * <p>The expected score of a forecast Q under outcomes drawn from P is Σ p·s(q). With the log
 * score s(x) = log(1/x) that is the cross-entropy H(P, Q), and Σ p·s(q) − Σ p·s(p) is KL(P‖Q);
 * see {@link ScoreDifference}. Adding a constant to s, or multiplying it by a positive one, changes
 * no comparison: the linear score 1 − x gives the same differences as −x.
 */
public final class ScoreFunction {

  private static final int MONOTONICITY_CHECKS = 1000;

  private final String name;
  private final String formula;
  private final DoubleUnaryOperator penalty;
  private final LogBase logBase; // non-null only for the log score

  private ScoreFunction(String name, String formula, DoubleUnaryOperator penalty, LogBase base) {
    this.name = name;
    this.formula = formula;
    this.penalty = penalty;
    this.logBase = base;
  }

  /** The log score log(1/x) in the given base: the only proper one of this form from 3 outcomes. */
  public static ScoreFunction log(LogBase base) {
    Objects.requireNonNull(base, "base");
    String formula = base == LogBase.E ? "ln(1/x)" : "log" + base.label() + "(1/x)";
    return new ScoreFunction("log", formula, x -> base.fromNats(-Math.log(x)), base);
  }

  /** The linear score 1 − x (equivalently −x): not proper, it rewards exaggeration. */
  public static ScoreFunction linear() {
    return new ScoreFunction("linear", "1 - x", x -> 1.0 - x, null);
  }

  /** The square-root score 1 − √x: not proper. */
  public static ScoreFunction sqrt() {
    return new ScoreFunction("sqrt", "1 - sqrt(x)", x -> 1.0 - Math.sqrt(x), null);
  }

  /**
   * The quadratic score (1 − x)²: proper for two outcomes, where it is half the Brier score, but
   * not for three or more.
   */
  public static ScoreFunction quadratic() {
    return new ScoreFunction("quadratic", "(1 - x)^2", x -> (1.0 - x) * (1.0 - x), null);
  }

  /**
   * A score of the caller's own.
   *
   * @param name a short name
   * @param formula how to print it, e.g. {@code "1 - x^3"}
   * @param penalty s(x), strictly decreasing on [0, 1], finite on (0, 1]
   * @throws IllegalArgumentException if s is not strictly decreasing on a grid of 1001 points, or
   *     is NaN or −∞ somewhere there
   */
  public static ScoreFunction of(String name, String formula, DoubleUnaryOperator penalty) {
    ScoreFunction s = new ScoreFunction(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(formula, "formula"),
        Objects.requireNonNull(penalty, "penalty"), null);
    s.checkStrictlyDecreasing();
    return s;
  }

  /**
   * Parses {@code log}, {@code linear}, {@code sqrt} or {@code quadratic} (also {@code brier}).
   *
   * @param base the base of the log score
   * @throws IllegalArgumentException naming the accepted names
   */
  public static ScoreFunction parse(String text, LogBase base) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "log" -> log(base);
      case "linear" -> linear();
      case "sqrt" -> sqrt();
      case "quadratic", "brier" -> quadratic();
      default -> throw new IllegalArgumentException(
          "unknown score '" + text + "': use log, linear, sqrt or quadratic");
    };
  }

  /** The short name, e.g. {@code log} or {@code linear}. */
  public String name() {
    return name;
  }

  /** The formula as printed, e.g. {@code log2(1/x)} or {@code 1 - x}. */
  public String formula() {
    return formula;
  }

  /** s(x) for a probability x ∈ [0, 1]. */
  public double penalty(double x) {
    return penalty.applyAsDouble(x);
  }

  /** Whether this is the log score, for which the difference is KL(P‖Q). */
  public boolean isLog() {
    return logBase != null;
  }

  /** The base of the log score, or {@code null} for any other score. */
  public LogBase logBase() {
    return logBase;
  }

  @Override
  public String toString() {
    return name + " score s(x) = " + formula;
  }

  private void checkStrictlyDecreasing() {
    double previous = Double.NaN;
    for (int i = 0; i <= MONOTONICITY_CHECKS; i++) {
      double x = (double) i / MONOTONICITY_CHECKS;
      double s = penalty(x);
      if (Double.isNaN(s) || s == Double.NEGATIVE_INFINITY || (i > 0 && Double.isInfinite(s))) {
        throw new IllegalArgumentException(
            "score '" + name + "' is " + s + " at x=" + x + ": it must be finite on (0, 1]");
      }
      if (i > 0 && !(s < previous)) {
        throw new IllegalArgumentException(
            "score '" + name + "' is not strictly decreasing: s(" + x + ")=" + s
                + " is not below s(" + (double) (i - 1) / MONOTONICITY_CHECKS + ")=" + previous
                + " (a score is a penalty: lower is better)");
      }
      previous = s;
    }
  }
}
