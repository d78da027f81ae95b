package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.Evaluation.Metrics;
import dev.entdist.trainer.PairedBootstrap;
import dev.entdist.trainer.SoftmaxModel;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains several label regimes on one split of a corpus and evaluates each on the same held-out
 * occurrences: what {@code entdist compare} shows. Features are computed once for the whole
 * corpus and shared by every regime and split.
 */
public final class Comparison {

  /** A word is reported by default when it has at least this many held-out occurrences. */
  public static final int MIN_HELD_OUT = 5;

  /** At most this many words are reported by default. */
  public static final int MAX_WORDS = 12;

  /**
   * What one regime learned on one split and how it scored.
   *
   * @param regime the regime's name
   * @param metrics every metric on the held-out occurrences
   * @param words word → type-level distribution over its held-out occurrences
   * @param predictions the in-context prediction of every held-out occurrence
   * @param training the fit and its statistics
   * @param temperature the temperature of the predictions: 1, or for a calibrated regime
   *     (named {@code <regime>+T}) the one fitted on held-out training sentences
   */
  public record RegimeResult(String regime, Metrics metrics, Map<String, double[]> words,
      double[][] predictions, TrainingResult training, double temperature) {

    /** Whether this is a calibrated copy of a regime. */
    public boolean calibrated() {
      return regime.endsWith(CALIBRATED);
    }
  }

  /** The suffix of a calibrated regime's name. */
  public static final String CALIBRATED = "+T";

  /** Share of the training sentences a calibrated regime holds out to fit its temperature. */
  public static final double CALIBRATION_FRACTION = 0.2;

  /**
   * One split: its sizes, the reference and every regime.
   *
   * @param seed the split's seed
   * @param testFraction share of sentences held out
   * @param train training occurrences
   * @param test held-out occurrences
   * @param labels the label columns (sorted)
   * @param words the words reported
   * @param testWords the word of every held-out occurrence
   * @param testIds the id of every held-out occurrence
   * @param heldOutCounts word → held-out occurrences, most frequent first
   * @param reference word → type-level reference over its held-out occurrences
   * @param references the annotated distribution of every held-out occurrence
   * @param regimes each regime's result, in the order given (each calibrated copy after its
   *     regime)
   * @param heldOut the held-out occurrences, in the order of the rows
   * @param intervals intervals of every metric and paired differences between the regimes, by
   *     a bootstrap over the held-out sentences; {@code null} when not asked for
   */
  public record Run(long seed, double testFraction, int train, int test, List<String> labels,
      List<String> words, List<String> testWords, List<String> testIds,
      Map<String, Integer> heldOutCounts, Map<String, double[]> reference,
      double[][] references, List<RegimeResult> regimes, List<AnnotatedExample> heldOut,
      PairedBootstrap.Report intervals) {

    /** The result of {@code regime}. */
    public RegimeResult regime(String regime) {
      for (RegimeResult r : regimes) {
        if (r.regime().equals(regime)) {
          return r;
        }
      }
      throw new IllegalArgumentException("no regime " + regime);
    }
  }

  private Comparison() {}

  /**
   * Compares the settings' regimes on {@code corpus}: features once, then one run per split.
   *
   * @throws PipelineException when a regime needs what the corpus lacks, a split leaves no
   *     training or held-out occurrences, or a requested word is not held out
   */
  public static RepeatedComparison compare(Corpus corpus, CompareSettings settings,
      Monitor monitor) {
    for (TrainingRegime r : settings.regimes()) {
      Training.requireWhatRegimeNeeds(r, corpus);
    }
    Map<AnnotatedExample, SparseVector> features;
    try (FeaturePipeline pipeline = FeaturePipeline.create(settings.features())) {
      features = Training.features(corpus.examples(), pipeline, settings.trainer().threads(),
          monitor);
    }
    List<Run> runs = new ArrayList<>();
    Run first = run(corpus, features, settings.regimes(), settings.words(), true,
        settings.testFraction(), settings.seed(), settings.trainer(), monitor,
        settings.calibrate(), settings.bootstrap());
    runs.add(first);
    for (int r = 1; r < settings.repeats(); r++) {
      long s = settings.seed() + r;
      runs.add(run(corpus, features, settings.regimes(), first.words(), false,
          settings.testFraction(), s, settings.trainer(), monitor, settings.calibrate(), null));
    }
    return RepeatedComparison.of(runs);
  }

