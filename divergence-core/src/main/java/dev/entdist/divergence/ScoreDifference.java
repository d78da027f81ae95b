package dev.entdist.divergence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * KL divergence as a weighted score difference, step by step.
 *
 * <p>Score every outcome by a {@link ScoreFunction} s of the probability it was given, weight the
 * scores by the reference P, and compare the model Q with P itself:
 *
 * <pre>
 *   difference = Σ p·s(q) − Σ p·s(p)
 * </pre>
 *
 * <p>With the log score s(x) = log(1/x), Σ p·s(p) is the entropy H(P), Σ p·s(q) the cross-entropy
 * H(P, Q), and the difference is KL(P‖Q): never negative, and 0 only at Q = P. That is what makes
 * the log score <em>proper</em>: nobody lowers their expected score by reporting anything but what
 * they believe. Other strictly decreasing scores can be plugged in too, and most are not proper:
 * with the linear score 1 − x, P = (0.9, 0.1) and Q = (1, 0) give −0.08. For three or more
 * outcomes the log is the only score of this form that is proper (it is the unique local proper
 * scoring rule); for two outcomes a few others are, among them (1 − x)², which is half the Brier
 * score there. {@link #findCounterexample} searches for a pair P ≠ Q whose difference is ≤ 0 and
 * reports none rather than invent one.
 */
public final class ScoreDifference {

  /** Differences within this distance of 0 count as 0 (a tie, which also breaks propriety). */
  public static final double TIE_TOLERANCE = 1e-12;

  /** Grid resolution of the two-outcome search: steps of 1/100. */
  static final int GRID_TWO_OUTCOMES = 100;

  /** Grid resolution of the three-outcome search: steps of 1/24. */
  static final int GRID_THREE_OUTCOMES = 24;

  private static final double[] TEMPERATURES = {
    1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 3, 1.0 / 2, 2.0 / 3, 0.8, 1.25, 1.5, 2, 3, 4, 8
  };

  private ScoreDifference() {}

  /**
   * One outcome's line of the walk-through.
   *
   * @param outcome the outcome's name
   * @param p its probability under the reference
   * @param q its probability under the model
   * @param scoreOfP s(p)
   * @param scoreOfQ s(q)
   * @param weightedScoreOfP p·s(p), 0 when p = 0 (whatever s(p) is)
   * @param weightedScoreOfQ p·s(q), 0 when p = 0 (whatever s(q) is)
   */
  public record Term(String outcome, double p, double q, double scoreOfP, double scoreOfQ,
      double weightedScoreOfP, double weightedScoreOfQ) {}

  /**
   * The whole walk-through for one pair.
   *
   * @param score the score used
   * @param reference P, the weights
   * @param model Q, the forecast being scored
   * @param terms one line per outcome, in outcome order (unmodifiable)
   * @param expectedScoreOfReference Σ p·s(p) (the entropy H(P) for the log score)
   * @param expectedScoreOfModel Σ p·s(q) (the cross-entropy H(P, Q) for the log score)
   * @param difference Σ p·s(q) − Σ p·s(p) (KL(P‖Q) for the log score, then computed as
   *     Σ p·log(p/q) so that it is never negative through rounding); +∞ when some p &gt; 0 is
   *     scored at +∞
   */
  public record Explanation(ScoreFunction score, Distribution reference, Distribution model,
      List<Term> terms, double expectedScoreOfReference, double expectedScoreOfModel,
      double difference) {

    /** Copies the terms. */
    public Explanation {
      terms = List.copyOf(terms);
    }

    /** Whether Q scores no better than P here, as a proper score guarantees for every pair. */
    public boolean isNonNegative() {
      return difference >= -TIE_TOLERANCE;
    }
  }

  /**
   * A pair P ≠ Q whose difference is ≤ 0: proof that a score is not (strictly) proper.
   *
   * @param reference P, what the forecaster believes
   * @param model Q, a different report that scores as well or better under P
   * @param difference Σ p·s(q) − Σ p·s(p) ≤ 0
   */
  public record Counterexample(Distribution reference, Distribution model, double difference) {}

  /**
   * The weighted-score walk-through for reference P and model Q.
   *
   * @throws IllegalArgumentException if P and Q have different sizes
   */
  public static Explanation explain(
      Distribution reference, Distribution model, ScoreFunction score) {
    Objects.requireNonNull(score, "score");
    if (reference.size() != model.size()) {
      throw new IllegalArgumentException("P has " + reference.size() + " outcomes but Q has "
          + model.size());
    }
    List<Term> terms = new ArrayList<>(reference.size());
    double ofReference = 0;
    double ofModel = 0;
    for (int j = 0; j < reference.size(); j++) {
      double p = reference.get(j);
      double q = model.get(j);
      double sp = score.penalty(p);
      double sq = score.penalty(q);
      double wp = p > 0 ? p * sp : 0.0;
      double wq = p > 0 ? p * sq : 0.0;
      String name = reference.hasNames() ? reference.name(j) : model.name(j);
      terms.add(new Term(name, p, q, sp, sq, wp, wq));
      ofReference += wp;
      ofModel += wq;
    }
    double difference;
    if (score.isLog()) {
      double[] p = reference.toArray();
      double[] q = model.toArray();
      difference = score.logBase().fromNats(Kernels.klDivergence(p, 0, q, 0, p.length));
    } else {
      difference = difference(reference.toArray(), model.toArray(), score);
    }
    return new Explanation(score, reference, model, terms, ofReference, ofModel, difference);
  }

  /**
   * Searches for a pair P ≠ Q over {@code outcomes} outcomes whose difference is ≤ 0. The search
   * is an exhaustive grid over two outcomes (steps of 1/100) or three (steps of 1/24; a pair on
   * three outcomes padded with zeros is a pair on more). It returns the pair with the smallest
   * difference, or empty when every pair on the grid has a positive difference — as for the log
   * score always, and for (1 − x)² on two outcomes.
   *
   * @param outcomes at least 2
   */
  public static Optional<Counterexample> findCounterexample(ScoreFunction score, int outcomes) {
    if (outcomes < 2) {
      throw new IllegalArgumentException("a score can only be improper with 2 or more outcomes");
    }
    return gridSearch(score, Math.min(outcomes, 3), outcomes, null);
  }

  /**
   * Searches for a counterexample that starts from the caller's own P: first over reports Q that
   * a forecaster believing P might be tempted to give (one-hot, sharpened or flattened versions of
   * P, mixtures with the uniform), then, if none of those does as well as P, over the grid of
   * {@link #findCounterexample(ScoreFunction, int)} for P's number of outcomes, named like P.
   */
  public static Optional<Counterexample> findCounterexample(
      ScoreFunction score, Distribution reference) {
    double[] p = reference.toArray();
    int n = p.length;
    if (n < 2) {
      return Optional.empty();
    }
    double[] bestQ = null;
    double best = Double.POSITIVE_INFINITY;
    for (double[] q : candidates(p)) {
      if (maxAbsDifference(p, q) > 1e-9) {
        double d = difference(p, q, score);
        if (d < best) {
          best = d;
          bestQ = q;
        }
      }
    }
    if (bestQ != null && best <= TIE_TOLERANCE) {
      return Optional.of(new Counterexample(reference, like(reference, bestQ), best));
    }
    return gridSearch(score, Math.min(n, 3), n, reference.hasNames() ? reference.names() : null);
  }

  /**
   * Whether a score is proper, said in words, with the evidence.
   *
   * @param score the score judged
   * @param outcomes the number of outcomes it was judged on
   * @param counterexample a pair P ≠ Q with difference ≤ 0, when one was found
   * @param statement one or two sentences for a reader, stating exactly what was shown
   */
  public record Verdict(ScoreFunction score, int outcomes,
      Optional<Counterexample> counterexample, String statement) {}

  /**
   * Judges a score on the outcomes of {@code reference}, searching from P itself first (see
   * {@link #findCounterexample(ScoreFunction, Distribution)}). The log score needs no search: its
   * difference is KL(P‖Q) ≥ 0 with equality only at Q = P (Gibbs' inequality). For two outcomes,
   * where a few other scores are proper as well, a score that passes is also tried on three.
   */
  public static Verdict verdict(ScoreFunction score, Distribution reference) {
    int n = reference.size();
    if (score.isLog()) {
      return new Verdict(score, n, Optional.empty(),
          "The log score is proper: Σ p·s(q) − Σ p·s(p) = KL(P‖Q) ≥ 0, and it is 0 only at"
              + " Q = P. For three or more outcomes it is the only score of this form that is"
              + " proper (the unique local proper scoring rule).");
    }
    String s = "The " + score.name() + " score s(x) = " + score.formula();
    if (n < 2) {
      return new Verdict(score, n, Optional.empty(), s + " cannot be judged on one outcome:"
          + " there Q = P = (1) is the only distribution.");
    }
    Optional<Counterexample> found = findCounterexample(score, reference);
    if (found.isPresent()) {
      Counterexample c = found.get();
      return new Verdict(score, n, found, s + " is not proper: for P = " + format(c.reference())
          + ", reporting Q = " + format(c.model()) + " instead gives a difference of "
          + format(c.difference()) + " ≤ 0, so a forecaster who believes P does at least as"
          + " well by reporting Q.");
    }
    if (n == 2) {
      String more = findCounterexample(score, 3)
          .map(c -> " On three outcomes it fails: P = " + format(c.reference()) + ", Q = "
              + format(c.model()) + " gives " + format(c.difference()) + ".")
          .orElse("");
      return new Verdict(score, n, found, s + ": no pair P ≠ Q on two outcomes has a difference"
          + " ≤ 0 (searched in steps of 1/" + GRID_TWO_OUTCOMES + "). For two outcomes a few"
          + " scores besides the log are proper, (1 − x)² (half the Brier score) among them;"
          + " for three or more outcomes the log is the only one." + more);
    }
    return new Verdict(score, n, found, s + ": no pair P ≠ Q with a difference ≤ 0 was found"
        + " (three outcomes, steps of 1/" + GRID_THREE_OUTCOMES + "). For three or more"
        + " outcomes the log is the only proper score of this form, so such pairs exist for any"
        + " smooth score that is not an affine function of the log; they lie closer together"
        + " than this grid.");
  }

  /** A distribution as {@code (0.9, 0.1)}, probabilities to four significant digits. */
  static String format(Distribution d) {
    StringBuilder sb = new StringBuilder("(");
    for (int j = 0; j < d.size(); j++) {
      sb.append(j > 0 ? ", " : "").append(format(d.get(j)));
    }
    return sb.append(')').toString();
  }

  /** A number to four significant digits, without trailing zeros. */
  static String format(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    double a = Math.abs(v);
    if (a < 1e-4 || a >= 1e7) {
      return String.format(java.util.Locale.ROOT, "%.3e", v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4))
        .stripTrailingZeros().toPlainString();
  }

  /** Σ p·(s(q) − s(p)) over the outcomes with p &gt; 0, term by term. */
  static double difference(double[] p, double[] q, ScoreFunction score) {
    double d = 0;
    for (int j = 0; j < p.length; j++) {
      if (p[j] > 0) {
        d += p[j] * (score.penalty(q[j]) - score.penalty(p[j]));
      }
    }
    return d;
  }

  private static List<double[]> candidates(double[] p) {
    int n = p.length;
    List<double[]> out = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      double[] q = new double[n];
      q[j] = 1.0;
      out.add(q);
    }
    double[] logs = new double[n];
    for (double t : TEMPERATURES) {
      for (int j = 0; j < n; j++) {
        logs[j] = p[j] > 0 ? Math.log(p[j]) / t : Double.NEGATIVE_INFINITY;
      }
      double[] q = logs.clone();
      Kernels.softmaxInPlace(q, 0, n);
      out.add(q);
    }
    int top = Kernels.argmax(p, 0, n);
    for (int i = 1; i < 10; i++) {
      double t = i / 10.0;
      double[] toUniform = new double[n];
      double[] toTop = new double[n];
      for (int j = 0; j < n; j++) {
        toUniform[j] = (1 - t) * p[j] + t / n;
        toTop[j] = (1 - t) * p[j] + (j == top ? t : 0.0);
      }
      out.add(toUniform);
      out.add(toTop);
    }
    return out;
  }

  private static Optional<Counterexample> gridSearch(
      ScoreFunction score, int k, int n, List<String> names) {
    int m = k == 2 ? GRID_TWO_OUTCOMES : GRID_THREE_OUTCOMES;
    double[] s = new double[m + 1];
    for (int i = 0; i <= m; i++) {
      s[i] = score.penalty((double) i / m);
    }
    List<int[]> points = simplexGrid(k, m);
    double best = Double.POSITIVE_INFINITY;
    int[] bestP = null;
    int[] bestQ = null;
    for (int[] a : points) {
      for (int[] b : points) {
        if (Arrays.equals(a, b)) {
          continue;
        }
        double d = 0;
        for (int j = 0; j < k; j++) {
          if (a[j] > 0) {
            d += ((double) a[j] / m) * (s[b[j]] - s[a[j]]);
          }
        }
        if (d < best) {
          best = d;
          bestP = a;
          bestQ = b;
        }
      }
    }
    if (bestP == null || best > TIE_TOLERANCE) {
      return Optional.empty();
    }
    return Optional.of(new Counterexample(
        padded(bestP, m, n, names), padded(bestQ, m, n, names), best));
  }

  private static List<int[]> simplexGrid(int k, int m) {
    List<int[]> points = new ArrayList<>();
    if (k == 2) {
      for (int a = 0; a <= m; a++) {
        points.add(new int[] {a, m - a});
      }
    } else {
      for (int a = 0; a <= m; a++) {
        for (int b = 0; a + b <= m; b++) {
          points.add(new int[] {a, b, m - a - b});
        }
      }
    }
    return points;
  }

  private static Distribution padded(int[] counts, int m, int n, List<String> names) {
    double[] p = new double[n];
    for (int j = 0; j < counts.length; j++) {
      p[j] = (double) counts[j] / m;
    }
    Distribution d = Distribution.of(p);
    return names == null ? d : d.withNames(names);
  }

  private static Distribution like(Distribution reference, double[] q) {
    Distribution d = Distribution.of(q);
    return reference.hasNames() ? d.withNames(reference.names()) : d;
  }

  private static double maxAbsDifference(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      m = Math.max(m, Math.abs(a[j] - b[j]));
    }
    return m;
  }
}
