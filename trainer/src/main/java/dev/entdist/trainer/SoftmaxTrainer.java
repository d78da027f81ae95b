package dev.entdist.trainer;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link SoftmaxModel} to {@link TrainingData} by minimising the objective of the design
 * (weighted mean KL to the targets plus (λ/2)·‖W‖², bias unpenalised) from W = 0, b = 0, with
 * Smile's L-BFGS (full batch, stopping at max |∂L/∂θ| ≤ tol or the iteration cap) or minibatch
 * Adam. Parameters exist only for the features that occur in the data.
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
   * @throws TrainingDivergedException if the objective or a parameter became NaN or infinite
   */
  public static TrainingResult fit(TrainingData data, TrainerConfig config,
      ProgressListener listener) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    CompactProblem problem = new CompactProblem(data, restrict);
    LOG.debug("training on {} rows, {} seen features, {} labels, {} parameters", problem.n,
        problem.f, problem.k, problem.parameters());
    long start = System.nanoTime();
    LbfgsAdapter.Outcome out;
    try (KlObjective objective = new KlObjective(problem, config.lambda(), config.threads())) {
      if (config.optimizer() == TrainerConfig.Optimizer.LBFGS) {
        out = new LbfgsAdapter(objective, config.precondition(), config.tol(), config.maxIter(),
            listener).minimize(config.lbfgsMemory());
      } else {
        out = AdamOptimizer.run(objective, config, listener);
      }
    }
    requireFinite(out, config);
    double seconds = (System.nanoTime() - start) / 1e9;
    FitStats stats = new FitStats(config.optimizer(), out.iterations(), out.evaluations(),
        out.objective(), out.gradientMax(), seconds, out.converged(), problem.n, problem.f,
        problem.k, config.lambda());
    LOG.debug("fit finished: {}", stats);
    return new TrainingResult(buildModel(data, config, problem, out.theta(), stats), stats);
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

  static SoftmaxModel buildModel(TrainingData data, TrainerConfig config, CompactProblem problem,
      double[] theta, FitStats stats) {
    int wEnd = problem.f * problem.k;
    SoftmaxModel model = new SoftmaxModel(data.labels(), problem.index,
        Arrays.copyOf(theta, wEnd), Arrays.copyOfRange(theta, wEnd, wEnd + problem.k),
        data.inventories(), config.inventory() == TrainerConfig.InventoryMode.RESTRICT,
        config.delta(), null, Map.of(), Provenance.ofFit(config, stats));
    return model.withWordSummaries(wordSummaries(model, data));
  }

  /** Word → mean prediction of {@code model} over that word's rows of {@code data}. */
  static Map<String, double[]> wordSummaries(SoftmaxModel model, TrainingData data) {
    int k = data.numLabels();
    Map<String, double[]> sums = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < data.size(); i++) {
      String g = data.group(i);
      if (g == null) {
        continue;
      }
      double[] p = model.predict(data.features(i), g);
      double[] s = sums.computeIfAbsent(g, w -> new double[k]);
      for (int j = 0; j < k; j++) {
        s[j] += p[j];
      }
      counts.merge(g, 1, Integer::sum);
    }
    sums.forEach((g, s) -> {
      int c = counts.get(g);
      for (int j = 0; j < k; j++) {
        s[j] /= c;
      }
    });
    return sums;
  }
}
