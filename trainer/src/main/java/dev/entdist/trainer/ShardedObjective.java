package dev.entdist.trainer;

import java.util.Arrays;
import java.util.Map;

/**
 * The objective of the design with its data term summed elsewhere: a {@link Sums} adds up the
 * {@link ObjectiveShard#addTo} of every part of the rows (on a cluster, one pass over its
 * partitions), and this class adds the penalty (λ/2)·‖W‖² and λW. {@link #fit} runs the local
 * trainer's L-BFGS driver on it and builds the model as the local trainer does.
 *
 * <p>One {@link Sums} call gives both the value and the gradient; the gradient of the last point
 * is kept, so the driver's usual value-then-gradient at an accepted point costs one pass.
 */
public final class ShardedObjective implements Objective {

  /** The data term summed over every shard. */
  @FunctionalInterface
  public interface Sums {
    /**
     * Σ over the shards of {@link ObjectiveShard#addTo}{@code (theta, grad)}: returns the loss,
     * and leaves the summed gradient in {@code grad} (zeroed by the caller).
     */
    double compute(double[] theta, double[] grad);
  }

  private final ObjectiveShard.Layout layout;
  private final double lambda;
  private final Sums sums;
  private final double[] squares;
  private final int k;
  private final int wEnd;
  private double[] lastTheta;
  private double[] lastGrad;
  private int evaluations;

  /**
   * @param layout what the shards agree on
   * @param lambda the penalty λ
   * @param sums the data term over all shards
   * @param squares Σ ŵ x² of each compact feature over all rows (for preconditioning), or
   *     {@code null} when the fit does not precondition
   */
  public ShardedObjective(ObjectiveShard.Layout layout, double lambda, Sums sums,
      double[] squares) {
    this.layout = layout;
    this.lambda = lambda;
    this.sums = sums;
    this.squares = squares == null ? null : squares.clone();
    this.k = layout.labels().size();
    this.wEnd = layout.featureIds().length * k;
  }

  @Override
  public int features() {
    return layout.featureIds().length;
  }

  @Override
  public int labels() {
    return k;
  }

  @Override
  public double value(double[] theta) {
    double[] grad = new double[wEnd + k];
    double v = valueAndGradient(theta, grad);
    lastTheta = theta.clone();
    lastGrad = grad;
    return v;
  }

  /** L(θ); leaves ∂L/∂θ in {@code grad} (length F·K + K). */
  private double valueAndGradient(double[] theta, double[] grad) {
    evaluations++;
    Arrays.fill(grad, 0);
    double loss = sums.compute(theta, grad);
    double sq = 0;
    for (int j = 0; j < wEnd; j++) {
      sq += theta[j] * theta[j];
      grad[j] += lambda * theta[j];
    }
    return loss + 0.5 * lambda * sq;
  }

  @Override
  public void gradient(double[] theta, double[] grad) {
    if (lastTheta == null || !Arrays.equals(theta, lastTheta)) {
      value(theta);
    }
    System.arraycopy(lastGrad, 0, grad, 0, grad.length);
  }

  @Override
  public int evaluations() {
    return evaluations;
  }

  @Override
  public double[] featureScales() {
    if (squares == null) {
      throw new IllegalStateException("no feature squares were given: cannot precondition");
    }
    double[] s = new double[squares.length];
    for (int c = 0; c < s.length; c++) {
      s[c] = squares[c] > 0 ? Math.sqrt(squares[c]) : 1.0;
    }
    return s;
  }

  /** This objective as {@link Lbfgs} sees it, its vector passes run by {@code runner}. */
  private LbfgsFunction passes(BlockRunner runner) {
    return new LbfgsFunction() {
      @Override
      public int parameters() {
        return wEnd + k;
      }

      @Override
      public double valueAndGradient(double[] theta, double[] grad) {
        return ShardedObjective.this.valueAndGradient(theta, grad);
      }

      @Override
      public void run(int blocks, Block body) {
        runner.run(blocks, body);
      }
    };
  }

  /**
   * Minimises with L-BFGS ({@code config}'s λ must be this objective's) and builds the model as
   * the local trainer does (dense weights, the labels without mass of {@code data}), without
   * word summaries. The optimiser is the local trainer's: its own L-BFGS ({@link Lbfgs}), whose
   * vector passes run on {@code config}'s threads here (their sums are added in a fixed block
   * order, so the thread count does not change the result), or Smile's with preconditioning.
   *
   * @param data all the rows (their size, labels, inventories and targets; the shards hold the
   *     same rows)
   * @throws IllegalArgumentException for an optimiser other than L-BFGS
   * @throws TrainingDivergedException if the objective or a parameter became NaN or infinite,
   *     or the fit ended above the untrained objective
   */
  public TrainingResult fit(TrainerConfig config, TrainingData data, ProgressListener listener) {
    if (config.optimizer() != TrainerConfig.Optimizer.LBFGS) {
      throw new IllegalArgumentException("a sharded objective trains with L-BFGS only");
    }
    if (config.lambda() != lambda) {
      throw new IllegalArgumentException("config lambda " + config.lambda()
          + " differs from the objective's " + lambda);
    }
    if (!data.labels().equals(layout.labels())) {
      throw new IllegalArgumentException("data labels " + data.labels() + " differ from the"
          + " layout's " + layout.labels());
    }
    long start = System.nanoTime();
    LbfgsAdapter.Outcome out;
    if (config.precondition()) {
      out = new LbfgsAdapter(this, true, config.tol(), config.maxIter(), listener)
          .minimize(config.lbfgsMemory());
    } else {
      try (BlockRunner runner = new BlockRunner(config.threads(), "entdist-lbfgs")) {
        out = new Lbfgs(passes(runner), config.lbfgsMemory(), config.tol(), config.maxIter(),
            listener).minimize(new double[wEnd + k]);
      }
    }
    SoftmaxTrainer.requireFinite(out, config);
    double seconds = (System.nanoTime() - start) / 1e9;
    // θ = 0 predicts uniformly over each row's labels: its data term is the untrained objective.
    SoftmaxTrainer.requireNoWorseThanTheStart(out, config,
        sums.compute(new double[wEnd + k], new double[wEnd + k]));
    FitStats stats = new FitStats(config.optimizer(), out.iterations(), out.evaluations(),
        out.objective(), out.gradientMax(), seconds, out.converged(), data.size(), features(), k,
        lambda);
    double[] theta = out.theta();
    SoftmaxModel model = new SoftmaxModel(layout.labels(), layout.index(),
        Arrays.copyOf(theta, wEnd), Arrays.copyOfRange(theta, wEnd, wEnd + k),
        data.inventories(), config.inventory() == TrainerConfig.InventoryMode.RESTRICT,
        config.delta(), null, Map.of(), Provenance.ofFit(config, stats));
    return new TrainingResult(model.withLabelsWithoutMass(SoftmaxTrainer.labelsWithoutMass(data)),
        stats);
  }
}
