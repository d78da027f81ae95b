package dev.entdist.trainer;

/**
 * The objective of the design over a {@link CompactProblem}:
 *
 * <pre>
 *   L(W,b) = Σ_i ŵ_i·KL(y_i ‖ softmax(W x_i + b)) + (λ/2)·‖W‖²      (ŵ = w / Σw)
 *   ∂L/∂W_f = Σ_i ŵ_i (p_i − y_i) x_if + λ W_f,   ∂L/∂b = Σ_i ŵ_i (p_i − y_i)
 * </pre>
 *
 * <p>Parameters θ = [W (as {@link CompactProblem#layout} places it), b (K)]. One evaluation is two passes: a row pass
 * (logits, log-sum-exp, loss, residuals r_i = ŵ_i (p_i − y_i)) and a column pass over the same
 * matrix stored by column (∂L/∂W_f = Σ x_if r_i). Both are split into fixed-size blocks whose
 * partial sums are added in block order, so the result is bit-identical for any thread count.
 * Masked labels (inventories) get logit −∞ and probability 0.
 */
final class KlObjective implements Objective, LbfgsFunction, AutoCloseable {

  private static final int ROW_BLOCK = 2048;
  private static final int COL_BLOCK = 4096;

  private final CompactProblem p;
  private final double lambda;
  private final BlockRunner runner;
  private final double[] residuals;
  private final double[] blockLoss;
  private final double[] blockBias;
  private int rowPasses;
  private int columnPasses;

  KlObjective(CompactProblem problem, double lambda, int threads) {
    this.p = problem;
    this.lambda = lambda;
    this.runner = new BlockRunner(threads, "entdist-objective");
    residuals = new double[p.n * p.k];
    int blocks = (p.n + ROW_BLOCK - 1) / ROW_BLOCK;
    blockLoss = new double[blocks];
    blockBias = new double[blocks * p.k];
  }

  /** The threads the objective's passes run on. */
  int threads() {
    return runner.threads();
  }

  /** The problem. */
  CompactProblem problem() {
    return p;
  }

  @Override
  public int features() {
    return p.f;
  }

  @Override
  public int labels() {
    return p.k;
  }

  @Override
  public int evaluations() {
    return rowPasses;
  }

  @Override
  public double[] featureScales() {
    return p.featureScales();
  }

  @Override
  public void gradient(double[] theta, double[] grad) {
    gradientFromResiduals(theta, grad);
  }

  /** Row passes so far (objective evaluations). */
  int rowPasses() {
    return rowPasses;
  }

  /** Column passes so far (gradient evaluations). */
  int columnPasses() {
    return columnPasses;
  }

  /** L(θ); leaves the residuals of θ for a following {@link #gradientFromResiduals}. */
  @Override
  public double value(double[] theta) {
    rowPasses++;
    int blocks = blockLoss.length;
    run(blocks, b -> rowBlock(theta, b));
    double loss = 0;
    for (int b = 0; b < blocks; b++) {
      loss += blockLoss[b];
    }
    double sq = 0;
    int wEnd = p.layout.weights;
    for (int j = 0; j < wEnd; j++) {
      sq += theta[j] * theta[j];
    }
    return loss + 0.5 * lambda * sq;
  }

  /** ∂L/∂θ into {@code grad}, from the residuals left by {@link #value} at the same θ. */
  void gradientFromResiduals(double[] theta, double[] grad) {
    columnPasses++;
    int k = p.k;
    int blocks = (p.f + COL_BLOCK - 1) / COL_BLOCK;
    run(blocks, b -> columnBlock(theta, grad, b));
    int off = p.layout.weights;
    for (int j = 0; j < k; j++) {
      grad[off + j] = 0;
    }
    for (int b = 0; b < blockLoss.length; b++) {
      for (int j = 0; j < k; j++) {
        grad[off + j] += blockBias[b * k + j];
      }
    }
  }

  @Override
  public int parameters() {
    return p.parameters();
  }

  /** L(θ) and ∂L/∂θ in one call. */
  @Override
  public double valueAndGradient(double[] theta, double[] grad) {
    double v = value(theta);
    gradientFromResiduals(theta, grad);
    return v;
  }

  private void rowBlock(double[] theta, int b) {
    int k = p.k;
    int lo = b * ROW_BLOCK;
    int hi = Math.min(p.n, lo + ROW_BLOCK);
    double[] z = new double[k];
    double[] bias = new double[k];
    double loss = 0;
    for (int i = lo; i < hi; i++) {
      int t = i * k;
      loss += SoftmaxKernel.rowResiduals(theta, p.layout, p.cols, p.vals, p.rowStart[i],
          p.rowStart[i + 1], p.inventoryOf(i), p.targets, t, p.negEntropy[i],
          p.normWeights[i], z, residuals, t);
      for (int j = 0; j < k; j++) {
        bias[j] += residuals[t + j];
      }
    }
    blockLoss[b] = loss;
    System.arraycopy(bias, 0, blockBias, b * k, k);
  }

  private void columnBlock(double[] theta, double[] grad, int b) {
    int lo = b * COL_BLOCK;
    int hi = Math.min(p.f, lo + COL_BLOCK);
    SoftmaxKernel.columns(theta, grad, p.layout, lo, hi, p.colStart, p.colRows, p.colVals,
        residuals, lambda, p.maskOf, p.inventories, new int[p.k]);
  }

  /** Runs {@code body} for every block 0..blocks−1 on the objective's threads. */
  @Override
  public void run(int blocks, Block body) {
    runner.run(blocks, body);
  }

  @Override
  public void close() {
    runner.close();
  }
}
