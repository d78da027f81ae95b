package dev.entdist.trainer;

import dev.entdist.divergence.SparseVector;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Calibration by temperature scaling: one scalar T divides every logit, chosen to minimise the
 * mean KL(reference ‖ prediction) on held-out (development) rows. For a plain softmax the mean
 * KL is convex in 1/T, so it has one minimum; a golden-section search on log T over
 * [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}] finds it to a relative precision of
 * about 1e-4 (restricted predictions mix two softmaxes; the search is then a good local
 * minimum). The returned temperature never scores worse on the development rows than the
 * model's current one.
 */
public final class TemperatureScaling {

  /** The smallest temperature searched. */
  public static final double MIN_TEMPERATURE = 0.02;

  /** The largest temperature searched. */
  public static final double MAX_TEMPERATURE = 50;

  private static final double LOG_TOLERANCE = 1e-4;

  private TemperatureScaling() {}

  /**
   * A fitted temperature.
   *
   * @param temperature the chosen temperature (absolute: it replaces the model's, not multiplies
   *     it)
   * @param before the metrics on the development rows at the model's current temperature
   * @param after the metrics there at {@code temperature}
   * @param atBound whether the minimum lies at an end of the searched range
   */
  public record Result(double temperature, Evaluation.Metrics before, Evaluation.Metrics after,
      boolean atBound) {}

  /**
   * Fits the temperature of {@code model} on development rows.
   *
   * @param xs each row's features
   * @param words each row's lower-cased word (or {@code null} entries), for inventories
   * @param references each row's reference distribution over {@code model.labels()}
   * @throws IllegalArgumentException on a shape mismatch or no rows
   */
  public static Result fit(SoftmaxModel model, List<SparseVector> xs, List<String> words,
      double[][] references) {
    int n = xs.size();
    if (n == 0 || words.size() != n || references.length != n) {
      throw new IllegalArgumentException(n + " feature rows, " + words.size() + " words and "
          + references.length + " references: need the same positive number");
    }
    double[][] logits = new double[n][];
    for (int i = 0; i < n; i++) {
      logits[i] = model.logits(xs.get(i));
    }
    double alpha = model.unrestrictedWeight();
    DoubleUnaryOperator meanKl = logT -> Evaluation.evaluate(references,
        predictions(model, logits, words, Math.exp(logT), alpha)).meanKl();
    double lo = Math.log(MIN_TEMPERATURE);
    double hi = Math.log(MAX_TEMPERATURE);
    double best = goldenSection(meanKl, lo, hi);
    Evaluation.Metrics before = Evaluation.evaluate(references,
        predictions(model, logits, words, model.temperature(), alpha));
    Evaluation.Metrics after = Evaluation.evaluate(references,
        predictions(model, logits, words, Math.exp(best), alpha));
    if (!(after.meanKl() <= before.meanKl())) {
      return new Result(model.temperature(), before, before, false);
    }
    boolean atBound = best - lo < 10 * LOG_TOLERANCE || hi - best < 10 * LOG_TOLERANCE;
    return new Result(Math.exp(best), before, after, atBound);
  }

  private static double[][] predictions(SoftmaxModel model, double[][] logits,
      List<String> words, double temperature, double alpha) {
    double[][] out = new double[logits.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.distribution(logits[i], words.get(i), temperature, alpha);
    }
    return out;
  }

  /**
   * The minimiser of a unimodal function on [lo, hi] by golden-section search, to within
   * {@value #LOG_TOLERANCE}; an infinite or NaN value counts as larger than any finite one.
   */
  static double goldenSection(DoubleUnaryOperator f, double lo, double hi) {
    double ratio = (Math.sqrt(5) - 1) / 2;
    double a = lo;
    double b = hi;
    double c = b - ratio * (b - a);
    double d = a + ratio * (b - a);
    double fc = value(f, c);
    double fd = value(f, d);
    while (b - a > LOG_TOLERANCE) {
      if (fc <= fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - ratio * (b - a);
        fc = value(f, c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + ratio * (b - a);
        fd = value(f, d);
      }
    }
    double mid = (a + b) / 2;
    double fm = value(f, mid);
    double fa = value(f, lo);
    double fb = value(f, hi);
    if (fa < fm && fa <= fb) {
      return lo;
    }
    return fb < fm ? hi : mid;
  }

  private static double value(DoubleUnaryOperator f, double x) {
    double v = f.applyAsDouble(x);
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }
}
