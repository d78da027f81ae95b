package dev.entdist.features;

/** Receives the string features a generator emits; each call adds 1 to that feature. */
@FunctionalInterface
interface FeatureSink {

  /** Adds one occurrence of {@code feature}. */
  void add(String feature);
}
