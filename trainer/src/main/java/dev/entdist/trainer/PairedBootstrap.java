package dev.entdist.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Percentile intervals for every metric of several prediction sets on the same held-out rows, and
 * for the difference of each metric between two sets, by a paired bootstrap over groups: each
 * resample draws as many groups (sentences) as there are, with replacement, keeps every row of a
 * drawn group as often as it was drawn, and scores every prediction set on that same multiset of
 * rows. Resampling whole sentences keeps occurrences that share a context together, so the
 * intervals do not pretend that they are independent; scoring every set on the same resample
 * makes the differences paired.
 *
 * <p>Intervals are the percentile interval (linear interpolation between order statistics, as
 * NumPy's default quantile). A resample whose value is NaN (∞ − ∞ in a difference of two
 * infinite KLs) makes that interval NaN.
 */
public final class PairedBootstrap {

  /**
   * How to resample.
   *
   * @param resamples number of bootstrap resamples (≥ 1; 1,000 by default)
   * @param seed the seed of the resampling
   * @param level the coverage of the intervals, in (0, 1) (0.95 by default)
   */
  public record Settings(int resamples, long seed, double level) {

    /** Validates the fields. */
    public Settings {
      if (resamples < 1) {
        throw new IllegalArgumentException("resamples = " + resamples + ", need >= 1");
      }
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("level = " + level + ", need 0 < level < 1");
      }
    }

    /** 1,000 resamples, seed 1, 95 % intervals. */
    public static Settings defaults() {
      return new Settings(1000, 1, 0.95);
    }

    /** A copy with this seed. */
    public Settings withSeed(long s) {
      return new Settings(resamples, s, level);
    }

