package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.WeightedTarget;
import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.corpora.aggregate.AggregationSettings;
import dev.entdist.corpora.aggregate.Aggregator;
import dev.entdist.divergence.LabelRegime;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.InventoryMixing;
import dev.entdist.trainer.LambdaSearch;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.ProgressListener;
import dev.entdist.trainer.SoftmaxModel;
import dev.entdist.trainer.SoftmaxTrainer;
import dev.entdist.trainer.TraceListener;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import dev.entdist.trainer.WarmStart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Training from a corpus: the features of every occurrence (from the settings' feature
 * configuration), the label regime's weighted targets, the words' inventories, an optional λ
 * search, the fit, and the model with its feature configuration and the type-level distribution
 * of every training word attached. Also training on a peer-format feature split.
 *
 * <pre>{@code
 * Corpus corpus = CorpusFiles.read("bundled", ReadOptions.defaults());
 * TrainedModel trained = Training.train(corpus, TrainSettings.defaults(), Monitor.SILENT);
 * try (TextModel model = trained.model()) {
 *   WordDistribution d = model.query("cell", "My cell died, I need a charger.");
 * }
 * }</pre>
 */
public final class Training {

  /** Folds of the cross-validated λ search. */
  public static final int LAMBDA_FOLDS = 3;

  /** {@code --inventory auto} holds out one of this many parts of the sentences (a fifth). */
  public static final int INVENTORY_FOLDS = 5;

  /** Occurrences analysed per progress step. */
  private static final int FEATURE_CHUNK = 256;

  private Training() {}

  /**
   * Trains on every occurrence of {@code corpus}.
   *
   * @throws PipelineException when the corpus is empty, or the regime needs what it lacks
   */
  public static TrainedModel train(Corpus corpus, TrainSettings settings, Monitor monitor) {
    if (settings.aggregate() != null) {
      corpus = aggregate(corpus, settings.aggregate());
    }
    List<AnnotatedExample> examples = corpus.examples();
    if (examples.isEmpty()) {
      throw new PipelineException("corpus " + corpus.source() + " has no occurrences to train on");
    }
    requireWhatRegimeNeeds(settings.regime(), corpus);
    try (FeaturePipeline pipeline = FeaturePipeline.create(settings.features())) {
      Map<AnnotatedExample, SparseVector> features =
          features(examples, pipeline, settings.trainer().threads(), monitor);
      return train(corpus, features, settings, monitor, LOCAL);
    }
  }

  /**
   * The corpus with every occurrence that names its annotators labelled by {@code method}'s
   * posterior (fitted with {@link AggregationSettings#DEFAULTS} on all the corpus's answers);
   * the other occurrences keep their labels.
   *
   * @throws PipelineException when no occurrence names its annotators
   */
  public static Corpus aggregate(Corpus corpus, AggregationMethod method) {
    try {
      return new Corpus(corpus.source(), Aggregator.apply(corpus.examples(), method,
          AggregationSettings.DEFAULTS).examples());
    } catch (IllegalArgumentException e) {
      throw new PipelineException(corpus.source() + ": " + e.getMessage());
    }
  }

  /**
   * How a model is fitted to its training rows: the local trainer ({@link SoftmaxTrainer#fit}),
   * or one that sums the objective elsewhere (a cluster's partitions).
   */
  @FunctionalInterface
  public interface Fitter {
    /** Fits {@code data} with {@code config}, reporting to {@code listener}. */
    TrainingResult fit(TrainingData data, TrainerConfig config, ProgressListener listener);

    /**
     * The same fit, starting from {@code start} (the λ search's folds at the chosen λ) where the
     * fitter can; the optimum does not depend on it. By default the start is not used.
     */
    default TrainingResult fit(TrainingData data, TrainerConfig config,
        ProgressListener listener, WarmStart start) {
      return fit(data, config, listener);
    }
  }

