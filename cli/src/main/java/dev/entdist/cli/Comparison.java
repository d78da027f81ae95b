package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.WeightedTarget;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.Evaluation.Metrics;
import dev.entdist.trainer.SoftmaxModel;
import dev.entdist.trainer.SoftmaxTrainer;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains several label regimes on one split of a corpus and evaluates each on the same held-out
 * occurrences: the computation behind {@code entdist compare}. Features are computed once for the
 * whole corpus and shared by every regime.
 */
final class Comparison {

  /** What one regime learned and how it scored. */
  record RegimeResult(
      String regime,
      Metrics metrics,
      Map<String, double[]> words,
      double[][] predictions,
      TrainingResult training) {}

  /** Everything {@code compare} reports for one split. */
  record Result(
      long seed,
      double testFraction,
      int train,
      int test,
      List<String> labels,
      List<String> words,
      List<String> testWords,
      Map<String, Integer> heldOutCounts,
      Map<String, double[]> reference,
      double[][] references,
      List<RegimeResult> regimes) {}

  private Comparison() {}

  /**
   * Runs the comparison.
   *
   * @param corpus all occurrences
   * @param pipeline the feature pipeline (shared, thread-safe)
   * @param regimes regime specs, e.g. {@code soft}, {@code onehot}
   * @param requestedWords words to report, or empty for the default choice
   * @param testFraction share of sentences held out
   * @param seed split (and regime) seed
   * @param trainer trainer settings shared by every regime
   * @param progress receives one line per step (may be a no-op)
   */
  static Result run(Corpus corpus, FeaturePipeline pipeline, List<String> regimes,
      List<String> requestedWords, double testFraction, long seed, TrainerConfig trainer,
      java.util.function.Consumer<String> progress) {
    List<TrainingRegime> parsed = new ArrayList<>();
    for (String r : regimes) {
      parsed.add(TrainingRegime.parse(r));
    }
    CorpusSplit split = CorpusSplit.bySentence(corpus.examples(), testFraction, seed);
    if (split.train().isEmpty() || split.test().isEmpty()) {
      throw new UserException("the split left " + split.train().size() + " training and "
          + split.test().size() + " held-out occurrences: use a larger corpus or another"
          + " --test-fraction");
    }
    List<String> labels = corpus.labels();

    progress.accept("analysing " + corpus.size() + " occurrences");
    List<SparseVector> vectors = pipeline.vectorize(corpus.examples());
    Map<AnnotatedExample, SparseVector> features = new IdentityHashMap<>();
    for (int i = 0; i < vectors.size(); i++) {
      features.put(corpus.examples().get(i), vectors.get(i));
    }

    List<AnnotatedExample> test = split.test();
    double[][] references = new double[test.size()][];
    List<SparseVector> testX = new ArrayList<>(test.size());
    List<String> testWords = new ArrayList<>(test.size());
    for (int i = 0; i < test.size(); i++) {
      AnnotatedExample e = test.get(i);
      references[i] = e.distributionOver(labels);
      testX.add(features.get(e));
      testWords.add(e.word());
    }
    Map<String, Integer> heldOut = heldOutCounts(test);
    List<String> words = chooseWords(heldOut, requestedWords);
    Map<String, double[]> reference = typeLevel(testWords, references, words);

    List<RegimeResult> results = new ArrayList<>();
    for (TrainingRegime regime : parsed) {
      progress.accept("training regime " + regime.name());
      List<WeightedTarget> rows = regime.apply(split.train(), labels, null, seed);
      List<SparseVector> x = new ArrayList<>(rows.size());
      double[][] y = new double[rows.size()][];
      double[] w = new double[rows.size()];
      List<String> groups = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        WeightedTarget row = rows.get(i);
        x.add(features.get(row.example()));
        y[i] = row.target();
        w[i] = row.weight();
        groups.add(row.example().word());
      }
      TrainingResult fit = SoftmaxTrainer.fit(TrainingData.of(labels, x, y, w, groups), trainer);
      SoftmaxModel model = fit.model();
      double[][] predictions = model.predictAll(testX, testWords);
      Metrics metrics = Evaluation.evaluate(references, predictions);
      results.add(new RegimeResult(regime.name(), metrics,
          typeLevel(testWords, predictions, words), predictions, fit));
    }
    return new Result(seed, testFraction, split.train().size(), test.size(), labels, words,
        testWords, heldOut, reference, references, results);
  }

  /** Lower-cased word → number of held-out occurrences, most frequent first (ties by word). */
  static Map<String, Integer> heldOutCounts(List<AnnotatedExample> test) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (AnnotatedExample e : test) {
      counts.merge(e.word(), 1, Integer::sum);
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /**
   * The requested words (lower-cased; each must have held-out occurrences), or by default every
   * word with at least 5 held-out occurrences, at most 12, most frequent first.
   */
  static List<String> chooseWords(Map<String, Integer> heldOut, List<String> requested) {
    List<String> words = new ArrayList<>();
    if (requested != null && !requested.isEmpty()) {
      for (String r : requested) {
        String w = r.toLowerCase(java.util.Locale.ROOT);
        if (!heldOut.containsKey(w)) {
          throw new UserException("word '" + r + "' has no held-out occurrences in this split");
        }
        words.add(w);
      }
      return words;
    }
    for (Map.Entry<String, Integer> e : heldOut.entrySet()) {
      if (e.getValue() >= 5 && words.size() < 12) {
        words.add(e.getKey());
      }
    }
    return words;
  }

  /** Mean entropy (nats) of the rows of {@code word}: how sure the in-context predictions are. */
  static double meanEntropy(List<String> rowWords, double[][] rows, String word) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < rows.length; i++) {
      if (rowWords.get(i).equals(word)) {
        sum += dev.entdist.divergence.Kernels.entropy(rows[i], 0, rows[i].length);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Mean of the rows of each chosen word: its type-level distribution over those rows. */
  static Map<String, double[]> typeLevel(List<String> rowWords, double[][] rows,
      List<String> words) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String w : words) {
      sums.put(w, new double[rows.length == 0 ? 0 : rows[0].length]);
      counts.put(w, 0);
    }
    for (int i = 0; i < rows.length; i++) {
      double[] s = sums.get(rowWords.get(i));
      if (s != null) {
        for (int j = 0; j < s.length; j++) {
          s[j] += rows[i][j];
        }
        counts.merge(rowWords.get(i), 1, Integer::sum);
      }
    }
    for (String w : words) {
      double[] s = sums.get(w);
      int n = counts.get(w);
      for (int j = 0; j < s.length; j++) {
        s[j] /= n;
      }
    }
    return sums;
  }
}
