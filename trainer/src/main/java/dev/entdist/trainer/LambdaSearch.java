package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chooses λ by k-fold cross-validation: for every λ of a grid, train on k−1 folds and measure the
 * weighted mean KL(target ‖ prediction) on the held-out fold; the λ with the lowest mean over
 * folds wins (ties: the larger λ, the simpler model). Rows are assigned to folds by a seeded
 * shuffle; rows that share a group (word) are not kept together.
 *
 * <p>With L-BFGS each fold follows a regularisation path: the grid is fitted from the largest λ
 * down, each fit starting from the previous solution (a warm start: the optimum moves little
 * between neighbouring λ, and the strongly regularised fits are the cheap ones). Folds run in
 * parallel, up to one per thread of the configuration; each fit's result does not depend on the
 * thread count, so neither does the choice. Adam fits each λ from zero.
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
   * @param searchSeconds wall time of the whole search
   */
  public record Result(List<Double> grid, List<Double> heldOutKl, int folds, double chosen,
      double searchSeconds) {}

  /**
   * Runs the search with the training settings of {@code config} (its λ is ignored).
   *
   * @param folds k ≥ 2, at most the number of rows
   * @throws IllegalArgumentException on an empty grid, a negative λ or a bad fold count
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
    for (double lambda : grid) {
      config.withLambda(lambda); // validates
    }
    long start = System.nanoTime();
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
    // descending λ: the path's order
    Integer[] path = new Integer[grid.size()];
    for (int g = 0; g < path.length; g++) {
      path[g] = g;
    }
    Arrays.sort(path, (a, b) -> Double.compare(grid.get(b), grid.get(a)));
    int parallel = Math.min(folds, config.threads());
    TrainerConfig perFold = config.withThreads(Math.max(1, config.threads() / parallel));
    double[][] foldKl = new double[folds][];
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "entdist-lambda-search");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      for (int f = 0; f < folds; f++) {
        int lo = (int) ((long) n * f / folds);
        int hi = (int) ((long) n * (f + 1) / folds);
        futures.add(pool.submit(() -> fold(data, perFold, grid, path, order, lo, hi)));
      }
      for (int f = 0; f < folds; f++) {
        foldKl[f] = futures.get(f).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("λ search interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("λ search failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double[] kl = new double[grid.size()];
    for (int f = 0; f < folds; f++) { // fold order: the sum does not depend on scheduling
      for (int g = 0; g < kl.length; g++) {
        kl[g] += foldKl[f][g] / folds;
      }
    }
    int best = 0;
    for (int g = 1; g < grid.size(); g++) {
      if (kl[g] < kl[best] || (kl[g] == kl[best] && grid.get(g) > grid.get(best))) {
        best = g;
      }
    }
    return new Result(List.copyOf(grid), Arrays.stream(kl).boxed().toList(), folds,
        grid.get(best), (System.nanoTime() - start) / 1e9);
  }

  /** Held-out KL of each λ of the grid for the fold of rows order[lo..hi). */
  private static double[] fold(TrainingData data, TrainerConfig config, List<Double> grid,
      Integer[] path, int[] order, int lo, int hi) {
    int n = data.size();
    int[] test = Arrays.copyOfRange(order, lo, hi);
    int[] train = new int[n - test.length];
    System.arraycopy(order, 0, train, 0, lo);
    System.arraycopy(order, hi, train, lo, n - hi);
    TrainingData trainData = data.subset(train);
    double[] kl = new double[grid.size()];
    double[] warm = null;
    for (int g : path) {
      TrainerConfig c = config.withLambda(grid.get(g));
      SoftmaxModel model;
      if (c.optimizer() == TrainerConfig.Optimizer.LBFGS && !c.precondition()) {
        SoftmaxTrainer.Fit fit = SoftmaxTrainer.fitFrom(trainData, c, warm);
        warm = fit.theta();
        model = fit.model();
      } else {
        model = SoftmaxTrainer.fit(trainData, c).model();
      }
      kl[g] = heldOutKl(data, test, model);
    }
    return kl;
  }

  private static double heldOutKl(TrainingData data, int[] test, SoftmaxModel model) {
    int k = data.numLabels();
    double num = 0;
    double den = 0;
    for (int i : test) {
      double[] p = model.predict(data.features(i), data.group(i));
      num += data.weight(i) * Kernels.klDivergence(data.target(i), 0, p, 0, k);
      den += data.weight(i);
    }
    return den > 0 ? num / den : 0;
  }
}