  /** The local trainer, warm starts included. */
  public static final Fitter LOCAL = new Fitter() {
    @Override
    public TrainingResult fit(TrainingData data, TrainerConfig config,
        ProgressListener listener) {
      return SoftmaxTrainer.fit(data, config, listener);
    }

    @Override
    public TrainingResult fit(TrainingData data, TrainerConfig config,
        ProgressListener listener, WarmStart start) {
      return SoftmaxTrainer.fit(data, config, listener, start);
    }
  };

  /**
   * Trains on every occurrence of {@code corpus} whose feature vectors (of {@code settings}'
   * feature configuration) are already computed, fitting with {@code fitter}: everything but
   * the fit is what {@link #train(Corpus, TrainSettings, Monitor)} does. The λ search and the
   * inventory choice of {@link TrainSettings#inventoryAuto()} fit locally.
   */
  public static TrainedModel train(Corpus corpus, Map<AnnotatedExample, SparseVector> features,
      TrainSettings settings, Monitor monitor, Fitter fitter) {
    List<AnnotatedExample> examples = corpus.examples();
    if (examples.isEmpty()) {
      throw new PipelineException("corpus " + corpus.source() + " has no occurrences to train on");
    }
    requireWhatRegimeNeeds(settings.regime(), corpus);
    TrainerConfig config = settings.trainer();
    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    TreeSet<String> labels = new TreeSet<>(corpus.labels());
    labels.addAll(settings.declaredLabels());
    if (settings.inventoryAuto()) {
      config = config.withInventory(TrainerConfig.InventoryMode.NONE, config.delta());
      restrict = false;
    }
    Rows rows = sentenceRows(settings.regime(), examples, List.copyOf(labels), features,
        restrict, config.seed());
    TrainingData data = rows.data();
    LambdaSearch.Result search = settings.lambdaAuto()
        ? search(data, rows.sentences(), config, monitor) : null;
    TrainerConfig used = search == null ? config : config.withLambda(search.chosen());
    TraceListener trace = new TraceListener(null);
    InventoryMixing.Choice inventory = null;
    TrainingResult fit;
    if (settings.inventoryAuto()) {
      inventory = chooseInventory(data, rows.sentences(), used, monitor);
      fit = new TrainingResult(inventory.model(), inventory.stats());
    } else {
      fit = fit(data, used, settings.regime().name(), monitor, fitter, trace,
          search == null ? null : search.start());
    }

    List<String> words = new ArrayList<>(examples.size());
    List<SparseVector> vectors = new ArrayList<>(examples.size());
    for (AnnotatedExample e : examples) {
      words.add(e.word());
      vectors.add(features.get(e));
    }
    double[][] predictions = fit.model().predictAll(vectors, words);
    SoftmaxModel model = fit.model()
        .withFeatureConfigJson(settings.features().toJson())
        .withFeatureDimension(settings.features().dimension())
        .withWordSummaries(TypeLevel.means(words, predictions,
            List.copyOf(new TreeSet<>(words))));
    return new TrainedModel(TextModel.of(model), fit.stats(), data.size(), examples.size(),
        search, trace.records(), inventory);
  }

  /**
   * Restricted inventories mixed with the full softmax, or none, whichever scores the lower mean
   * KL on a held-out fifth of the sentences; the winner is trained on every row.
   */
  private static InventoryMixing.Choice chooseInventory(TrainingData data, int[] sentences,
      TrainerConfig config, Monitor monitor) {
    long groups = java.util.Arrays.stream(sentences).distinct().count();
    if (groups < INVENTORY_FOLDS) {
      throw new PipelineException("--inventory auto holds out a fifth of the training"
          + " sentences, which needs at least " + INVENTORY_FOLDS + " of them, got " + groups);
    }
    monitor.note("choosing the inventories on a held-out fifth of the sentences: restricted"
        + " and mixed with the full softmax, or unrestricted (three fits)");
    try {
      return InventoryMixing.choose(data, config, sentences, INVENTORY_FOLDS, config.seed());
    } catch (IllegalArgumentException e) {
      throw new PipelineException("--inventory auto: " + e.getMessage());
    }
  }

