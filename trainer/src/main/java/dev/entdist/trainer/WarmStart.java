package dev.entdist.trainer;

import java.util.List;

/**
 * Where an L-BFGS fit starts instead of zero: the average of some models' weights and biases
 * over the same labels (for example the λ search's fold models at the chosen λ). A feature a
 * model never saw counts as 0 in its average; a fit over features none of them saw starts those
 * at 0. The optimum does not depend on the start (the objective is strictly convex for λ &gt; 0);
 * a start near it saves iterations.
 */
public final class WarmStart {

  private final List<SoftmaxModel> models;

  private WarmStart(List<SoftmaxModel> models) {
    this.models = models;
  }

  /**
   * The average of {@code models}.
   *
   * @throws IllegalArgumentException when there are none or their labels differ
   */
  public static WarmStart average(List<SoftmaxModel> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("a warm start needs at least one model");
    }
    for (SoftmaxModel m : models) {
      if (!m.labels().equals(models.get(0).labels())) {
        throw new IllegalArgumentException("the models of a warm start have different labels: "
            + models.get(0).labels() + " and " + m.labels());
      }
    }
    return new WarmStart(List.copyOf(models));
  }

  /** The labels of the models. */
  public List<String> labels() {
    return models.get(0).labels();
  }

  /** θ in {@code p}'s layout (slots a layout does not have are dropped). */
  double[] theta(CompactProblem p) {
    int k = p.k;
    double[] dense = new double[p.f * k];
    double[] bias = new double[k];
    double share = 1.0 / models.size();
    for (SoftmaxModel m : models) {
      for (int c = 0; c < p.f; c++) {
        int id = p.index.id(c);
        for (int j = 0; j < k; j++) {
          dense[c * k + j] += share * m.weight(id, j);
        }
      }
      for (int j = 0; j < k; j++) {
        bias[j] += share * m.bias(j);
      }
    }
    return p.layout.compact(dense, bias);
  }
}
