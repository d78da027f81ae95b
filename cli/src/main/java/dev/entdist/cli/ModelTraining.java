package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.WeightedTarget;
import dev.entdist.divergence.LabelRegime;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.LambdaSearch;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.SoftmaxModel;
import dev.entdist.trainer.SoftmaxTrainer;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The computation behind {@code entdist train}: training rows from a corpus (features from the
 * pipeline, targets from the regime, groups = lower-cased words) or from a peer-format split,
 * an optional λ search, the fit, and the model with its feature configuration and per-word
 * type-level summaries attached.
 */
final class ModelTraining {

  /** Folds of the cross-validated λ search of {@code --lambda auto}. */
  static final int LAMBDA_FOLDS = 5;

  /** Occurrences whose features are computed between two progress steps. */
  private static final int FEATURE_CHUNK = 256;

  /**
   * What a training run produced.
   *
   * @param fit the trained model (without provenance source, added by the caller) and its stats
   * @param model the model with feature configuration and word summaries attached
   * @param rows training rows after the regime
   * @param occurrences occurrences (or feature rows) before the regime
   * @param search the λ search, or {@code null} without {@code --lambda auto}
   */
  record Outcome(TrainingResult fit, SoftmaxModel model, int rows, int occurrences,
      LambdaSearch.Result search) {}

  private ModelTraining() {}

  /**
   * Trains on a corpus.
   *
   * @param corpus the training occurrences (all of them)
   * @param regime the label regime
   * @param pipeline computes the features; its configuration is stored in the model
   * @param config trainer settings (its inventory mode decides the inventories)
   * @param searchLambda whether to choose λ by cross-validation first
   * @param monitor progress of the feature computation and of the fit
   * @param note progress lines
   */
  static Outcome fromCorpus(Corpus corpus, TrainingRegime regime, FeaturePipeline pipeline,
      TrainerConfig config, boolean searchLambda, Progress.Monitor monitor,
      Consumer<String> note) {
    List<AnnotatedExample> examples = corpus.examples();
    if (examples.isEmpty()) {
      throw new UserException("corpus " + corpus.source() + " has no occurrences to train on");
    }
    List<String> labels = corpus.labels();
    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    Map<String, Set<String>> inventories = annotatedInventories(examples);

    List<SparseVector> vectors = features(examples, pipeline, config.threads(), monitor);
    Map<AnnotatedExample, SparseVector> features = new IdentityHashMap<>();
    for (int i = 0; i < vectors.size(); i++) {
      features.put(examples.get(i), vectors.get(i));
    }

    List<WeightedTarget> rows = regime.apply(examples, labels,
        restrict ? masks(inventories, labels) : null, config.seed());
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
      // Smoothed or one-hot targets may leave labels of the annotations out; the inventory is
      // what the annotators used with the word.
      data = data.withInventories(inventories);
    }
    LambdaSearch.Result search = searchLambda ? search(data, config, note) : null;
    TrainerConfig used = search == null ? config : config.withLambda(search.chosen());
    TrainingResult fit = fit(data, used, regime.name(), monitor);

    List<String> words = new ArrayList<>(examples.size());
    for (AnnotatedExample e : examples) {
      words.add(e.word());
    }
    double[][] predictions = fit.model().predictAll(vectors, words);
    SoftmaxModel model = fit.model()
        .withFeatureConfigJson(pipeline.config().toJson())
        .withWordSummaries(Comparison.typeLevel(words, predictions,
            List.copyOf(new TreeSet<>(words))));
    return new Outcome(fit, model, data.size(), examples.size(), search);
  }

  /**
   * Trains on a peer-format split: targets are {@code regime} applied to each row in the file's
   * column order (so onehot ties go to the lowest class index, as the peers), then put into
   * sorted label order; row i of the sample regime uses a seed derived from (seed, i).
   */
  static Outcome fromSplit(PeerFormat.Split split, LabelRegime regime, TrainerConfig config,
      boolean searchLambda, Progress.Monitor monitor, Consumer<String> note) {
    if (split.size() == 0) {
      throw new UserException("the feature directory has no rows to train on");
    }
    double[][] targets = new double[split.size()][];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = regime.target(split.labels()[i], TrainingRegime.rowSeed(config.seed(), i));
    }
    TrainingData data = TrainingData.of(split.sortedClasses(), split.features(),
        split.inSortedOrder(targets), split.weights(), null);
    LambdaSearch.Result search = searchLambda ? search(data, config, note) : null;
    TrainerConfig used = search == null ? config : config.withLambda(search.chosen());
    TrainingResult fit = fit(data, used, regime.name(), monitor);
    return new Outcome(fit, fit.model(), data.size(), split.size(), search);
  }

  /** Features of every occurrence, in chunks so the task can show how far it got. */
  private static List<SparseVector> features(List<AnnotatedExample> examples,
      FeaturePipeline pipeline, int threads, Progress.Monitor monitor) {
    List<SparseVector> vectors = new ArrayList<>(examples.size());
    try (Progress.Task task = monitor.task("computing features of " + examples.size()
        + " occurrences", examples.size())) {
      for (int from = 0; from < examples.size(); from += FEATURE_CHUNK) {
        List<AnnotatedExample> part = examples.subList(from,
            Math.min(examples.size(), from + FEATURE_CHUNK));
        vectors.addAll(pipeline.vectorize(part, threads));
        task.stepBy(part.size());
      }
    }
    return vectors;
  }

  /** The fit, reported as a training run (iterations for L-BFGS, epochs for Adam). */
  private static TrainingResult fit(TrainingData data, TrainerConfig config, String regime,
      Progress.Monitor monitor) {
    boolean adam = config.optimizer() == TrainerConfig.Optimizer.ADAM;
    try (Progress.Training progress = monitor.training("training " + regime + " on "
        + data.size() + " rows", adam ? "epochs" : Progress.Training.ITERATIONS)) {
      return SoftmaxTrainer.fit(data, config, progress);
    }
  }

  private static LambdaSearch.Result search(TrainingData data, TrainerConfig config,
      Consumer<String> note) {
    int folds = Math.min(LAMBDA_FOLDS, data.size());
    if (folds < 2) {
      throw new UserException("--lambda auto needs at least 2 training rows for"
          + " cross-validation, got " + data.size());
    }
    note.accept("choosing λ by " + folds + "-fold cross-validation over "
        + LambdaSearch.DEFAULT_GRID);
    return LambdaSearch.search(data, config, LambdaSearch.DEFAULT_GRID, folds);
  }

  /** Lower-cased word → labels with positive annotated mass on any of its occurrences. */
  static Map<String, Set<String>> annotatedInventories(List<AnnotatedExample> examples) {
    Map<String, Set<String>> inv = new TreeMap<>();
    for (AnnotatedExample e : examples) {
      Set<String> s = inv.computeIfAbsent(e.word(), k -> new TreeSet<>());
      e.labels().forEach((label, p) -> {
        if (p > 0) {
          s.add(label);
        }
      });
    }
    return inv;
  }

  private static Map<String, boolean[]> masks(Map<String, Set<String>> inventories,
      List<String> labels) {
    Map<String, boolean[]> masks = new TreeMap<>();
    inventories.forEach((word, set) -> {
      boolean[] m = new boolean[labels.size()];
      for (int j = 0; j < m.length; j++) {
        m[j] = set.contains(labels.get(j));
      }
      masks.put(word, m);
    });
    return masks;
  }
}
