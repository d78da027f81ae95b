package dev.entdist.trainer;

import java.util.Locale;

/**
 * How to train a {@link SoftmaxModel}. Start from {@link #defaults()} and change fields with the
 * {@code withX} methods; the compact constructor validates every field.
 *
 * @param lambda L2 penalty λ on the weights (not the bias), objective term (λ/2)·‖W‖²; default
 *     {@value #DEFAULT_LAMBDA}, the peers' value for their medium data set
 * @param optimizer {@link Optimizer#LBFGS} (full batch, default) or {@link Optimizer#ADAM}
 * @param maxIter L-BFGS iteration cap (default 200); iterations, not function evaluations
 * @param tol L-BFGS stops when max |∂L/∂θ| ≤ tol (default 1e-6, the peers' rule)
 * @param lbfgsMemory number of correction pairs L-BFGS keeps (default 10, as the peers)
 * @param precondition optimise in feature coordinates rescaled by each feature's root mean
 *     square (the objective and the stopping rule are unchanged; only the optimiser's geometry)
 * @param epochs Adam passes over the data (default 10)
 * @param batchSize Adam minibatch size (default 256)
 * @param learningRate Adam step size (default 0.01)
 * @param validationFraction Adam: fraction of rows held out to stop early on their KL (0 = off)
 * @param patience Adam: epochs without held-out improvement before stopping (default 2)
 * @param inventory whether each word's softmax runs over its label inventory
 * @param delta with {@link InventoryMode#RESTRICT}, the mass labels outside a word's inventory
 *     share at prediction (default 1e-3)
 * @param seed seed of every random choice (Adam's shuffling, held-out rows)
 * @param threads worker threads for the objective (results are bit-identical for a given count)
 */
public record TrainerConfig(
    double lambda,
    Optimizer optimizer,
    int maxIter,
    double tol,
    int lbfgsMemory,
    boolean precondition,
    int epochs,
    int batchSize,
    double learningRate,
    double validationFraction,
    int patience,
    InventoryMode inventory,
    double delta,
    long seed,
    int threads) {

  /** The default λ. */
  public static final double DEFAULT_LAMBDA = 1e-4;

  /** The optimiser. */
  public enum Optimizer {
    /** Full-batch limited-memory BFGS (Smile). */
    LBFGS,
    /** Minibatch Adam. */
    ADAM;

    /** Parses {@code lbfgs} or {@code adam} (any case). */
    public static Optimizer parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace("-", ""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown optimizer '" + s + "': use lbfgs or adam");
      }
    }
  }

  /** Whether a word's softmax is restricted to its label inventory. */
  public enum InventoryMode {
    /** Every label competes for every occurrence. */
    NONE,
    /** An occurrence's softmax runs over its word's inventory; other labels share δ. */
    RESTRICT;

    /** Parses {@code none} or {@code restrict} (any case). */
    public static InventoryMode parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown inventory mode '" + s + "': use restrict or none");
      }
    }
  }

  /** Validates every field. */
  public TrainerConfig {
    require(lambda >= 0 && Double.isFinite(lambda), "lambda", lambda, ">= 0 and finite");
    if (optimizer == null || inventory == null) {
      throw new IllegalArgumentException("optimizer and inventory must be set");
    }
    require(maxIter >= 1, "maxIter", maxIter, ">= 1");
    require(tol >= 0 && Double.isFinite(tol), "tol", tol, ">= 0 and finite");
    require(lbfgsMemory >= 1, "lbfgsMemory", lbfgsMemory, ">= 1");
    require(epochs >= 1, "epochs", epochs, ">= 1");
    require(batchSize >= 1, "batchSize", batchSize, ">= 1");
    require(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate, "> 0");
    require(validationFraction >= 0 && validationFraction < 1,
        "validationFraction", validationFraction, "in [0, 1)");
    require(patience >= 1, "patience", patience, ">= 1");
    require(delta > 0 && delta < 1, "delta", delta, "in (0, 1)");
    require(threads >= 1, "threads", threads, ">= 1");
  }

  /**
   * The L-BFGS iteration cap by default: soft training on the bundled corpus needs 345–400
   * iterations, so a lower cap would hand library users unconverged models. The command line
   * reads its default from here too.
   */
  public static final int DEFAULT_MAX_ITER = 500;

  /**
   * λ = 1e-4, L-BFGS, {@value #DEFAULT_MAX_ITER} iterations, tol 1e-6, no inventory, seed 1, all
   * processors.
   */
  public static TrainerConfig defaults() {
    return new TrainerConfig(
        DEFAULT_LAMBDA, Optimizer.LBFGS, DEFAULT_MAX_ITER, 1e-6, 10, false, 10, 256, 0.01, 0.0, 2,
        InventoryMode.NONE, 1e-3, 1L, Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** A copy with λ. */
  public TrainerConfig withLambda(double v) {
    return new TrainerConfig(v, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with the optimiser. */
  public TrainerConfig withOptimizer(Optimizer v) {
    return new TrainerConfig(lambda, v, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with the L-BFGS iteration cap. */
  public TrainerConfig withMaxIter(int v) {
    return new TrainerConfig(lambda, optimizer, v, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with the gradient tolerance. */
  public TrainerConfig withTol(double v) {
    return new TrainerConfig(lambda, optimizer, maxIter, v, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with the L-BFGS memory. */
  public TrainerConfig withLbfgsMemory(int v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, v, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with preconditioning on or off. */
  public TrainerConfig withPrecondition(boolean v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, v, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with the number of Adam epochs. */
  public TrainerConfig withEpochs(int v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, v,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with the Adam batch size. */
  public TrainerConfig withBatchSize(int v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        v, learningRate, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with the Adam learning rate. */
  public TrainerConfig withLearningRate(double v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, v, validationFraction, patience, inventory, delta, seed, threads);
  }

  /** A copy with Adam early stopping on a held-out fraction (0 = off) and its patience. */
  public TrainerConfig withEarlyStopping(double fraction, int epochsWithoutImprovement) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, fraction, epochsWithoutImprovement, inventory, delta, seed,
        threads);
  }

  /** A copy with the inventory mode. */
  public TrainerConfig withInventory(InventoryMode v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, v, delta, seed, threads);
  }

  /** A copy with the inventory mode and δ. */
  public TrainerConfig withInventory(InventoryMode v, double d) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, v, d, seed, threads);
  }

  /** A copy with the seed. */
  public TrainerConfig withSeed(long v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, v, threads);
  }

  /** A copy with the thread count. */
  public TrainerConfig withThreads(int v) {
    return new TrainerConfig(lambda, optimizer, maxIter, tol, lbfgsMemory, precondition, epochs,
        batchSize, learningRate, validationFraction, patience, inventory, delta, seed, v);
  }

  private static void require(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("TrainerConfig." + field + " = " + value + ": need " + rule);
    }
  }
}
