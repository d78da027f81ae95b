package dev.entdist.corpora;

import dev.entdist.divergence.LabelRegime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A label regime at corpus level: turns the training occurrences into weighted training rows.
 * Besides the distribution-level regimes of {@link LabelRegime} ({@code soft}, {@code onehot},
 * {@code smooth:ε}, {@code temper:T}, {@code sample}), which map each occurrence on its own, it
 * offers the two that need the corpus: {@code votes} (one hard row per annotator vote) and {@code
 * type-soft} (every occurrence gets its surface form's mean distribution over the training data).
 */
public interface TrainingRegime {

  /** The canonical spelling, e.g. {@code smooth:0.1} or {@code type-soft}. */
  String name();

  /** Whether the regime needs vote counts on every example ({@code votes}). */
  boolean needsVotes();

  /** Whether the regime needs the surface forms of the occurrences ({@code type-soft}). */
  default boolean needsSurfaceForms() {
    return false;
  }

  /** The wrapped distribution-level regime, empty for {@code votes} and {@code type-soft}. */
  default Optional<LabelRegime> labelRegime() {
    return Optional.empty();
  }

  /**
   * The training rows for a training split.
   *
   * @param train the training occurrences (only these: {@code type-soft} computes its per-word
   *     distributions from them)
   * @param labelSpace the model's label columns, sorted; every label of {@code train} is in it
   * @param inventoryMasks lower-cased word → allowed label columns, or {@code null} when every
   *     label is allowed; a word missing from the map is allowed every label
   * @param seed seed of every random choice ({@code sample}); row i uses a seed derived from
   *     (seed, i)
   * @return rows in the order of {@code train}; targets sum to 1 over the allowed labels
   * @throws IllegalArgumentException when an example cannot be used (no votes for {@code votes},
   *     a label outside {@code labelSpace})
   */
  List<WeightedTarget> apply(List<AnnotatedExample> train, List<String> labelSpace,
      Map<String, boolean[]> inventoryMasks, long seed);

  /**
   * Parses a regime spelling: {@code soft}, {@code onehot}, {@code smooth:ε}, {@code temper:T},
   * {@code sample}, {@code votes} or {@code type-soft}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static TrainingRegime parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "votes":
        return new VotesRegime();
      case "type-soft":
      case "typesoft":
        return new TypeSoftRegime();
      default:
        return new DistributionRegime(LabelRegime.parse(spec));
    }
  }

  /** The regime that maps each occurrence's own distribution with {@code regime}. */
  static TrainingRegime of(LabelRegime regime) {
    return new DistributionRegime(regime);
  }

  /**
   * The seed of row {@code index} under {@code seed}: a SplitMix64 mix, so neighbouring rows and
   * neighbouring seeds get unrelated streams.
   */
  static long rowSeed(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
