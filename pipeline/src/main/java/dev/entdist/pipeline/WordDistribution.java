package dev.entdist.pipeline;

import dev.entdist.divergence.Distribution;
import dev.entdist.divergence.Divergences;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's answer about one word: its distribution over the model's labels, alone (the stored
 * type-level distribution, or for a word the model never saw, the prediction from the word's own
 * features) or in a context.
 *
 * @param word the word as asked
 * @param context the sentence it was read in, or {@code null} for the word alone
 * @param occurrence which occurrence of the word in the context (1-based), 0 without context
 * @param surface the form that matched in the context ("cells" for cell), or the word itself
 * @param knownWord whether the model saw the word in training; {@code false} when answered from
 *     the word's own features
 * @param distribution the distribution over the model's labels, in label order
 */
public record WordDistribution(String word, String context, int occurrence, String surface,
    boolean knownWord, Distribution distribution) {

  /** Rejects missing parts. */
  public WordDistribution {
    Objects.requireNonNull(word, "word");
    Objects.requireNonNull(surface, "surface");
    Objects.requireNonNull(distribution, "distribution");
  }

  /** The entropy of the distribution in nats. */
  public double entropy() {
    return Divergences.entropy(distribution);
  }

  /** The model's labels, in their sorted order. */
  public List<String> labels() {
    return distribution.names();
  }

  /** The probability of {@code label}. */
  public double probability(String label) {
    int i = labels().indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("the model has no label '" + label + "'");
    }
    return distribution.get(i);
  }

  /** The label with the highest probability (ties: the first in label order). */
  public String top() {
    return distribution.name(distribution.argmax());
  }

  /** Label → probability, most probable first (ties in label order). */
  public Map<String, Double> sortedDescending() {
    return sortedDescending(distribution);
  }

  /** Label → probability of {@code d}, most probable first (ties in label order). */
  static Map<String, Double> sortedDescending(Distribution d) {
    Integer[] order = new Integer[d.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -d.get(i))
        .thenComparingInt(i -> i));
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i : order) {
      out.put(d.name(i), d.get(i));
    }
    return out;
  }
}
