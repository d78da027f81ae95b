package dev.entdist.trainer;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link SoftmaxModel} to {@link TrainingData} by minimising the objective of the design
 * (weighted mean KL to the targets plus (λ/2)·‖W‖², bias unpenalised) from W = 0, b = 0, with
 * L-BFGS (full batch, stopping at max |∂L/∂θ| ≤ tol or the iteration cap: {@link Lbfgs}, or
 * Smile's with preconditioning) or minibatch Adam. Parameters exist only for the features that occur in the data.
 *
 * <p>Smile logs each L-BFGS iteration at INFO through slf4j logger {@code smile.math.BFGS};
 * applications that bind slf4j should set that logger to WARN.
 */
public final class SoftmaxTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(SoftmaxTrainer.class);

  private SoftmaxTrainer() {}

  /** {@link #fit(TrainingData, TrainerConfig, ProgressListener)} without progress reports. */
  public static TrainingResult fit(TrainingData data, TrainerConfig config) {
    return fit(data, config, ProgressListener.NONE);
  }

  /**
   * Trains a model.
   *
   * @param data the examples (at least one)
   * @param config how to train
   * @param listener receives one report per L-BFGS iteration or Adam epoch
   * @throws IllegalArgumentException if the data is empty
   * @throws TrainingDivergedException if the objective or a parameter became NaN or infinite, or
   *     the fit ended at an objective above twice that of the untrained model
   * @throws InsufficientMemoryException if the fit would need more memory than the heap has
   *     (checked before the large arrays are allocated)
   */
  public static TrainingResult fit(TrainingData data, TrainerConfig config,
      ProgressListener listener) {
    return fit(data, config, listener, false, MemoryEstimate.availableHeap(), null);
  }

  /**
   * {@link #fit(TrainingData, TrainerConfig, ProgressListener)} starting from {@code start}
   * instead of zero (own L-BFGS only: Adam, Smile's L-BFGS and preconditioning start from zero).
   * The optimum is the same; a start near it saves iterations.
   *
   * @param start a warm start over the data's labels, or {@code null} for zero
   * @throws IllegalArgumentException if the start's labels are not the data's
   */
  public static TrainingResult fit(TrainingData data, TrainerConfig config,
      ProgressListener listener, WarmStart start) {
    if (start != null && !start.labels().equals(data.labels())) {
      throw new IllegalArgumentException("the warm start's labels " + start.labels()
          + " are not the data's " + data.labels());
    }
    return fit(data, config, listener, false, MemoryEstimate.availableHeap(), start);
  }

  /**
   * {@link #fit(TrainingData, TrainerConfig, ProgressListener)} with the heap taken to have
   * {@code availableBytes} free.
   *
   * @throws InsufficientMemoryException when the fit's estimated need exceeds it
   */
  static TrainingResult fit(TrainingData data, TrainerConfig config,
      ProgressListener listener, long availableBytes) {
    return fit(data, config, listener, false, availableBytes, null);
  }

  /**
   * {@link #fit(TrainingData, TrainerConfig, ProgressListener)}, with Smile's L-BFGS instead of
   * {@link Lbfgs} when {@code smile} is set (the comparison tests and benchmarks use it;
   * preconditioning always runs on Smile's).
   */
  static TrainingResult fit(TrainingData data, TrainerConfig config, ProgressListener listener,
      boolean smile) {
    return fit(data, config, listener, smile, MemoryEstimate.availableHeap(), null);
  }

  private static TrainingResult fit(TrainingData data, TrainerConfig config,
      ProgressListener listener, boolean smile, long availableBytes, WarmStart warmStart) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    CompactProblem problem = new CompactProblem(data, restrict);
    LOG.debug("training on {} rows, {} seen features, {} labels, {} parameters", problem.n,
        problem.f, problem.k, problem.parameters());
    MemoryEstimate.check(problem, config, availableBytes);
    long start = System.nanoTime();
    LbfgsAdapter.Outcome out;
    try (KlObjective objective = new KlObjective(problem, config.lambda(), config.threads())) {
      if (config.optimizer() == TrainerConfig.Optimizer.LBFGS) {
        if (smile || config.precondition()) {
          out = new LbfgsAdapter(objective, config.precondition(), config.tol(),
              config.maxIter(), listener).minimize(config.lbfgsMemory());
        } else {
          out = new Lbfgs(objective, config.lbfgsMemory(), config.tol(), config.maxIter(),
              listener).minimize(warmStart != null ? warmStart.theta(problem)
                  : new double[problem.parameters()]);
        }
      } else {
        out = AdamOptimizer.run(objective, config, listener);
      }
    }
    requireFinite(out, config);
    requireNoWorseThanTheStart(out, config, problem);
    double seconds = (System.nanoTime() - start) / 1e9;
    FitStats stats = new FitStats(config.optimizer(), out.iterations(), out.evaluations(),
        out.objective(), out.gradientMax(), seconds, out.converged(), problem.n, problem.f,
        problem.k, config.lambda());
    LOG.debug("fit finished: {}", stats);
    return new TrainingResult(buildModel(data, config, problem, out.theta(), stats), stats);
  }

  /** A model without word summaries and the parameters it was built from (for warm starts). */
  record Fit(SoftmaxModel model, double[] theta) {}

  /**
   * An L-BFGS fit from {@code start} (the θ of an earlier fit on the same data, or {@code null}
   * for zero), without word summaries: one step of a regularisation path. It also stops when
   * the objective fell by at most {@code relativeDecrease}·|f| over the last iterations (0 = off).
   */
  static Fit fitFrom(TrainingData data, TrainerConfig config, double[] start,
      double relativeDecrease) {
    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    return fitFrom(new CompactProblem(data, restrict), data, config, start, relativeDecrease);
  }

  /** {@link #fitFrom(TrainingData, TrainerConfig, double[], double)} on {@code data}'s problem. */
  static Fit fitFrom(CompactProblem problem, TrainingData data, TrainerConfig config,
      double[] start, double relativeDecrease) {
    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    long t0 = System.nanoTime();
    LbfgsAdapter.Outcome out;
    try (KlObjective objective = new KlObjective(problem, config.lambda(), config.threads())) {
      out = new Lbfgs(objective, config.lbfgsMemory(), config.tol(), config.maxIter(),
          ProgressListener.NONE, relativeDecrease).minimize(
              start != null ? start : new double[problem.parameters()]);
    }
    requireFinite(out, config);
    FitStats stats = new FitStats(config.optimizer(), out.iterations(), out.evaluations(),
        out.objective(), out.gradientMax(), (System.nanoTime() - t0) / 1e9, out.converged(),
        problem.n, problem.f, problem.k, config.lambda());
    int wEnd = problem.layout.weights;
    SoftmaxModel model = new SoftmaxModel(data.labels(), problem.index,
        problem.layout.expand(out.theta()),
        Arrays.copyOfRange(out.theta(), wEnd, wEnd + problem.k),
        data.inventories(), restrict, config.delta(), null, Map.of(),
        Provenance.ofFit(config, stats));
    return new Fit(model, out.theta());
  }

  /** A NaN or infinite objective or parameter means the run diverged: no model comes of it. */
  static void requireFinite(LbfgsAdapter.Outcome out, TrainerConfig config) {
    boolean finite = Double.isFinite(out.objective());
    for (double v : out.theta()) {
      finite &= Double.isFinite(v);
    }
    if (!finite) {
      throw new TrainingDivergedException(config.optimizer().name().toLowerCase(
          java.util.Locale.ROOT) + " diverged after " + out.iterations() + " iterations (the"
          + " objective is " + out.objective() + ", lambda " + config.lambda() + "): lower the"
          + " learning rate or lambda, or scale the features; no model was produced");
    }
  }

  /**
   * The objective at the start (all weights and biases 0, so every prediction is uniform over the
   * labels or the inventory) is Σ w·(Σ y·log y + log K). A fit that ends well above it has
   * diverged even though its numbers are finite (Adam with a huge learning rate): no model.
   */
  private static void requireNoWorseThanTheStart(LbfgsAdapter.Outcome out, TrainerConfig config,
      CompactProblem p) {
    requireNoWorseThanTheStart(out, config, untrainedObjective(p));
  }

  /** The objective at θ = 0: each row's KL to the uniform distribution over its labels. */
  private static double untrainedObjective(CompactProblem p) {
    double start = 0;
    for (int i = 0; i < p.n; i++) {
      int size = p.k;
      if (p.maskOf[i] >= 0) {
        size = 0;
        for (boolean allowed : p.masks[p.maskOf[i]]) {
          size += allowed ? 1 : 0;
        }
      }
      start += p.normWeights[i] * (p.negEntropy[i] + Math.log(size));
    }
    return start;
  }

  /** {@code start} is the objective at θ = 0. */
  static void requireNoWorseThanTheStart(LbfgsAdapter.Outcome out, TrainerConfig config,
      double start) {
    if (out.objective() > 2 * start + 1e-6) {
      throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
          "%s diverged: it ended at objective %.6g, above the %.6g of the untrained model%s;"
              + " no model was produced",
          config.optimizer().name().toLowerCase(java.util.Locale.ROOT), out.objective(), start,
          config.optimizer() == TrainerConfig.Optimizer.ADAM
              ? " (lower the learning rate (now " + config.learningRate() + ") or lambda (now "
                  + config.lambda() + "))"
              : " (lower lambda (now " + config.lambda() + ") or scale the features)"));
    }
  }

  static SoftmaxModel buildModel(TrainingData data, TrainerConfig config, CompactProblem problem,
      double[] theta, FitStats stats) {
    int wEnd = problem.layout.weights;
    SoftmaxModel model = new SoftmaxModel(data.labels(), problem.index,
        problem.layout.expand(theta), Arrays.copyOfRange(theta, wEnd, wEnd + problem.k),
        data.inventories(), config.inventory() == TrainerConfig.InventoryMode.RESTRICT,
        config.delta(), null, Map.of(), Provenance.ofFit(config, stats));
    // Per-word summaries are type-level distributions over occurrences, which the trainer does
    // not see (a regime such as votes makes several rows of one occurrence): the caller that
    // knows the occurrences attaches them with SoftmaxModel.withWordSummaries.
    return model.withLabelsWithoutMass(labelsWithoutMass(data));
  }

  /** The labels that no row with positive weight gives target mass (declared labels). */
  static Set<String> labelsWithoutMass(TrainingData data) {
    int k = data.numLabels();
    boolean[] mass = new boolean[k];
    double[] t = data.targetArray();
    double[] w = data.weightArray();
    for (int i = 0; i < data.size(); i++) {
      if (w[i] > 0) {
        for (int j = 0; j < k; j++) {
          mass[j] |= t[i * k + j] > 0;
        }
      }
    }
    Set<String> out = new TreeSet<>();
    for (int j = 0; j < k; j++) {
      if (!mass[j]) {
        out.add(data.labels().get(j));
      }
    }
    return out;
  }
}