    /** A copy with this number of resamples. */
    public Settings withResamples(int r) {
      return new Settings(r, seed, level);
    }
  }

  /**
   * A closed interval.
   *
   * @param lo the lower end
   * @param hi the upper end
   */
  public record Interval(double lo, double hi) {

    /** Whether both ends are below {@code x}. */
    public boolean entirelyBelow(double x) {
      return hi < x;
    }

    /** Whether both ends are above {@code x}. */
    public boolean entirelyAbove(double x) {
      return lo > x;
    }
  }

  /**
   * A metric of one prediction set on all rows, with its interval.
   *
   * @param metric the metric
   * @param value its value on the rows as they are
   * @param interval the bootstrap interval
   */
  public record Estimate(Metric metric, double value, Interval interval) {}

  /**
   * The difference of a metric between two prediction sets (a − b) on the same rows.
   *
   * @param a the first set's name
   * @param b the second set's name
   * @param metric the metric
   * @param difference a's value minus b's, on the rows as they are
   * @param interval the paired bootstrap interval of the difference
   */
  public record Difference(String a, String b, Metric metric, double difference,
      Interval interval) {

    /**
     * Whether the interval excludes 0, so the data support a difference of this sign at the
     * interval's level.
     */
    public boolean excludesZero() {
      return interval.entirelyBelow(0) || interval.entirelyAbove(0);
    }
  }

  /**
   * The outcome.
   *
   * @param settings how it was resampled
   * @param groups number of distinct groups (sentences) resampled
   * @param metrics set name → its metrics on all rows (in the given order)
   * @param estimates set name → metric → estimate with interval
   * @param differences every metric's difference for every pair of sets (a before b in the
   *     given order), grouped by pair
   */
  public record Report(
      Settings settings,
      int groups,
      Map<String, Evaluation.Metrics> metrics,
      Map<String, Map<Metric, Estimate>> estimates,
      List<Difference> differences) {

    /** Copies the maps and the list (unmodifiable, order kept). */
    public Report {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      Map<String, Map<Metric, Estimate>> e = new LinkedHashMap<>();
      estimates.forEach((k, v) -> e.put(k, Collections.unmodifiableMap(new EnumMap<>(v))));
      estimates = Collections.unmodifiableMap(e);
      differences = List.copyOf(differences);
    }

    /**
     * The difference a − b of {@code metric}; for a pair stored as b − a, its negation (the
     * interval mirrored).
     */
    public Difference difference(String a, String b, Metric metric) {
      for (Difference d : differences) {
        if (d.metric() != metric) {
          continue;
        }
        if (d.a().equals(a) && d.b().equals(b)) {
          return d;
        }
        if (d.a().equals(b) && d.b().equals(a)) {
          return new Difference(a, b, metric, -d.difference(),
              new Interval(-d.interval().hi(), -d.interval().lo()));
        }
      }
      throw new IllegalArgumentException("no difference " + a + " - " + b + " of " + metric);
    }
  }

  private PairedBootstrap() {}

  /**
   * Runs the bootstrap.
   *
   * @param references the reference rows
   * @param predictionSets set name → predictions for the same rows (iteration order is kept; at
   *     least one set)
   * @param groups row i's group (its sentence); rows of one group are resampled together
   * @param settings resamples, seed and level
   * @throws IllegalArgumentException on shape mismatches, no rows or no sets
   */
  public static Report run(double[][] references, Map<String, double[][]> predictionSets,
      List<?> groups, Settings settings) {
    if (predictionSets.isEmpty()) {
      throw new IllegalArgumentException("no prediction sets");
    }
    int n = references.length;
    if (groups.size() != n) {
      throw new IllegalArgumentException(n + " rows but " + groups.size() + " groups");
    }
    List<String> names = new ArrayList<>(predictionSets.keySet());
    List<ScoredRows> scored = new ArrayList<>();
    for (String name : names) {
      scored.add(ScoredRows.of(references, predictionSets.get(name)));
    }
    int[][] members = groupMembers(groups);
    Metric[] metrics = Metric.values();
    int b = settings.resamples();
    // replicate[set][metric][resample]
    double[][][] replicate = new double[names.size()][metrics.length][b];
    SplittableRandom random = new SplittableRandom(settings.seed());
    int[] counts = new int[n];
    for (int r = 0; r < b; r++) {
      Arrays.fill(counts, 0);
      for (int draw = 0; draw < members.length; draw++) {
        for (int row : members[random.nextInt(members.length)]) {
          counts[row]++;
        }
      }
      for (int s = 0; s < scored.size(); s++) {
        Evaluation.Metrics m = scored.get(s).metrics(counts);
        for (int j = 0; j < metrics.length; j++) {
          replicate[s][j][r] = m.get(metrics[j]);
        }
      }
    }
    double alpha = (1 - settings.level()) / 2;
    Map<String, Evaluation.Metrics> point = new LinkedHashMap<>();
    Map<String, Map<Metric, Estimate>> estimates = new LinkedHashMap<>();
    for (int s = 0; s < names.size(); s++) {
      Evaluation.Metrics m = scored.get(s).metrics(null);
      point.put(names.get(s), m);
      Map<Metric, Estimate> e = new EnumMap<>(Metric.class);
      for (int j = 0; j < metrics.length; j++) {
        e.put(metrics[j], new Estimate(metrics[j], m.get(metrics[j]),
            percentile(replicate[s][j], alpha)));
      }
      estimates.put(names.get(s), e);
    }
    List<Difference> differences = new ArrayList<>();
    for (int a = 0; a < names.size(); a++) {
      for (int c = a + 1; c < names.size(); c++) {
        for (int j = 0; j < metrics.length; j++) {
          double[] d = new double[b];
          for (int r = 0; r < b; r++) {
            d[r] = replicate[a][j][r] - replicate[c][j][r];
          }
          double value = point.get(names.get(a)).get(metrics[j])
              - point.get(names.get(c)).get(metrics[j]);
          differences.add(new Difference(names.get(a), names.get(c), metrics[j], value,
              percentile(d, alpha)));
        }
      }
    }
    return new Report(settings, members.length, point, estimates, differences);
  }

  /** The rows of each distinct group, groups in order of first appearance. */
  private static int[][] groupMembers(List<?> groups) {
    Map<Object, List<Integer>> byGroup = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      Object g = Objects.requireNonNull(groups.get(i), "group of row " + i);
      byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(i);
    }
    int[][] out = new int[byGroup.size()][];
    int gi = 0;
    for (List<Integer> rows : byGroup.values()) {
      out[gi++] = rows.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /** The interval between the alpha and 1 − alpha quantiles of {@code values} (sorted here). */
  static Interval percentile(double[] values, double alpha) {
    for (double v : values) {
      if (Double.isNaN(v)) {
        return new Interval(Double.NaN, Double.NaN);
      }
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Interval(quantile(sorted, alpha), quantile(sorted, 1 - alpha));
  }

  /** NumPy's default ("linear") quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = h - lo;
    double a = sorted[lo];
    double c = sorted[hi];
    if (frac == 0 || a == c) {
      return a;
    }
    if (Double.isInfinite(a) || Double.isInfinite(c)) {
      return frac < 0.5 ? a : c;
    }
    return a + (c - a) * frac;
  }
}
