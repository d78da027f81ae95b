package dev.entdist.pipeline;

import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.features.FeatureConfig;
import dev.entdist.trainer.TrainerConfig;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything that decides a training run from a corpus: the label regime, the trainer's settings,
 * whether λ is chosen by cross-validation, and the text features. {@link #defaults()} are the
 * command line's defaults: {@code entdist train} starts from them and changes only what its
 * options name.
 *
 * @param regime the label regime (default {@code soft})
 * @param trainer optimiser, λ, iteration cap, tolerance, inventories, seed, threads
 * @param lambdaAuto whether to choose λ by {@value Training#LAMBDA_FOLDS}-fold cross-validation
 *     before the fit (then {@code trainer.lambda()} is ignored)
 * @param features how occurrences become feature vectors; stored in the model
 * @param declaredLabels labels the model knows besides those of the corpus (they may have no
 *     training mass; the model records which had none)
 * @param aggregate how the occurrences that name their annotators get their labels before the
 *     regime is applied ({@link Training#aggregate}); {@code null} keeps the labels as read
 * @param inventoryAuto whether to decide on a held-out fifth of the sentences between an
 *     unrestricted model and a restricted one whose inventories are mixed with the full softmax
 *     ({@link dev.entdist.trainer.InventoryMixing}); the trainer's inventory mode is then ignored
 */
public record TrainSettings(
    TrainingRegime regime, TrainerConfig trainer, boolean lambdaAuto, FeatureConfig features,
    SortedSet<String> declaredLabels, AggregationMethod aggregate, boolean inventoryAuto) {

  /** Rejects missing parts and blank labels; copies the labels (sorted, unmodifiable). */
  public TrainSettings {
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(features, "features");
    TreeSet<String> labels = new TreeSet<>();
    for (String l : declaredLabels) {
      if (l == null || l.isBlank()) {
        throw new IllegalArgumentException("a declared label is empty");
      }
      labels.add(l);
    }
    declaredLabels = Collections.unmodifiableSortedSet(labels);
  }

  /** Settings that leave the inventory to the trainer's mode. */
  public TrainSettings(
      TrainingRegime regime, TrainerConfig trainer, boolean lambdaAuto, FeatureConfig features,
      SortedSet<String> declaredLabels, AggregationMethod aggregate) {
    this(regime, trainer, lambdaAuto, features, declaredLabels, aggregate, false);
  }

  /** Settings without declared labels that keep the labels as read. */
  public TrainSettings(
      TrainingRegime regime, TrainerConfig trainer, boolean lambdaAuto, FeatureConfig features) {
    this(regime, trainer, lambdaAuto, features, new TreeSet<>(), null, false);
  }

  /**
   * Soft labels, {@link TrainerConfig#defaults()} (L-BFGS, λ 1e-4, at most {@value
   * TrainerConfig#DEFAULT_MAX_ITER} iterations), a fixed λ, {@link FeatureConfig#defaults()}.
   */
  public static TrainSettings defaults() {
    return new TrainSettings(TrainingRegime.parse("soft"), TrainerConfig.defaults(), false,
        FeatureConfig.defaults());
  }

  /** A copy with another label regime. */
  public TrainSettings withRegime(TrainingRegime r) {
    return new TrainSettings(r, trainer, lambdaAuto, features, declaredLabels, aggregate,
        inventoryAuto);
  }

  /** A copy with the regime named as on the command line: soft, onehot, smooth:0.1, … */
  public TrainSettings withRegime(String name) {
    return withRegime(TrainingRegime.parse(name));
  }

  /** A copy with other trainer settings. */
  public TrainSettings withTrainer(TrainerConfig t) {
    return new TrainSettings(regime, t, lambdaAuto, features, declaredLabels, aggregate,
        inventoryAuto);
  }

  /** A copy that chooses λ by cross-validation ({@code true}) or uses the trainer's. */
  public TrainSettings withLambdaAuto(boolean auto) {
    return new TrainSettings(regime, trainer, auto, features, declaredLabels, aggregate,
        inventoryAuto);
  }

  /** A copy with another feature configuration. */
  public TrainSettings withFeatures(FeatureConfig f) {
    return new TrainSettings(regime, trainer, lambdaAuto, f, declaredLabels, aggregate,
        inventoryAuto);
  }

  /** A copy that also knows {@code labels}, with or without training mass. */
  public TrainSettings withDeclaredLabels(Collection<String> labels) {
    return new TrainSettings(regime, trainer, lambdaAuto, features, new TreeSet<>(labels),
        aggregate, inventoryAuto);
  }

  /**
   * A copy that aggregates annotators' answers with {@code method} ({@code null}: the labels as
   * read).
   */
  public TrainSettings withAggregate(AggregationMethod method) {
    return new TrainSettings(regime, trainer, lambdaAuto, features, declaredLabels, method,
        inventoryAuto);
  }

  /**
   * A copy that chooses between unrestricted and mixed restricted inventories on held-out
   * sentences ({@code true}) or keeps the trainer's inventory mode.
   */
  public TrainSettings withInventoryAuto(boolean auto) {
    return new TrainSettings(regime, trainer, lambdaAuto, features, declaredLabels, aggregate,
        auto);
  }
}
