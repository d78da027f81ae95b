package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses λ by k-fold cross-validation: for every λ of a grid, train on k−1 folds and measure the
 * weighted mean KL(target ‖ prediction) on the held-out fold; the λ with the lowest mean over
 * folds wins (ties: the larger λ, the simpler model). Rows are assigned to folds by a seeded
 * shuffle; rows that share a group (word) are not kept together.
 */
public final class LambdaSearch {

  /** The default grid: 1e-6 … 1e-1, one value per decade. */
  public static final List<Double> DEFAULT_GRID = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1);

  private LambdaSearch() {}

  /**
   * The outcome of a search.
   *
   * @param grid the λ values tried, in the given order
   * @param heldOutKl mean held-out KL for each λ of the grid
   * @param folds number of folds
   * @param chosen the λ with the lowest held-out KL
   */
  public record Result(List<Double> grid, List<Double> heldOutKl, int folds, double chosen) {}

  /**
   * Runs the search with the training settings of {@code config} (its λ is ignored).
   *
   * @param folds k ≥ 2, at most the number of rows
   * @throws IllegalArgumentException on an empty grid or a bad fold count
   */
  public static Result search(TrainingData data, TrainerConfig config, List<Double> grid,
      int folds) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("empty λ grid");
    }
    if (folds < 2 || folds > data.size()) {
      throw new IllegalArgumentException("folds = " + folds + ": need 2 <= folds <= "
          + data.size());
    }
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] kl = new double[grid.size()];
    int k = data.numLabels();
    for (int f = 0; f < folds; f++) {
      int lo = (int) ((long) n * f / folds);
      int hi = (int) ((long) n * (f + 1) / folds);
      int[] test = Arrays.copyOfRange(order, lo, hi);
      int[] train = new int[n - test.length];
      System.arraycopy(order, 0, train, 0, lo);
      System.arraycopy(order, hi, train, lo, n - hi);
      TrainingData trainData = data.subset(train);
      for (int g = 0; g < grid.size(); g++) {
        SoftmaxModel model =
            SoftmaxTrainer.fit(trainData, config.withLambda(grid.get(g))).model();
        double num = 0;
        double den = 0;
        for (int i : test) {
          double[] p = model.predict(data.features(i), data.group(i));
          num += data.weight(i) * Kernels.klDivergence(data.target(i), 0, p, 0, k);
          den += data.weight(i);
        }
        kl[g] += (den > 0 ? num / den : 0) / folds;
      }
    }
    int best = 0;
    for (int g = 1; g < grid.size(); g++) {
      if (kl[g] < kl[best] || (kl[g] == kl[best] && grid.get(g) > grid.get(best))) {
        best = g;
      }
    }
    return new Result(List.copyOf(grid), Arrays.stream(kl).boxed().toList(), folds,
        grid.get(best));
  }
}
