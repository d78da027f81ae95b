package dev.entdist.features;

/**
 * One feature of an occurrence, readable: its string, the vector index it maps to and the value
 * it contributes there (±1 per occurrence with signed hashing; the sign says which).
 *
 * @param name the feature string, e.g. {@code w[-1]=the}
 * @param index the vector index, or −1 when a vocabulary does not hold the feature
 * @param value the contribution to that index (0 when dropped)
 */
public record ExplainedFeature(String name, int index, double value) {

  /** {@code name -> index (value)}, or {@code name (not in vocabulary)}. */
  @Override
  public String toString() {
    if (index < 0) {
      return name + " (not in vocabulary)";
    }
    return name + " -> " + index + " (" + (value > 0 ? "+" : "") + value + ")";
  }
}
