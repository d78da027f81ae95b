package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chooses λ by k-fold cross-validation: for every λ of a grid, train on k−1 folds and measure the
 * weighted mean KL(target ‖ prediction) on the held-out fold; the λ with the lowest mean over
 * folds wins (ties: the larger λ, the simpler model). Folds are made of whole groups (the
 * caller's, for example the sentence each row comes from, so that occurrences sharing a context
 * never sit on both sides), shuffled with the configuration's seed; without groups every row is
 * its own group.
 *
 * <p>With L-BFGS the search is a regularisation path: the grid is fitted from the largest λ down,
 * each fold's fit starting from that fold's solution at the previous λ (a warm start: the optimum
 * moves little between neighbouring λ, and the strongly regularised fits are the cheap ones).
 * The path stops as soon as the mean held-out KL rises ({@link #PATIENCE} = 1: past that point
 * the weakly regularised fits are both the most expensive and overfitting); a λ the path did not
 * reach has a held-out KL of NaN and is never chosen. The search's fits stop at max |∂L/∂θ| ≤
 * max(tol, {@value #SEARCH_TOL}), when the objective fell by at most {@value
 * #SEARCH_RELATIVE_DECREASE} of itself over five iterations, or after {@value #SEARCH_MAX_ITER}
 * iterations: the search needs the held-out KL to a few digits, not the optimum's last digits.
 * This is a budget, not an exact cross-validation: the test compares its choice with cold fits to
 * convergence of every λ on every fold. The folds of one λ run side by side when that uses the
 * threads better than one fold at a time on all of them; each fit's result does not depend on
 * the thread count, so neither does the choice. The folds' solutions at the chosen λ, averaged,
 * are the {@link Result#start() starting point} of the final fit on all rows. Adam fits each λ
 * from zero on the whole grid.
 */
public final class LambdaSearch {

  /**
   * The default grid: 1e-6 … 1e-1, two values per decade (1 and 3): on held-out data the best λ
   * often sits between decades (3e-4 on three of four corpora in docs/evaluation.md), and along
   * a warm-started path the extra, nearer steps are cheap.
   */
  public static final List<Double> DEFAULT_GRID = List.of(1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4,
      1e-3, 3e-3, 1e-2, 3e-2, 1e-1);

  /** Rises of the mean held-out KL in a row after which the path stops. */
  public static final int PATIENCE = 1;

  /** The gradient tolerance of the search's fits when the configuration's is tighter. */
  public static final double SEARCH_TOL = 1e-5;

  /**
   * The search's fits also stop when the objective fell by at most this fraction of itself over
   * the last five iterations.
   */
  public static final double SEARCH_RELATIVE_DECREASE = 1e-6;

  /**
   * The iteration cap of each of the search's L-BFGS fits (at most the configuration's): along a
   * warm-started path each fit starts near its optimum, and the search needs the held-out KL,
   * not the optimum.
   */
  public static final int SEARCH_MAX_ITER = 30;

  private LambdaSearch() {}

  /**
   * The outcome of a search.
   *
   * @param grid the λ values tried, in the given order
   * @param heldOutKl mean held-out KL for each λ of the grid; NaN for a λ the path did not reach
   * @param folds number of folds
   * @param chosen the λ with the lowest held-out KL
   * @param searchSeconds wall time of the whole search
   * @param start where a final fit at {@code chosen} on all rows can start (the folds' solutions
   *     averaged), or {@code null} when the search did not follow a path (Adam, preconditioning)
   */
  public record Result(List<Double> grid, List<Double> heldOutKl, int folds, double chosen,
      double searchSeconds, WarmStart start) {}

  /**
   * {@link #search(TrainingData, TrainerConfig, List, int, int[])} with every row its own group.
   */
  public static Result search(TrainingData data, TrainerConfig config, List<Double> grid,
      int folds) {
    return search(data, config, grid, folds, null);
  }

  /**
   * Runs the search with the training settings of {@code config} (its λ is ignored).
   *
   * @param folds k ≥ 2, at most the number of groups
   * @param groups row i's group (rows of a group share a fold), or {@code null} for one group a
   *     row
   * @throws IllegalArgumentException on an empty grid, a negative λ, a bad fold count or groups
   *     of the wrong length
   */
  public static Result search(TrainingData data, TrainerConfig config, List<Double> grid,
      int folds, int[] groups) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("empty λ grid");
    }
    for (double lambda : grid) {
      config.withLambda(lambda); // validates
    }
    long start = System.nanoTime();
    int[] foldOf = assignFolds(data.size(), groups, folds, config.seed());
    // descending λ: the path's order
    Integer[] path = new Integer[grid.size()];
    for (int g = 0; g < path.length; g++) {
      path[g] = g;
    }
    Arrays.sort(path, (a, b) -> Double.compare(grid.get(b), grid.get(a)));
    boolean warm = config.optimizer() == TrainerConfig.Optimizer.LBFGS && !config.precondition();
    int parallel = sideBySide(folds, config.threads());
    TrainerConfig perFold = config.withThreads(Math.max(1, config.threads() / parallel))
        .withTol(Math.max(config.tol(), SEARCH_TOL))
        .withMaxIter(warm ? Math.min(config.maxIter(), SEARCH_MAX_ITER) : config.maxIter());
    Fold[] parts = new Fold[folds];
    for (int f = 0; f < folds; f++) {
      parts[f] = new Fold(data, foldOf, f,
          config.inventory() == TrainerConfig.InventoryMode.RESTRICT, warm);
    }
    double[] kl = new double[grid.size()];
    Arrays.fill(kl, Double.NaN);
    SoftmaxModel[] best = new SoftmaxModel[folds];
    int bestG = -1;
    int rises = 0;
    double previous = Double.POSITIVE_INFINITY;
    ExecutorService pool = parallel > 1 ? Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "entdist-lambda-search");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      for (int g : path) {
        TrainerConfig c = perFold.withLambda(grid.get(g));
        double[] foldKl = new double[folds];
        SoftmaxModel[] models = new SoftmaxModel[folds];
        List<Future<?>> futures = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
          int fold = f;
          Runnable step = () -> {
            models[fold] = parts[fold].fit(c, warm);
            foldKl[fold] = parts[fold].heldOutKl(data, models[fold]);
          };
          if (pool == null) {
            step.run();
          } else {
            futures.add(pool.submit(step));
          }
        }
        for (Future<?> fu : futures) {
          fu.get();
        }
        double mean = 0;
        for (int f = 0; f < folds; f++) { // fold order: the sum does not depend on scheduling
          mean += foldKl[f] / folds;
        }
        kl[g] = mean;
        if (bestG < 0 || mean < kl[bestG]) { // strict: ties keep the larger λ
          bestG = g;
          System.arraycopy(models, 0, best, 0, folds);
        }
        rises = mean > previous ? rises + 1 : 0;
        previous = mean;
        if (warm && rises >= PATIENCE) {
          break;
        }
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
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (bestG < 0 || Double.isNaN(kl[bestG])) {
      throw new IllegalStateException("no λ of the grid has a held-out KL on every fold");
    }
    return new Result(List.copyOf(grid), Arrays.stream(kl).boxed().toList(), folds,
        grid.get(bestG), (System.nanoTime() - start) / 1e9,
        warm ? WarmStart.average(List.of(best)) : null);
  }

  /**
   * How many folds run side by side on {@code threads} threads: the count p that minimises the
   * rounds ⌈folds / p⌉ times the time of one fit on ⌊threads / p⌋ threads, taken as t^−0.85 on
   * t threads (one fit's passes do not scale perfectly; separate fits do); ties go to fewer at
   * once, which needs less memory. Two threads run three folds one after another, four side by
   * side in pairs.
   */
  static int sideBySide(int folds, int threads) {
    int best = 1;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int p = 1; p <= Math.min(folds, threads); p++) {
      double cost = Math.ceil((double) folds / p) / Math.pow(threads / p, 0.85);
      if (cost < bestCost - 1e-12) {
        best = p;
        bestCost = cost;
      }
    }
    return best;
  }

  /**
   * Row i's fold: the groups (first appearance order) are shuffled with {@code seed} and laid
   * out one after another; a group goes to the fold its first row's position falls in when the
   * rows are cut into {@code folds} equal parts. With one group a row this is a seeded shuffle of
   * the rows cut into contiguous parts.
   */
  static int[] assignFolds(int n, int[] groups, int folds, long seed) {
    if (groups != null && groups.length != n) {
      throw new IllegalArgumentException("groups has " + groups.length + " entries for " + n
          + " rows");
    }
    int[] groupOf = new int[n];
    List<Integer> sizes = new ArrayList<>();
    Map<Integer, Integer> dense = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int key = groups == null ? i : groups[i];
      Integer id = dense.get(key);
      if (id == null) {
        id = sizes.size();
        dense.put(key, id);
        sizes.add(0);
      }
      groupOf[i] = id;
      sizes.set(id, sizes.get(id) + 1);
    }
    int count = sizes.size();
    if (folds < 2 || folds > count) {
      throw new IllegalArgumentException("folds = " + folds + ": need 2 <= folds <= " + count
          + (groups == null ? " (rows)" : " (groups)"));
    }
    int[] order = Permutations.shuffled(count, new SplittableRandom(seed));
    int[] foldOfGroup = new int[count];
    long position = 0;
    for (int q = 0; q < count; q++) {
      int group = order[q];
      int f = 0; // the fold whose rows [⌊n·f/k⌋, ⌊n·(f+1)/k⌋) hold this position
      while (f + 1 < folds && (long) n * (f + 1) / folds <= position) {
        f++;
      }
      foldOfGroup[group] = f;
      position += sizes.get(group);
    }
    int[] foldOf = new int[n];
    int[] rows = new int[folds];
    for (int i = 0; i < n; i++) {
      foldOf[i] = foldOfGroup[groupOf[i]];
      rows[foldOf[i]]++;
    }
    for (int f = 0; f < folds; f++) {
      if (rows[f] == 0 || rows[f] == n) {
        throw new IllegalArgumentException("fold " + f + " of " + folds + " has " + rows[f]
            + " of " + n + " rows: the groups are too uneven for " + folds + " folds");
      }
    }
    return foldOf;
  }

  /**
   * One fold: its training rows (for the path, as a problem built once), its held-out rows, its
   * path's θ.
   */
  private static final class Fold {
    final TrainingData train;
    final int[] test;
    final CompactProblem problem;
    double[] theta;

    Fold(TrainingData data, int[] foldOf, int fold, boolean restrict, boolean warm) {
      int n = data.size();
      int held = 0;
      for (int i = 0; i < n; i++) {
        held += foldOf[i] == fold ? 1 : 0;
      }
      test = new int[held];
      int[] rest = new int[n - held];
      for (int i = 0, a = 0, b = 0; i < n; i++) {
        if (foldOf[i] == fold) {
          test[a++] = i;
        } else {
          rest[b++] = i;
        }
      }
      train = data.subset(rest);
      problem = warm ? new CompactProblem(train, restrict) : null; // cold fits build their own
    }

    SoftmaxModel fit(TrainerConfig config, boolean warm) {
      if (!warm) {
        return SoftmaxTrainer.fit(train, config).model();
      }
      SoftmaxTrainer.Fit fit = SoftmaxTrainer.fitFrom(problem, train, config, theta,
          SEARCH_RELATIVE_DECREASE);
      theta = fit.theta();
      return fit.model();
    }

    double heldOutKl(TrainingData data, SoftmaxModel model) {
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
}
