package dev.entdist.pipeline;

import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.features.FeatureConfig;
import dev.entdist.trainer.PairedBootstrap;
import dev.entdist.trainer.TrainerConfig;
import java.util.List;
import java.util.Objects;

/**
 * What a comparison of label regimes does; {@link #defaults()} are {@code entdist compare}'s.
 *
 * @param regimes the regimes trained on the same split (default soft, onehot)
 * @param words words to report; empty for every word with at least {@value
 *     Comparison#MIN_HELD_OUT} held-out occurrences, at most {@value Comparison#MAX_WORDS}, most
 *     frequent first
 * @param testFraction share of sentences held out (default 0.2)
 * @param seed seed of the split and of seeded regimes (default 1)
 * @param repeats splits drawn with seeds seed, seed + 1, … (default 1)
 * @param trainer trainer settings shared by every regime
 * @param features the text features
 * @param calibrate whether each regime is also shown calibrated: a temperature fitted on a
 *     held-out fifth of the training sentences (never on the test occurrences)
 * @param bootstrap how the first split's held-out sentences are resampled for intervals and
 *     paired differences ({@code null}: none)
 * @param aggregations when not empty, every regime is trained once per method on the labels it
 *     gives the occurrences that name their annotators (columns named {@code method/regime});
 *     the held-out references stay the labels as read
 */
public record CompareSettings(List<TrainingRegime> regimes, List<String> words,
    double testFraction, long seed, int repeats, TrainerConfig trainer, FeatureConfig features,
    boolean calibrate, PairedBootstrap.Settings bootstrap, List<AggregationMethod> aggregations) {

  /**
   * Settings without calibration or aggregation, with the default bootstrap (1,000 resamples,
   * this seed).
   */
  public CompareSettings(List<TrainingRegime> regimes, List<String> words, double testFraction,
      long seed, int repeats, TrainerConfig trainer, FeatureConfig features) {
    this(regimes, words, testFraction, seed, repeats, trainer, features, false,
        PairedBootstrap.Settings.defaults().withSeed(seed), List.of());
  }

  /** Validates every field. */
  public CompareSettings {
    regimes = List.copyOf(regimes);
    words = List.copyOf(words);
    aggregations = List.copyOf(aggregations);
    if (regimes.isEmpty()) {
      throw new IllegalArgumentException("no regimes to compare");
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("the test fraction must be between 0 and 1, got "
          + testFraction);
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
    }
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(features, "features");
  }

  /**
   * The fixed λ of a comparison, which fits several regimes on one or more splits without a
   * search: with the default features it beats 1e-4 on every corpus of docs/evaluation.md, and
   * the fits converge under the default iteration cap.
   */
  public static final double DEFAULT_LAMBDA = 3e-4;

  /**
   * soft against onehot, default words, 20 % held out, seed 1, one split, the default trainer
   * with λ = {@value #DEFAULT_LAMBDA}.
   */
  public static CompareSettings defaults() {
    return new CompareSettings(
        List.of(TrainingRegime.parse("soft"), TrainingRegime.parse("onehot")), List.of(), 0.2,
        1L, 1, TrainerConfig.defaults().withLambda(DEFAULT_LAMBDA), FeatureConfig.defaults());
  }

  /** A copy with other regimes. */
  public CompareSettings withRegimes(List<TrainingRegime> r) {
    return new CompareSettings(r, words, testFraction, seed, repeats, trainer, features,
        calibrate, bootstrap, aggregations);
  }

  /** A copy reporting these words. */
  public CompareSettings withWords(List<String> w) {
    return new CompareSettings(regimes, w, testFraction, seed, repeats, trainer, features,
        calibrate, bootstrap, aggregations);
  }

  /** A copy with another held-out share. */
  public CompareSettings withTestFraction(double f) {
    return new CompareSettings(regimes, words, f, seed, repeats, trainer, features,
        calibrate, bootstrap, aggregations);
  }

  /** A copy with another seed. */
  public CompareSettings withSeed(long s) {
    return new CompareSettings(regimes, words, testFraction, s, repeats, trainer, features,
        calibrate, bootstrap, aggregations);
  }

  /** A copy with another number of splits. */
  public CompareSettings withRepeats(int r) {
    return new CompareSettings(regimes, words, testFraction, seed, r, trainer, features,
        calibrate, bootstrap, aggregations);
  }

  /** A copy with other trainer settings. */
  public CompareSettings withTrainer(TrainerConfig t) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, t, features,
        calibrate, bootstrap, aggregations);
  }

  /** A copy with other text features. */
  public CompareSettings withFeatures(FeatureConfig f) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, trainer, f,
        calibrate, bootstrap, aggregations);
  }

  /** A copy that also shows each regime calibrated ({@code true}) or not. */
  public CompareSettings withCalibrate(boolean c) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, trainer, features,
        c, bootstrap, aggregations);
  }

  /** A copy with another bootstrap ({@code null}: no intervals). */
  public CompareSettings withBootstrap(PairedBootstrap.Settings b) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, trainer, features,
        calibrate, b, aggregations);
  }

  /** A copy that compares the regimes under each of these aggregations (empty: none). */
  public CompareSettings withAggregations(List<AggregationMethod> a) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, trainer, features,
        calibrate, bootstrap, a);
  }
}