  /**
   * Runs the comparison on one split.
   *
   * @param corpus all occurrences
   * @param features every occurrence's vector
   * @param regimes the regimes to train
   * @param requestedWords words to report; empty for the default choice
   * @param strictWords whether each requested word must have held-out occurrences in this split
   *     (repeats after the first show the first split's words wherever they occur)
   * @param testFraction share of sentences held out
   * @param seed split (and regime) seed
   * @param trainer trainer settings shared by every regime (its seed is replaced by {@code seed})
   * @param monitor receives the progress of each regime's training
   * @param calibrate whether to add each regime calibrated on held-out training sentences
   * @param bootstrap how to resample the held-out sentences, or {@code null} for no intervals
   */
  public static Run run(Corpus corpus, Map<AnnotatedExample, SparseVector> features,
      List<TrainingRegime> regimes, List<String> requestedWords, boolean strictWords,
      double testFraction, long seed, TrainerConfig trainer, Monitor monitor, boolean calibrate,
      PairedBootstrap.Settings bootstrap) {
    CorpusSplit split = CorpusSplit.bySentence(corpus.examples(), testFraction, seed);
    if (split.train().isEmpty() || split.test().isEmpty()) {
      throw new PipelineException("the split (seed " + seed + ") left " + split.train().size()
          + " training and " + split.test().size() + " held-out occurrences: use a larger"
          + " corpus or another test fraction");
    }
    TrainerConfig config = trainer.withSeed(seed);
    List<String> labels = corpus.labels();
    List<AnnotatedExample> test = split.test();
    double[][] references = new double[test.size()][];
    List<SparseVector> testX = new ArrayList<>(test.size());
    List<String> testWords = new ArrayList<>(test.size());
    List<String> testIds = new ArrayList<>(test.size());
    for (int i = 0; i < test.size(); i++) {
      AnnotatedExample e = test.get(i);
      references[i] = e.distributionOver(labels);
      testX.add(features.get(e));
      testWords.add(e.word());
      testIds.add(e.id());
    }
    Map<String, Integer> heldOut = heldOutCounts(test);
    List<String> words = strictWords ? chooseWords(heldOut, requestedWords)
        : List.copyOf(requestedWords);
    Map<String, double[]> reference = TypeLevel.means(testWords, references, words);

    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    List<RegimeResult> results = new ArrayList<>();
    for (TrainingRegime regime : regimes) {
      TrainingData data = Training.rows(regime, split.train(), labels, features, restrict,
          seed);
      TrainingResult fit;
      boolean adam = config.optimizer() == TrainerConfig.Optimizer.ADAM;
      try (Monitor.Training progress = monitor.training("training " + regime.name()
          + " (seed " + seed + ")", adam ? "epochs" : "iterations")) {
        fit = dev.entdist.trainer.SoftmaxTrainer.fit(data, config, progress);
      }
      SoftmaxModel model = fit.model();
      double[][] predictions = model.predictAll(testX, testWords);
      Metrics metrics = Evaluation.evaluate(references, predictions);
      results.add(new RegimeResult(regime.name(), metrics,
          TypeLevel.means(testWords, predictions, words), predictions, fit, 1.0));
      if (calibrate) {
        double t = temperature(regime, split.train(), labels, features, config, restrict, seed,
            monitor);
        double[][] calibrated = model.withTemperature(t).predictAll(testX, testWords);
        results.add(new RegimeResult(regime.name() + CALIBRATED,
            Evaluation.evaluate(references, calibrated),
            TypeLevel.means(testWords, calibrated, words), calibrated, fit, t));
      }
    }
    PairedBootstrap.Report intervals = null;
    if (bootstrap != null) {
      Map<String, double[][]> sets = new LinkedHashMap<>();
      results.forEach(r -> sets.put(r.regime(), r.predictions()));
      intervals = PairedBootstrap.run(references, sets,
          test.stream().map(AnnotatedExample::text).toList(), bootstrap);
    }
    return new Run(seed, testFraction, split.train().size(), test.size(), labels, words,
        testWords, testIds, heldOut, reference, references, results, List.copyOf(test),
        intervals);
  }

  /**
   * The temperature of {@code regime} fitted on a held-out fifth of the training sentences,
   * after training on the other four fifths; the test occurrences are never seen.
   */
  private static double temperature(TrainingRegime regime, List<AnnotatedExample> train,
      List<String> labels, Map<AnnotatedExample, SparseVector> features, TrainerConfig config,
      boolean restrict, long seed, Monitor monitor) {
    CorpusSplit inner = CorpusSplit.bySentence(train, CALIBRATION_FRACTION, seed);
    if (inner.train().isEmpty() || inner.test().isEmpty()) {
      throw new PipelineException("calibration needs training sentences to hold out, but the"
          + " split (seed " + seed + ") has only " + train.size() + " training occurrences");
    }
    TrainingData data = Training.rows(regime, inner.train(), labels, features, restrict, seed);
    TrainingResult fit;
    try (Monitor.Training progress = monitor.training("calibrating " + regime.name()
        + " (seed " + seed + ")", config.optimizer() == TrainerConfig.Optimizer.ADAM ? "epochs"
        : "iterations")) {
      fit = dev.entdist.trainer.SoftmaxTrainer.fit(data, config, progress);
    }
    return Calibration.fit(fit.model(), inner.test(), features, labels).temperature();
  }

  /** Lower-cased word → number of held-out occurrences, most frequent first (ties by word). */
  static Map<String, Integer> heldOutCounts(List<AnnotatedExample> test) {
    Map<String, Integer> counts = new TreeMap<>();
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
   * word with at least {@value #MIN_HELD_OUT} held-out occurrences, at most {@value #MAX_WORDS},
   * most frequent first.
   */
  static List<String> chooseWords(Map<String, Integer> heldOut, List<String> requested) {
    List<String> words = new ArrayList<>();
    if (requested != null && !requested.isEmpty()) {
      for (String r : requested) {
        String w = r.toLowerCase(Locale.ROOT);
        if (!heldOut.containsKey(w)) {
          throw new PipelineException("word '" + r + "' has no held-out occurrences in this"
              + " split");
        }
        words.add(w);
      }
      return words;
    }
    for (Map.Entry<String, Integer> e : heldOut.entrySet()) {
      if (e.getValue() >= MIN_HELD_OUT && words.size() < MAX_WORDS) {
        words.add(e.getKey());
      }
    }
    return words;
  }
}
