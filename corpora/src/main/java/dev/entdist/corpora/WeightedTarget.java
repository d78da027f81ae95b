package dev.entdist.corpora;

import java.util.Arrays;
import java.util.Objects;

/**
 * One training row produced by a {@link TrainingRegime}: the occurrence whose features it uses,
 * the target distribution over the label space, and the row's weight in the objective.
 *
 * @param example the occurrence (its features are the row's input)
 * @param target the target distribution over the label space (copied in and out)
 * @param weight the row's weight, finite and ≥ 0
 */
public record WeightedTarget(AnnotatedExample example, double[] target, double weight) {

  /** Validates the weight and copies the target. */
  public WeightedTarget {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(target, "target");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
    }
    target = target.clone();
  }

  /** A copy of the target distribution over the label space. */
  @Override
  public double[] target() {
    return target.clone();
  }

  /** The target probability of label column {@code j}, without copying. */
  public double target(int j) {
    return target[j];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightedTarget w && example.equals(w.example)
        && Arrays.equals(target, w.target) && Double.compare(weight, w.weight) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(example, Arrays.hashCode(target), weight);
  }

  @Override
  public String toString() {
    return "WeightedTarget[" + example.id() + ", " + Arrays.toString(target) + ", " + weight + "]";
  }
}
