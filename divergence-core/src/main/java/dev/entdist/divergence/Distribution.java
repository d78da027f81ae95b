package dev.entdist.divergence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable probability vector over a fixed list of outcomes, optionally named.
 *
 * <p>Validation: every value must be finite and non-negative, there must be at least one outcome,
 * and the values must sum to 1 within {@link #INPUT_TOLERANCE}; a sum within that tolerance is
 * renormalised so that the stored values sum to 1 within 1e-12. A sum farther from 1 is rejected,
 * never silently renormalised (use {@link #fromWeights} or {@link #fromCounts} for unnormalised
 * input). Messages name the offending index (and outcome name) and value.
 */
public final class Distribution {

  /** How far from 1 an input sum may be and still be accepted (and renormalised). */
  public static final double INPUT_TOLERANCE = 1e-6;

  private final double[] p;
  private final List<String> names; // null when unnamed

  private Distribution(double[] p, List<String> names) {
    this.p = p;
    this.names = names;
  }

  /** A distribution with unnamed outcomes; see the class comment for validation. */
  public static Distribution of(double... probabilities) {
    return new Distribution(validated(probabilities, null), null);
  }

  /** A distribution whose outcomes carry the given names (same length, distinct). */
  public static Distribution of(List<String> names, double... probabilities) {
    List<String> copy = checkedNames(names, probabilities.length);
    return new Distribution(validated(probabilities, copy), copy);
  }

  /** A distribution from a map of outcome name to probability, in the map's iteration order. */
  public static Distribution of(Map<String, Double> probabilities) {
    List<String> names = new ArrayList<>(probabilities.keySet());
    double[] values = new double[names.size()];
    for (int i = 0; i < values.length; i++) {
      Double v = probabilities.get(names.get(i));
      if (v == null) {
        throw new IllegalArgumentException("probability of '" + names.get(i) + "' is null");
      }
      values[i] = v;
    }
    return of(names, values);
  }

  /** The uniform distribution over {@code n ≥ 1} unnamed outcomes. */
  public static Distribution uniform(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a distribution needs at least one outcome, got n=" + n);
    }
    double[] p = new double[n];
    Arrays.fill(p, 1.0 / n);
    return new Distribution(p, null);
  }

  /** The uniform distribution over the named outcomes (at least one, distinct). */
  public static Distribution uniform(List<String> names) {
    return uniform(names.size()).withNames(names);
  }

  /** The distribution with all its mass on the named outcome {@code name} of {@code names}. */
  public static Distribution oneHot(List<String> names, String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("'" + name + "' is not one of the outcomes " + names);
    }
    return oneHot(names.size(), index).withNames(names);
  }

  /** The distribution with all its mass on outcome {@code index} of {@code n}. */
  public static Distribution oneHot(int n, int index) {
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("one-hot index " + index + " outside 0.." + (n - 1));
    }
    double[] p = new double[n];
    p[index] = 1.0;
    return new Distribution(p, null);
  }

  /**
   * Counts (votes) normalised by their total, e.g. {@code fromCounts(4, 1)} = (0.8, 0.2). Counts
   * must be finite, non-negative and not all zero; they need not be integers.
   */
  public static Distribution fromCounts(double... counts) {
    return fromWeights(counts);
  }

  /** Counts (votes) for named outcomes, normalised by their total; see {@link #fromCounts}. */
  public static Distribution fromCounts(List<String> names, double... counts) {
    List<String> copy = checkedNames(names, counts.length);
    return new Distribution(normalised(counts, copy), copy);
  }

  /** Non-negative weights normalised by their total (finite, not all zero). */
  public static Distribution fromWeights(double... weights) {
    return new Distribution(normalised(weights, null), null);
  }

  private static double[] normalised(double[] weights, List<String> names) {
    double sum = checkedSum(weights, names);
    double[] w = weights;
    if (sum == Double.POSITIVE_INFINITY) {
      // Finite weights whose total overflows: scale by the largest first.
      double max = 0;
      for (double v : weights) {
        max = Math.max(max, v);
      }
      w = new double[weights.length];
      sum = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = weights[i] / max;
        sum += w[i];
      }
    }
    double[] p = new double[w.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = w[i] / sum;
    }
    return validated(p, names);
  }

  /** The same probabilities with the given outcome names. */
  public Distribution withNames(List<String> outcomeNames) {
    return new Distribution(p, checkedNames(outcomeNames, p.length));
  }

  /** Number of outcomes. */
  public int size() {
    return p.length;
  }

  /** Probability of outcome {@code i}. */
  public double get(int i) {
    return p[i];
  }

  /** A copy of the probabilities. */
  public double[] toArray() {
    return p.clone();
  }

  /** Whether the outcomes carry names. */
  public boolean hasNames() {
    return names != null;
  }

  /** The outcome names (unmodifiable); outcomes without names are called "0", "1", .... */
  public List<String> names() {
    if (names != null) {
      return names;
    }
    List<String> generated = new ArrayList<>(p.length);
    for (int i = 0; i < p.length; i++) {
      generated.add(Integer.toString(i));
    }
    return Collections.unmodifiableList(generated);
  }

  /** Name of outcome {@code i}. */
  public String name(int i) {
    return names != null ? names.get(i) : Integer.toString(i);
  }

  /** Outcome name to probability, in outcome order. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < p.length; i++) {
      m.put(name(i), p[i]);
    }
    return m;
  }

  /** Index of the largest probability; ties go to the first (lowest) index. */
  public int argmax() {
    return Kernels.argmax(p, 0, p.length);
  }

  /** Whether all mass sits on one outcome. */
  public boolean isOneHot() {
    return p[argmax()] == 1.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Distribution d && Arrays.equals(p, d.p) && Objects.equals(names, d.names);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(p) + Objects.hashCode(names);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < p.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(name(i)).append('=').append(p[i]);
    }
    return sb.append('}').toString();
  }

  private static List<String> checkedNames(List<String> names, int n) {
    Objects.requireNonNull(names, "names");
    if (names.size() != n) {
      throw new IllegalArgumentException(
          "got " + names.size() + " outcome names for " + n + " probabilities");
    }
    if (new java.util.HashSet<>(names).size() != n) {
      throw new IllegalArgumentException("outcome names are not distinct: " + names);
    }
    for (int i = 0; i < n; i++) {
      if (names.get(i) == null) {
        throw new IllegalArgumentException("outcome name at index " + i + " is null");
      }
    }
    return List.copyOf(names);
  }

  private static double checkedSum(double[] values, List<String> names) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a distribution needs at least one outcome");
    }
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
        String where = names == null ? "" : " ('" + names.get(i) + "')";
        throw new IllegalArgumentException(
            "value at index " + i + where + " is " + v + ": must be finite and >= 0");
      }
      sum += v;
    }
    if (sum == 0) {
      throw new IllegalArgumentException(
          "all " + values.length + " values are zero: a distribution needs some mass");
    }
    return sum;
  }

  private static double[] validated(double[] values, List<String> names) {
    double sum = checkedSum(values, names);
    if (Math.abs(sum - 1.0) > INPUT_TOLERANCE) {
      throw new IllegalArgumentException(
          "probabilities sum to " + sum + ", not 1 (tolerance " + INPUT_TOLERANCE + ")");
    }
    double[] p = values.clone();
    if (sum != 1.0) {
      for (int i = 0; i < p.length; i++) {
        p[i] /= sum;
      }
    }
    return p;
  }
}