  /**
   * Trains on a peer-format split: targets are {@code regime} applied to each row in the file's
   * column order (so onehot ties go to the lowest class index, as the peers), then put into
   * sorted label order; row i of the sample regime uses a seed derived from (seed, i). Such a
   * model has no feature configuration: it predicts feature vectors, not text.
   */
  public static TrainedModel train(PeerFormat.Split split, LabelRegime regime,
      TrainerConfig config, boolean lambdaAuto, Monitor monitor) {
    return train(split, regime, config, lambdaAuto, monitor, LOCAL);
  }

  /**
   * {@link #train(PeerFormat.Split, LabelRegime, TrainerConfig, boolean, Monitor)} fitting with
   * {@code fitter}.
   */
  public static TrainedModel train(PeerFormat.Split split, LabelRegime regime,
      TrainerConfig config, boolean lambdaAuto, Monitor monitor, Fitter fitter) {
    if (split.size() == 0) {
      throw new PipelineException("the feature directory has no rows to train on");
    }
    double[][] targets = new double[split.size()][];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = regime.target(split.labels()[i], TrainingRegime.rowSeed(config.seed(), i));
    }
    TrainingData data = TrainingData.of(split.sortedClasses(), split.features(),
        split.inSortedOrder(targets), split.weights(), null);
    LambdaSearch.Result search = lambdaAuto ? search(data, null, config, monitor) : null;
    TrainerConfig used = search == null ? config : config.withLambda(search.chosen());
    TraceListener trace = new TraceListener(null);
    TrainingResult fit = fit(data, used, regime.name(), monitor, fitter, trace,
        search == null ? null : search.start());
    return new TrainedModel(TextModel.of(fit.model().withWordSummaries(Map.of())), fit.stats(),
        data.size(), split.size(), search, trace.records());
  }

  /**
   * Fails before any work when a regime needs something the corpus lacks: {@code votes} needs
   * vote counts on every occurrence.
   */
  public static void requireWhatRegimeNeeds(TrainingRegime regime, Corpus corpus) {
    if (!regime.needsVotes()) {
      return;
    }
    List<AnnotatedExample> without = corpus.examples().stream()
        .filter(e -> e.votes().isEmpty()).toList();
    if (!without.isEmpty()) {
      throw new PipelineException("regime '" + regime.name() + "' needs vote counts, but "
          + without.size() + " of " + corpus.size() + " occurrences in " + corpus.source()
          + " have none (the first: id '" + without.get(0).id() + "'); use soft, sample or"
          + " type-soft on this corpus");
    }
  }

  /**
   * The feature vector of every occurrence (by identity), computed on {@code threads} threads
   * in chunks so the progress task moves; the result does not depend on the thread count.
   */
  public static Map<AnnotatedExample, SparseVector> features(List<AnnotatedExample> examples,
      FeaturePipeline pipeline, int threads, Monitor monitor) {
    Map<AnnotatedExample, SparseVector> features = new IdentityHashMap<>();
    try (Monitor.Task task = monitor.task("computing features of " + examples.size()
        + " occurrences", examples.size())) {
      for (int from = 0; from < examples.size(); from += FEATURE_CHUNK) {
        List<AnnotatedExample> part = examples.subList(from,
            Math.min(examples.size(), from + FEATURE_CHUNK));
        List<SparseVector> vectors = pipeline.vectorize(part, threads);
        for (int i = 0; i < part.size(); i++) {
          features.put(part.get(i), vectors.get(i));
        }
        task.stepBy(part.size());
      }
    }
    return features;
  }

  /**
   * The training data of {@code regime} on {@code train}: one row per weighted target, grouped
   * by the lower-cased word. With {@code restrict}, targets are computed over each word's
   * inventory and the data carries those inventories (smoothed or one-hot targets may leave
   * annotated labels out; the inventory is what the annotators used with the word).
   */
  static TrainingData rows(TrainingRegime regime, List<AnnotatedExample> train,
      List<String> labels, Map<AnnotatedExample, SparseVector> features, boolean restrict,
      long seed) {
    return sentenceRows(regime, train, labels, features, restrict, seed).data();
  }

  /**
   * Training rows and, for each row, its sentence: rows of occurrences with the same sentence
   * text share a number.
   */
  record Rows(TrainingData data, int[] sentences) {}

  /** {@link #rows} with each row's sentence. */
  static Rows sentenceRows(TrainingRegime regime, List<AnnotatedExample> train,
      List<String> labels, Map<AnnotatedExample, SparseVector> features, boolean restrict,
      long seed) {
    Map<String, Set<String>> inventories = restrict ? inventories(train) : null;
    List<WeightedTarget> rows = regime.apply(train, labels,
        restrict ? masks(inventories, labels) : null, seed);
    List<SparseVector> x = new ArrayList<>(rows.size());
    double[][] y = new double[rows.size()][];
    double[] w = new double[rows.size()];
    List<String> groups = new ArrayList<>(rows.size());
    int[] sentences = new int[rows.size()];
    Map<String, Integer> sentenceNumbers = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      WeightedTarget row = rows.get(i);
      x.add(features.get(row.example()));
      y[i] = row.target();
      w[i] = row.weight();
      groups.add(row.example().word());
      sentences[i] = sentenceNumbers.computeIfAbsent(row.example().text(),
          t -> sentenceNumbers.size());
    }
    TrainingData data = TrainingData.of(labels, x, y, w, groups);
    return new Rows(restrict ? data.withInventories(inventories) : data, sentences);
  }

  /** Lower-cased word → the labels with positive annotated mass on any of its occurrences. */
  public static Map<String, Set<String>> inventories(List<AnnotatedExample> examples) {
    Map<String, Set<String>> inv = new TreeMap<>();
    for (AnnotatedExample e : examples) {
      Set<String> seen = inv.computeIfAbsent(e.word(), k -> new TreeSet<>());
      e.labels().forEach((label, p) -> {
        if (p > 0) {
          seen.add(label);
        }
      });
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

  /**
   * The fit, reported as a training run (iterations for L-BFGS, epochs for Adam) and recorded
   * in {@code trace}.
   */
  static TrainingResult fit(TrainingData data, TrainerConfig config, String regime,
      Monitor monitor, Fitter fitter, TraceListener trace) {
    return fit(data, config, regime, monitor, fitter, trace, null);
  }

  private static TrainingResult fit(TrainingData data, TrainerConfig config, String regime,
      Monitor monitor, Fitter fitter, TraceListener trace, WarmStart start) {
    boolean adam = config.optimizer() == TrainerConfig.Optimizer.ADAM;
    try (Monitor.Training progress = monitor.training("training " + regime + " on "
        + data.size() + " rows", adam ? "epochs" : "iterations")) {
      ProgressListener listener = (i, max, f, g, sec) -> {
        trace.onProgress(i, max, f, g, sec);
        progress.onProgress(i, max, f, g, sec);
      };
      return start == null ? fitter.fit(data, config, listener)
          : fitter.fit(data, config, listener, start);
    }
  }

  /**
   * The λ search over {@link LambdaSearch#DEFAULT_GRID}, {@value #LAMBDA_FOLDS} folds (fewer when
   * there are fewer groups) of whole sentences when {@code sentences} is given, else of rows.
   */
  private static LambdaSearch.Result search(TrainingData data, int[] sentences,
      TrainerConfig config, Monitor monitor) {
    int groups = sentences == null ? data.size()
        : (int) java.util.Arrays.stream(sentences).distinct().count();
    int folds = Math.min(LAMBDA_FOLDS, groups);
    if (folds < 2) {
      throw new PipelineException("--lambda auto needs at least 2 training "
          + (sentences == null ? "rows" : "sentences") + " for cross-validation, got " + groups);
    }
    monitor.note("choosing λ by " + folds + "-fold cross-validation"
        + (sentences == null ? "" : " over whole sentences") + " on "
        + LambdaSearch.DEFAULT_GRID);
    try {
      return LambdaSearch.search(data, config, LambdaSearch.DEFAULT_GRID, folds, sentences);
    } catch (IllegalArgumentException e) {
      throw new PipelineException("--lambda auto: " + e.getMessage());
    }
  }
}
