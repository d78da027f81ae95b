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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
   * The feature vector of every occurrence of the corpus, computed once and shared by every
   * regime and every repeat. Analysed in chunks so the progress bar moves.
   */
  static Map<AnnotatedExample, SparseVector> analyse(Corpus corpus, FeaturePipeline pipeline,
      Progress.Monitor monitor) {
    List<AnnotatedExample> all = corpus.examples();
    Map<AnnotatedExample, SparseVector> features = new IdentityHashMap<>();
    int chunk = 32;
    try (Progress.Task task = monitor.task("analysing " + all.size() + " occurrences",
        all.size())) {
      for (int from = 0; from < all.size(); from += chunk) {
        List<AnnotatedExample> part = all.subList(from, Math.min(all.size(), from + chunk));
        List<SparseVector> vectors = pipeline.vectorize(part);
        for (int i = 0; i < part.size(); i++) {
          features.put(part.get(i), vectors.get(i));
        }
        task.stepBy(part.size());
      }
    }
    return features;
  }

  /**
   * Fails before any work when a regime needs something the corpus lacks: {@code votes} needs
   * vote counts on every occurrence.
   */
  static void requireWhatRegimesNeed(List<TrainingRegime> regimes, Corpus corpus) {
    for (TrainingRegime regime : regimes) {
      if (regime.needsVotes()) {
        long without = corpus.examples().stream().filter(e -> e.votes().isEmpty()).count();
        if (without > 0) {
          AnnotatedExample first = corpus.examples().stream().filter(e -> e.votes().isEmpty())
              .findFirst().orElseThrow();
          throw new UserException("regime '" + regime.name() + "' needs vote counts, but "
              + without + " of " + corpus.size() + " occurrences in " + corpus.source()
              + " have none (the first: id '" + first.id() + "'); use soft, sample or"
              + " type-soft on this corpus");
        }
      }
    }
  }

  /**
   * Runs the comparison on one split.
   *
   * @param corpus all occurrences
   * @param features every occurrence's vector, from {@link #analyse}
   * @param regimes the regimes to train
   * @param requestedWords words to report; empty for the default choice
   * @param strictWords whether each requested word must have held-out occurrences in this split
   *     (repeats after the first show the first split's words wherever they occur)
   * @param testFraction share of sentences held out
   * @param seed split (and regime) seed
   * @param trainer trainer settings shared by every regime; its inventory mode decides whether
   *     each word's softmax runs over the labels seen with it in the training split
   * @param monitor receives the progress of each regime's training
   */
  static Result run(Corpus corpus, Map<AnnotatedExample, SparseVector> features,
      List<TrainingRegime> regimes, List<String> requestedWords, boolean strictWords,
      double testFraction, long seed, TrainerConfig trainer, Progress.Monitor monitor) {
    CorpusSplit split = CorpusSplit.bySentence(corpus.examples(), testFraction, seed);
    if (split.train().isEmpty() || split.test().isEmpty()) {
      throw new UserException("the split (seed " + seed + ") left " + split.train().size()
          + " training and " + split.test().size() + " held-out occurrences: use a larger"
          + " corpus or another --test-fraction");
    }
    List<String> labels = corpus.labels();
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
    List<String> words = strictWords ? chooseWords(heldOut, requestedWords)
        : List.copyOf(requestedWords);
    Map<String, double[]> reference = typeLevel(testWords, references, words);

    boolean restrict = trainer.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    Map<String, Set<String>> inventories = restrict ? inventories(split.train(), labels) : null;
    Map<String, boolean[]> masks = restrict ? masks(inventories, labels) : null;
    List<RegimeResult> results = new ArrayList<>();
    for (TrainingRegime regime : regimes) {
      List<WeightedTarget> rows = regime.apply(split.train(), labels, masks, seed);
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
      TrainingData data = TrainingData.of(labels, x, y, w, groups);
      if (restrict) {
        data = data.withInventories(inventories);
      }
      TrainingResult fit;
      try (Progress.Training progress = monitor.training("training " + regime.name()
          + " (seed " + seed + ")")) {
        fit = SoftmaxTrainer.fit(data, trainer, progress);
      }
      SoftmaxModel model = fit.model();
      double[][] predictions = model.predictAll(testX, testWords);
      Metrics metrics = Evaluation.evaluate(references, predictions);
      results.add(new RegimeResult(regime.name(), metrics,
          typeLevel(testWords, predictions, words), predictions, fit));
    }
    return new Result(seed, testFraction, split.train().size(), test.size(), labels, words,
        testWords, heldOut, reference, references, results);
  }

  /** Lower-cased word → the labels with positive mass in any of its training occurrences. */
  static Map<String, Set<String>> inventories(List<AnnotatedExample> train, List<String> labels) {
    Map<String, Set<String>> inv = new TreeMap<>();
    for (AnnotatedExample e : train) {
      double[] d = e.distributionOver(labels);
      Set<String> seen = inv.computeIfAbsent(e.word(), k -> new TreeSet<>());
      for (int j = 0; j < d.length; j++) {
        if (d[j] > 0) {
          seen.add(labels.get(j));
        }
      }
    }
    return inv;
  }

  private static Map<String, boolean[]> masks(Map<String, Set<String>> inventories,
      List<String> labels) {
    Map<String, boolean[]> masks = new TreeMap<>();
    inventories.forEach((word, allowed) -> {
      boolean[] m = new boolean[labels.size()];
      for (int j = 0; j < m.length; j++) {
        m[j] = allowed.contains(labels.get(j));
      }
      masks.put(word, m);
    });
    return masks;
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

  /**
   * Mean of the rows of each chosen word: its type-level distribution over those rows. A word
   * without rows is left out of the map.
   */
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
    Map<String, double[]> means = new LinkedHashMap<>();
    for (String w : words) {
      double[] s = sums.get(w);
      int n = counts.get(w);
      if (n > 0) {
        for (int j = 0; j < s.length; j++) {
          s[j] /= n;
        }
        means.put(w, s);
      }
    }
    return means;
  }
}
