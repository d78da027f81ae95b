package dev.entdist.divergence;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A distribution-level label regime: how an annotated label distribution becomes a training
 * target. Parsed from its command-line spelling by {@link #parse}: {@code soft}, {@code onehot},
 * {@code smooth:ε}, {@code temper:T}, {@code sample}. (The corpus-level regimes {@code votes} and
 * {@code type-soft} need vote counts or surface forms and live in the corpora module.)
 *
 * <p>Targets are computed over the outcomes allowed by a mask (a word's label inventory); masked
 * outcomes always get 0. Ties (onehot, and the argmax inside smooth) go to the first allowed
 * outcome in label order.
 */
public sealed interface LabelRegime {

  /** The canonical spelling, e.g. {@code smooth:0.1}; {@code parse(name())} gives an equal regime. */
  String name();

  /**
   * The training target for one example.
   *
   * @param reference the annotated distribution (sums to 1)
   * @param allowed which outcomes the target may use, or {@code null} for all
   * @param seed the example's own seed; only {@code sample} uses it
   * @return a new array that sums to 1 over the allowed outcomes
   */
  double[] target(double[] reference, boolean[] allowed, long seed);

  /** {@link #target(double[], boolean[], long)} over all outcomes. */
  default double[] target(double[] reference, long seed) {
    return target(reference, null, seed);
  }

  /**
   * The training target for a whole {@link Distribution}, over all its outcomes; the names are
   * kept.
   */
  default Distribution target(Distribution reference, long seed) {
    Distribution t = Distribution.of(target(reference.toArray(), null, seed));
    return reference.hasNames() ? t.withNames(reference.names()) : t;
  }

  /** Whether targets may differ from the reference only through sharpening to one outcome. */
  default boolean isHard() {
    return false;
  }

  /**
   * Parses a regime spelling.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static LabelRegime parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    String head = colon < 0 ? s : s.substring(0, colon);
    String arg = colon < 0 ? null : s.substring(colon + 1);
    switch (head) {
      case "soft":
        noArgument(spec, arg);
        return new Soft();
      case "onehot":
      case "one-hot":
      case "hard":
        noArgument(spec, arg);
        return new OneHot();
      case "sample":
        noArgument(spec, arg);
        return new Sample();
      case "smooth":
        return new Smooth(number(spec, arg, "ε"));
      case "temper":
        return new Temper(number(spec, arg, "T"));
      default:
        throw new IllegalArgumentException(
            "unknown label regime '" + spec
                + "': use soft, onehot, smooth:EPS, temper:T, sample (or votes, type-soft on a"
                + " corpus)");
    }
  }

  /** The annotated distribution as it is. */
  record Soft() implements LabelRegime {
    @Override
    public String name() {
      return "soft";
    }

    @Override
    public double[] target(double[] reference, boolean[] allowed, long seed) {
      return masked(reference, allowed);
    }
  }

  /** All mass on the argmax (ties: first in label order). */
  record OneHot() implements LabelRegime {
    @Override
    public String name() {
      return "onehot";
    }

    @Override
    public double[] target(double[] reference, boolean[] allowed, long seed) {
      double[] t = new double[reference.length];
      t[argmax(reference, allowed)] = 1.0;
      return t;
    }

    @Override
    public boolean isHard() {
      return true;
    }
  }

  /** (1−ε)·onehot + ε/K, with K the number of allowed outcomes. */
  record Smooth(double epsilon) implements LabelRegime {
    /** Validates 0 ≤ ε ≤ 1. */
    public Smooth {
      if (!(epsilon >= 0 && epsilon <= 1)) {
        throw new IllegalArgumentException("smooth:ε needs 0 <= ε <= 1, got " + epsilon);
      }
    }

    @Override
    public String name() {
      return "smooth:" + format(epsilon);
    }

    @Override
    public double[] target(double[] reference, boolean[] allowed, long seed) {
      int k = 0;
      for (int j = 0; j < reference.length; j++) {
        if (allowed == null || allowed[j]) {
          k++;
        }
      }
      double[] t = new double[reference.length];
      for (int j = 0; j < t.length; j++) {
        if (allowed == null || allowed[j]) {
          t[j] = epsilon / k;
        }
      }
      t[argmax(reference, allowed)] += 1.0 - epsilon;
      return t;
    }
  }

  /** y^(1/T) renormalised: T &lt; 1 sharpens, T &gt; 1 flattens, T = 1 is soft. */
  record Temper(double temperature) implements LabelRegime {
    /** Validates T &gt; 0 and finite. */
    public Temper {
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException("temper:T needs a finite T > 0, got " + temperature);
      }
    }

    @Override
    public String name() {
      return "temper:" + format(temperature);
    }

    @Override
    public double[] target(double[] reference, boolean[] allowed, long seed) {
      double[] y = masked(reference, allowed);
      // Work in log space so tiny probabilities with small T neither underflow to a sum of 0
      // nor overflow: t_j ∝ exp(log(y_j)/T).
      double[] logs = new double[y.length];
      for (int j = 0; j < y.length; j++) {
        logs[j] = y[j] > 0 ? Math.log(y[j]) / temperature : Double.NEGATIVE_INFINITY;
      }
      Kernels.softmaxInPlace(logs, 0, logs.length);
      return logs;
    }
  }

  /** One label drawn from the reference with a seeded generator (a single simulated annotator). */
  record Sample() implements LabelRegime {
    @Override
    public String name() {
      return "sample";
    }

    @Override
    public double[] target(double[] reference, boolean[] allowed, long seed) {
      double[] y = masked(reference, allowed);
      double u = new SplittableRandom(seed).nextDouble();
      int pick = -1;
      double c = 0;
      for (int j = 0; j < y.length; j++) {
        if (y[j] > 0) {
          pick = j;
          c += y[j];
          if (u < c) {
            break;
          }
        }
      }
      double[] t = new double[y.length];
      t[pick] = 1.0;
      return t;
    }

    @Override
    public boolean isHard() {
      return true;
    }
  }

  private static double[] masked(double[] reference, boolean[] allowed) {
    if (allowed == null) {
      return reference.clone();
    }
    double[] t = new double[reference.length];
    double s = 0;
    for (int j = 0; j < t.length; j++) {
      if (allowed[j]) {
        t[j] = reference[j];
        s += t[j];
      }
    }
    if (s <= 0) {
      throw new IllegalArgumentException("the reference puts no mass on the allowed outcomes");
    }
    for (int j = 0; j < t.length; j++) {
      t[j] /= s;
    }
    return t;
  }

  private static int argmax(double[] reference, boolean[] allowed) {
    int best = -1;
    for (int j = 0; j < reference.length; j++) {
      if ((allowed == null || allowed[j]) && (best < 0 || reference[j] > reference[best])) {
        best = j;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("no allowed outcome");
    }
    return best;
  }

  private static void noArgument(String spec, String arg) {
    if (arg != null) {
      throw new IllegalArgumentException("label regime '" + spec + "' takes no ':' argument");
    }
  }

  private static double number(String spec, String arg, String what) {
    if (arg == null || arg.isEmpty()) {
      throw new IllegalArgumentException("label regime '" + spec + "' needs a value: " + what);
    }
    try {
      return Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "label regime '" + spec + "': '" + arg + "' is not a number");
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
