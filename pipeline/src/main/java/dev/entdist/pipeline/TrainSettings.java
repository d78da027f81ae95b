package dev.entdist.pipeline;

import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.features.FeatureConfig;
import dev.entdist.trainer.TrainerConfig;
import java.util.Objects;

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
 * @param aggregate how the occurrences that name their annotators get their labels before the
 *     regime is applied ({@link Training#aggregate}); {@code null} keeps the labels as read
 */
public record TrainSettings(TrainingRegime regime, TrainerConfig trainer, boolean lambdaAuto,
    FeatureConfig features, AggregationMethod aggregate) {

  /** Rejects missing parts. */
  public TrainSettings {
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(features, "features");
  }

  /** Settings that keep the labels as read. */
  public TrainSettings(
      TrainingRegime regime, TrainerConfig trainer, boolean lambdaAuto, FeatureConfig features) {
    this(regime, trainer, lambdaAuto, features, null);
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
    return new TrainSettings(r, trainer, lambdaAuto, features, aggregate);
  }

  /** A copy with the regime named as on the command line: soft, onehot, smooth:0.1, … */
  public TrainSettings withRegime(String name) {
    return withRegime(TrainingRegime.parse(name));
  }

  /** A copy with other trainer settings. */
  public TrainSettings withTrainer(TrainerConfig t) {
    return new TrainSettings(regime, t, lambdaAuto, features, aggregate);
  }

  /** A copy that chooses λ by cross-validation ({@code true}) or uses the trainer's. */
  public TrainSettings withLambdaAuto(boolean auto) {
    return new TrainSettings(regime, trainer, auto, features, aggregate);
  }

  /** A copy with another feature configuration. */
  public TrainSettings withFeatures(FeatureConfig f) {
    return new TrainSettings(regime, trainer, lambdaAuto, f, aggregate);
  }

  /** A copy that aggregates annotators' answers with {@code method} ({@code null}: labels as read). */
  public TrainSettings withAggregate(AggregationMethod method) {
    return new TrainSettings(regime, trainer, lambdaAuto, features, method);
  }
}
