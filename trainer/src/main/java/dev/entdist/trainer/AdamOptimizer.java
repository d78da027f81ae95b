package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import java.util.SplittableRandom;

/**
 * Minibatch Adam on the objective of a {@link KlObjective}'s problem held in memory. Each step
 * minimises the batch's weighted mean KL plus (λ/2)·‖W‖² (as the peers' Adam); the rows are
 * reshuffled every epoch with a generator seeded from the configuration. With a validation
 * fraction, those rows (drawn with the seed) are left out of the batches and the run stops when
 * their mean KL has not improved for {@code patience} epochs, returning the best epoch's
 * parameters. The objective and gradient reported per epoch are full passes over all rows, made
 * only for a listener that {@linkplain ProgressListener#wantsObjective() wants them}.
 */
final class AdamOptimizer {

  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;
  private static final int BATCH_BLOCK = 64;
  private static final int UPDATE_BLOCK = 1 << 15;

  private AdamOptimizer() {}

  static LbfgsAdapter.Outcome run(KlObjective objective, TrainerConfig config,
      ProgressListener listener) {
    CompactProblem p = objective.problem();
    int k = p.k;
    int nParams = p.parameters();
    int wEnd = p.layout.weights;
    SplittableRandom random = new SplittableRandom(config.seed());
    int[] order = Permutations.shuffled(p.n, random);
    int held = (int) Math.floor(config.validationFraction() * p.n);
    int[] heldOut = java.util.Arrays.copyOfRange(order, 0, held);
    int[] train = java.util.Arrays.copyOfRange(order, held, p.n);
    if (train.length == 0) {
      throw new IllegalArgumentException("no rows left to train on after holding out " + held);
    }
    double[] theta = new double[nParams];
    double[] grad = new double[nParams];
    double[] m = new double[nParams];
    double[] v = new double[nParams];
    double[] z = new double[k];
    double[] residuals = new double[config.batchSize() * k];
    double[] best = null;
    double bestHeld = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    long t = 0;
    int steps = 0;
    int epochsDone = 0;
    long start = System.nanoTime();
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      Permutations.shuffle(train, random);
      for (int from = 0; from < train.length; from += config.batchSize()) {
        int to = Math.min(train.length, from + config.batchSize());
        double wsum = 0;
        for (int r = from; r < to; r++) {
          wsum += p.normWeights[train[r]];
        }
        if (!(wsum > 0)) {
          continue;
        }
        batchGradient(objective, theta, train, from, to, wsum, grad, residuals);
        t++;
        steps++;
        update(objective, theta, grad, m, v, t, config.learningRate(), config.lambda(), wEnd);
      }
      epochsDone = epoch;
      if (listener.wantsObjective()) {
        double f = objective.valueAndGradient(theta, grad);
        listener.onProgress(epoch, config.epochs(), f, maxAbs(grad),
            (System.nanoTime() - start) / 1e9);
        fill(objective, grad, 0.0); // the batches add into a zero gradient
      } else {
        listener.onProgress(epoch, config.epochs(), Double.NaN, Double.NaN,
            (System.nanoTime() - start) / 1e9);
      }
      if (held > 0) {
        double kl = heldOutKl(p, theta, heldOut, z);
        if (kl < bestHeld) {
          bestHeld = kl;
          best = theta.clone();
          sinceBest = 0;
        } else if (++sinceBest >= config.patience()) {
          break;
        }
      }
    }
    if (best != null) {
      theta = best;
    }
    double f = objective.valueAndGradient(theta, grad);
    double gmax = maxAbs(grad);
    return new LbfgsAdapter.Outcome(theta, f, gmax, epochsDone, steps, gmax <= config.tol());
  }

  /**
   * Adds to {@code grad}, which must be all zeros (each {@link #update} step leaves it so), the
   * gradient of the batch's data term, the weighted mean Σ_i
   * (w_i/wsum)·KL(y_i ‖ p_i) over rows {@code rows[from..to)}: (p_i − y_i) x_iᵀ for the weights
   * and (p_i − y_i) for the bias (the λ term is added by {@link #update}). The rows' residuals
   * (into {@code residuals}, (to − from)·K long) are computed on the objective's threads in
   * fixed blocks and scattered in row order by threads that own disjoint feature ranges, so the
   * result does not depend on the thread count.
   */
  static void batchGradient(KlObjective objective, double[] theta, int[] rows, int from, int to,
      double wsum, double[] grad, double[] residuals) {
    CompactProblem p = objective.problem();
    int k = p.k;
    int blocks = (to - from + BATCH_BLOCK - 1) / BATCH_BLOCK;
    objective.run(blocks, b -> {
      double[] z = new double[k];
      for (int q = from + b * BATCH_BLOCK, end = Math.min(to, q + BATCH_BLOCK); q < end; q++) {
        int i = rows[q];
        SoftmaxKernel.rowResiduals(theta, p.layout, p.cols, p.vals, p.rowStart[i],
            p.rowStart[i + 1], p.inventoryOf(i), p.targets, i * k, p.negEntropy[i],
            p.normWeights[i] / wsum, z, residuals, (q - from) * k);
      }
    });
    int bias = p.layout.weights;
    for (int q = from; q < to; q++) {
      for (int j = 0; j < k; j++) {
        grad[bias + j] += residuals[(q - from) * k + j];
      }
    }
    // each thread owns a range of features and scatters every row of the batch into it
    int parts = objective.threads();
    objective.run(parts, part -> {
      int cLo = (int) ((long) p.f * part / parts);
      int cHi = (int) ((long) p.f * (part + 1) / parts);
      for (int q = from; q < to; q++) {
        int i = rows[q];
        SoftmaxKernel.scatterWeights(grad, p.layout, p.cols, p.vals, p.rowStart[i],
            p.rowStart[i + 1], residuals, (q - from) * k, cLo, cHi);
      }
    });
  }

  private static void fill(KlObjective objective, double[] a, double value) {
    int blocks = (a.length + UPDATE_BLOCK - 1) / UPDATE_BLOCK;
    objective.run(blocks, b -> java.util.Arrays.fill(a, b * UPDATE_BLOCK,
        Math.min(a.length, (b + 1) * UPDATE_BLOCK), value));
  }

  /**
   * {@link #update(double[], double[], double[], double[], long, double, double, int)} on the
   * objective's threads (element-wise, so the result does not depend on the thread count).
   */
  static void update(KlObjective objective, double[] theta, double[] grad, double[] m,
      double[] v, long t, double rate, double lambda, int wEnd) {
    double lr = rate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
    int blocks = (theta.length + UPDATE_BLOCK - 1) / UPDATE_BLOCK;
    objective.run(blocks, b -> step(theta, grad, m, v, lr, lambda, wEnd, b * UPDATE_BLOCK,
        Math.min(theta.length, (b + 1) * UPDATE_BLOCK)));
  }

  private static void step(double[] theta, double[] grad, double[] m, double[] v, double lr,
      double lambda, int wEnd, int from, int to) {
    // the weights (penalised) and the biases in two loops without a branch, the moments kept in
    // locals: the JIT then vectorises the square roots and divisions (about 5× faster)
    int mid = Math.max(from, Math.min(to, wEnd));
    for (int q = from; q < mid; q++) {
      double g = grad[q] + lambda * theta[q];
      double mq = BETA1 * m[q] + (1 - BETA1) * g;
      double vq = BETA2 * v[q] + (1 - BETA2) * g * g;
      m[q] = mq;
      v[q] = vq;
      theta[q] -= lr * mq / (Math.sqrt(vq) + EPSILON);
      grad[q] = 0; // ready for the next batch, without a pass of its own
    }
    for (int q = mid; q < to; q++) {
      double g = grad[q];
      double mq = BETA1 * m[q] + (1 - BETA1) * g;
      double vq = BETA2 * v[q] + (1 - BETA2) * g * g;
      m[q] = mq;
      v[q] = vq;
      theta[q] -= lr * mq / (Math.sqrt(vq) + EPSILON);
      grad[q] = 0;
    }
  }

  /**
   * One Adam step on θ from the data gradient {@code grad} (λθ is added to the weights' part,
   * the first {@code wEnd} entries), bias-corrected at step {@code t} (from 1); leaves {@code
   * grad} all zeros.
   */
  static void update(double[] theta, double[] grad, double[] m, double[] v, long t, double rate,
      double lambda, int wEnd) {
    double lr = rate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
    step(theta, grad, m, v, lr, lambda, wEnd, 0, theta.length);
  }

  static double heldOutKl(CompactProblem p, double[] theta, int[] rows, double[] z) {
    double num = 0;
    double den = 0;
    for (int i : rows) {
      logits(p, theta, i, z);
      num += p.normWeights[i] * Kernels.klDivergenceFromLogits(p.targets, i * p.k, z, 0, p.k);
      den += p.normWeights[i];
    }
    return den > 0 ? num / den : Double.NaN;
  }

  static void logits(CompactProblem p, double[] theta, int i, double[] z) {
    SoftmaxKernel.logits(theta, p.layout, p.cols, p.vals, p.rowStart[i], p.rowStart[i + 1],
        p.inventoryOf(i), z);
  }

  static double maxAbs(double[] g) {
    double mx = 0;
    for (double x : g) {
      mx = Math.max(mx, Math.abs(x));
    }
    return mx;
  }
}
