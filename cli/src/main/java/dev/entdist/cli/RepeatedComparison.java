package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.divergence.SparseVector;
import dev.entdist.trainer.TrainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of {@code compare --repeats R}: the same comparison on R splits drawn with the seeds
 * seed, seed + 1, …, seed + R − 1, with the mean and the sample standard deviation (n − 1) of
 * every figure over the runs. With R = 1 it is the single run and no spread is defined.
 *
 * <p>The words are those of the first split; in a later split a word with no held-out occurrence
 * is left out of that split's figures, so its means run over the splits where it was held out.
 */
final class RepeatedComparison {

  private final List<Comparison.Result> runs;

  private RepeatedComparison(List<Comparison.Result> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    this.runs = List.copyOf(runs);
  }

  /** Wraps finished runs (the first one fixes the words). */
  static RepeatedComparison of(List<Comparison.Result> runs) {
    return new RepeatedComparison(runs);
  }

  /**
   * Runs the comparison {@code repeats} times, features computed once.
   *
   * @see Comparison#run
   */
  static RepeatedComparison run(Corpus corpus, Map<AnnotatedExample, SparseVector> features,
      List<TrainingRegime> regimes, List<String> requestedWords, double testFraction, long seed,
      int repeats, TrainerConfig trainer, Progress.Monitor monitor) {
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
    }
    List<Comparison.Result> runs = new ArrayList<>();
    Comparison.Result first = Comparison.run(corpus, features, regimes, requestedWords, true,
        testFraction, seed, trainer.withSeed(seed), monitor);
    runs.add(first);
    for (int r = 1; r < repeats; r++) {
      long s = seed + r;
      runs.add(Comparison.run(corpus, features, regimes, first.words(), false, testFraction, s,
          trainer.withSeed(s), monitor));
    }
    return new RepeatedComparison(runs);
  }

  /** Every run, in seed order. */
  List<Comparison.Result> runs() {
    return runs;
  }

  /** The first run (its seed is the {@code --seed}). */
  Comparison.Result first() {
    return runs.get(0);
  }

  /** Number of runs. */
  int repeats() {
    return runs.size();
  }

  /** The label columns. */
  List<String> labels() {
    return first().labels();
  }

  /** The words shown (those of the first split). */
  List<String> words() {
    return first().words();
  }

  /** The regime names, in the order given. */
  List<String> regimes() {
    return first().regimes().stream().map(Comparison.RegimeResult::regime).toList();
  }

  /** Mean of every evaluation metric of {@code regime} over the runs, in the design's order. */
  Map<String, Double> meanMetrics(String regime) {
    return metricStat(regime, true);
  }

  /** Sample standard deviation of every metric; NaN with one run or an infinite value. */
  Map<String, Double> stdMetrics(String regime) {
    return metricStat(regime, false);
  }

  private Map<String, Double> metricStat(String regime, boolean mean) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Comparison.Result run : runs) {
      regimeOf(run, regime).metrics().toMap()
          .forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, mean ? mean(v) : std(v)));
    return out;
  }

  /** Per run, the value of {@code metric} for {@code regime}. */
  List<Double> perRun(String regime, String metric) {
    return runs.stream().map(r -> regimeOf(r, regime).metrics().toMap().get(metric)).toList();
  }

  /** The word's type-level reference, averaged over the runs where it was held out. */
  double[] reference(String word) {
    return meanVector(runs.stream().map(r -> r.reference().get(word)).toList());
  }

  /** The word's type-level distribution under {@code regime}, averaged over the runs. */
  double[] words(String regime, String word) {
    return meanVector(runs.stream().map(r -> regimeOf(r, regime).words().get(word)).toList());
  }

  /** Per label, the standard deviation over the runs of the word's distribution under regime. */
  double[] wordsStd(String regime, String word) {
    return stdVector(runs.stream().map(r -> regimeOf(r, regime).words().get(word)).toList());
  }

  /** Per label, the standard deviation over the runs of the word's reference. */
  double[] referenceStd(String word) {
    return stdVector(runs.stream().map(r -> r.reference().get(word)).toList());
  }

  /** Mean over the runs of the mean in-context entropy of the word's references (nats). */
  double meanEntropyReference(String word) {
    List<Double> v = new ArrayList<>();
    for (Comparison.Result r : runs) {
      double h = Comparison.meanEntropy(r.testWords(), r.references(), word);
      if (!Double.isNaN(h)) {
        v.add(h);
      }
    }
    return mean(v);
  }

  /** Mean over the runs of the mean in-context entropy of the word's predictions (nats). */
  double meanEntropy(String regime, String word) {
    List<Double> v = new ArrayList<>();
    for (Comparison.Result r : runs) {
      double h = Comparison.meanEntropy(r.testWords(), regimeOf(r, regime).predictions(), word);
      if (!Double.isNaN(h)) {
        v.add(h);
      }
    }
    return mean(v);
  }

  /** Held-out occurrences of the word in each run (0 where it was not held out). */
  List<Integer> heldOut(String word) {
    return runs.stream().map(r -> r.heldOutCounts().getOrDefault(word, 0)).toList();
  }

  private static Comparison.RegimeResult regimeOf(Comparison.Result run, String regime) {
    for (Comparison.RegimeResult rr : run.regimes()) {
      if (rr.regime().equals(regime)) {
        return rr;
      }
    }
    throw new IllegalArgumentException("no regime " + regime);
  }

  /** Arithmetic mean; an infinite value makes it infinite, NaN for no values. */
  static double mean(List<Double> values) {
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
  static double std(List<Double> values) {
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
    List<double[]> present = rows.stream().filter(r -> r != null).toList();
    double[] m = new double[present.get(0).length];
    for (double[] r : present) {
      for (int j = 0; j < m.length; j++) {
        m[j] += r[j] / present.size();
      }
    }
    return m;
  }

  private static double[] stdVector(List<double[]> rows) {
    List<double[]> present = rows.stream().filter(r -> r != null).toList();
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
