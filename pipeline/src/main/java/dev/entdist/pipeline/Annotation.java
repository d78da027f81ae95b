package dev.entdist.pipeline;

import dev.entdist.divergence.Distribution;
import dev.entdist.divergence.Divergences;
import java.util.Map;
import java.util.Objects;

/**
 * One occurrence of a word found in a text, with the model's distribution for it in that text.
 *
 * @param start first code point of the occurrence in the text
 * @param end one past its last code point
 * @param surface the text of the occurrence ("Cells")
 * @param word the word it matched (lower-cased: "cell"), directly or through its lemma
 * @param knownWord whether the model saw the word in training
 * @param distribution the in-context distribution over the model's labels, in label order
 */
public record Annotation(int start, int end, String surface, String word, boolean knownWord,
    Distribution distribution) {

  /** Rejects a bad span or missing parts. */
  public Annotation {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
    Objects.requireNonNull(surface, "surface");
    Objects.requireNonNull(word, "word");
    Objects.requireNonNull(distribution, "distribution");
  }

  /** The entropy of the distribution in nats. */
  public double entropy() {
    return Divergences.entropy(distribution);
  }

  /** The most probable label (ties: the first in label order). */
  public String top() {
    return distribution.name(distribution.argmax());
  }

  /** Label → probability, most probable first (ties in label order). */
  public Map<String, Double> sortedDescending() {
    return WordDistribution.sortedDescending(distribution);
  }
}
