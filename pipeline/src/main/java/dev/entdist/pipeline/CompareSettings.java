package dev.entdist.pipeline;

import dev.entdist.corpora.TrainingRegime;
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
 */
public record CompareSettings(List<TrainingRegime> regimes, List<String> words,
    double testFraction, long seed, int repeats, TrainerConfig trainer, FeatureConfig features,
    boolean calibrate, PairedBootstrap.Settings bootstrap) {

  /** Settings without calibration, with the default bootstrap (1,000 resamples, this seed). */
  public CompareSettings(List<TrainingRegime> regimes, List<String> words, double testFraction,
      long seed, int repeats, TrainerConfig trainer, FeatureConfig features) {
    this(regimes, words, testFraction, seed, repeats, trainer, features, false,
        PairedBootstrap.Settings.defaults().withSeed(seed));
  }

  /** Validates every field. */
  public CompareSettings {
    regimes = List.copyOf(regimes);
    words = List.copyOf(words);
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

  /** soft against onehot, default words, 20 % held out, seed 1, one split, default trainer. */
  public static CompareSettings defaults() {
    return new CompareSettings(
        List.of(TrainingRegime.parse("soft"), TrainingRegime.parse("onehot")), List.of(), 0.2,
        1L, 1, TrainerConfig.defaults(), FeatureConfig.defaults());
  }

  /** A copy with other regimes. */
  public CompareSettings withRegimes(List<TrainingRegime> r) {
    return new CompareSettings(r, words, testFraction, seed, repeats, trainer, features,
        calibrate, bootstrap);
  }

  /** A copy reporting these words. */
  public CompareSettings withWords(List<String> w) {
    return new CompareSettings(regimes, w, testFraction, seed, repeats, trainer, features,
        calibrate, bootstrap);
  }

  /** A copy with another held-out share. */
  public CompareSettings withTestFraction(double f) {
    return new CompareSettings(regimes, words, f, seed, repeats, trainer, features,
        calibrate, bootstrap);
  }

  /** A copy with another seed. */
  public CompareSettings withSeed(long s) {
    return new CompareSettings(regimes, words, testFraction, s, repeats, trainer, features,
        calibrate, bootstrap);
  }

  /** A copy with another number of splits. */
  public CompareSettings withRepeats(int r) {
    return new CompareSettings(regimes, words, testFraction, seed, r, trainer, features,
        calibrate, bootstrap);
  }

  /** A copy with other trainer settings. */
  public CompareSettings withTrainer(TrainerConfig t) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, t, features,
        calibrate, bootstrap);
  }

  /** A copy with other text features. */
  public CompareSettings withFeatures(FeatureConfig f) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, trainer, f,
        calibrate, bootstrap);
  }

  /** A copy that also shows each regime calibrated ({@code true}) or not. */
  public CompareSettings withCalibrate(boolean c) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, trainer, features,
        c, bootstrap);
  }

  /** A copy with another bootstrap ({@code null}: no intervals). */
  public CompareSettings withBootstrap(PairedBootstrap.Settings b) {
    return new CompareSettings(regimes, words, testFraction, seed, repeats, trainer, features,
        calibrate, b);
  }
}
