package dev.entdist.pipeline;

import dev.entdist.trainer.Evaluation.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The runs of a comparison over R splits drawn with the seeds seed, seed + 1, …, seed + R − 1,
 * with the mean and the sample standard deviation (n − 1) of every figure over the runs. With
 * R = 1 it is the single run and no spread is defined.
 *
 * <p>The words are those of the first split; in a later split a word with no held-out occurrence
 * is left out of that split's figures, so its means run over the splits where it was held out.
 */
public final class RepeatedComparison {

  private final List<Comparison.Run> runs;

  private RepeatedComparison(List<Comparison.Run> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    this.runs = List.copyOf(runs);
  }

  /** Wraps finished runs (the first one fixes the words). */
  public static RepeatedComparison of(List<Comparison.Run> runs) {
    return new RepeatedComparison(runs);
  }

  /** Every run, in seed order. */
  public List<Comparison.Run> runs() {
    return runs;
  }

  /** The first run (its seed is the requested seed). */
  public Comparison.Run first() {
    return runs.get(0);
  }

  /** Number of runs. */
  public int repeats() {
    return runs.size();
  }

  /** The label columns. */
  public List<String> labels() {
    return first().labels();
  }

  /** The words shown (those of the first split). */
  public List<String> words() {
    return first().words();
  }

  /** The regime names, in the order given. */
  public List<String> regimes() {
    return first().regimes().stream().map(Comparison.RegimeResult::regime).toList();
  }

  /** The metrics of {@code regime} in every run, in seed order. */
  public List<Metrics> metrics(String regime) {
    return runs.stream().map(r -> r.regime(regime).metrics()).toList();
  }

  /** Per run, one metric of {@code regime}, e.g. {@code perRun("soft", Metrics::meanKl)}. */
  public List<Double> perRun(String regime, ToDoubleFunction<Metrics> metric) {
    return metrics(regime).stream().map(metric::applyAsDouble).toList();
  }

  /** The mean over the runs of one metric of {@code regime}. */
  public double mean(String regime, ToDoubleFunction<Metrics> metric) {
    return mean(perRun(regime, metric));
  }

  /** The sample standard deviation over the runs of one metric; NaN with one run. */
  public double std(String regime, ToDoubleFunction<Metrics> metric) {
    return std(perRun(regime, metric));
  }

  /** The word's type-level reference, averaged over the runs where it was held out. */
  public double[] reference(String word) {
    return meanVector(runs.stream().map(r -> r.reference().get(word)).toList());
  }

  /** The word's type-level distribution under {@code regime}, averaged over the runs. */
  public double[] words(String regime, String word) {
    return meanVector(runs.stream().map(r -> r.regime(regime).words().get(word)).toList());
  }

  /** Per label, the standard deviation over the runs of the word's distribution under regime. */
  public double[] wordsStd(String regime, String word) {
    return stdVector(runs.stream().map(r -> r.regime(regime).words().get(word)).toList());
  }

  /** Per label, the standard deviation over the runs of the word's reference. */
  public double[] referenceStd(String word) {
    return stdVector(runs.stream().map(r -> r.reference().get(word)).toList());
  }

  /**
   * Indices of the labels worth a column for {@code word}: those with at least {@code
   * threshold} type-level probability in the reference or in some regime.
   */
  public List<Integer> shownLabels(String word, double threshold) {
    double[] ref = reference(word);
    List<Integer> shown = new ArrayList<>();
    for (int j = 0; j < ref.length; j++) {
      boolean show = ref[j] >= threshold;
      for (String regime : regimes()) {
        show |= words(regime, word)[j] >= threshold;
      }
      if (show) {
        shown.add(j);
      }
    }
    return shown;
  }

  /** Mean over the runs of the mean in-context entropy of the word's references (nats). */
  public double meanEntropyReference(String word) {
    List<Double> v = new ArrayList<>();
    for (Comparison.Run r : runs) {
      double h = TypeLevel.meanEntropy(r.testWords(), r.references(), word);
      if (!Double.isNaN(h)) {
        v.add(h);
      }
    }
    return mean(v);
  }

  /** Mean over the runs of the mean in-context entropy of the word's predictions (nats). */
  public double meanEntropy(String regime, String word) {
    List<Double> v = new ArrayList<>();
    for (Comparison.Run r : runs) {
      double h = TypeLevel.meanEntropy(r.testWords(), r.regime(regime).predictions(), word);
      if (!Double.isNaN(h)) {
        v.add(h);
      }
    }
    return mean(v);
  }

  /** Held-out occurrences of the word in each run (0 where it was not held out). */
  public List<Integer> heldOut(String word) {
    return runs.stream().map(r -> r.heldOutCounts().getOrDefault(word, 0)).toList();
  }

  /** Arithmetic mean; an infinite value makes it infinite, NaN for no values. */
  public static double mean(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** Sample standard deviation (n − 1); NaN for fewer than two values or a non-finite one. */
  public static double std(List<Double> values) {
    if (values.size() < 2) {
      return Double.NaN;
    }
    double m = mean(values);
    if (!Double.isFinite(m)) {
      return Double.NaN;
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (values.size() - 1));
  }

  private static double[] meanVector(List<double[]> rows) {
    List<double[]> present = rows.stream().filter(Objects::nonNull).toList();
    double[] m = new double[present.get(0).length];
    for (double[] r : present) {
      for (int j = 0; j < m.length; j++) {
        m[j] += r[j] / present.size();
      }
    }
    return m;
  }

  private static double[] stdVector(List<double[]> rows) {
    List<double[]> present = rows.stream().filter(Objects::nonNull).toList();
    double[] s = new double[present.get(0).length];
    for (int j = 0; j < s.length; j++) {
      List<Double> column = new ArrayList<>();
      for (double[] r : present) {
        column.add(r[j]);
      }
      s[j] = std(column);
    }
    return s;
  }
}
