package dev.entdist.trainer;

import smile.math.BFGS;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Runs Smile's L-BFGS on an {@link Objective} and adds what Smile does not report: the number
 * of iterations and evaluations, and the peers' stopping rule max |∂L/∂θ| ≤ tol checked on the
 * true (unscaled) gradient.
 *
 * <p>Smile's line search calls {@code f(x)} at trial points and then {@code g(x, grad)} once at
 * the accepted point; {@code f} leaves the row-pass residuals behind so that {@code g} at the
 * same point costs only the column pass. Every {@code g} call after the first ends one
 * iteration. The adapter stops Smile itself (by unwinding from {@code g}) when the rule holds or
 * the cap is reached, since Smile's own test scales the gradient by |x| and f. Smile's gradient
 * tolerance is therefore set to the smallest positive normal double.
 *
 * <p>With preconditioning the optimiser works in coordinates u = s_f·W_f (s_f the feature's root
 * mean square): the objective is unchanged, ∂L/∂u_f = (∂L/∂W_f)/s_f.
 */
final class LbfgsAdapter implements DifferentiableMultivariateFunction {

  /** Unwinds Smile's loop when the adapter's stopping rule holds. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /** The final point and what it took to get there. */
  record Outcome(double[] theta, double objective, double gradientMax, int iterations,
      int evaluations, boolean converged) {}

  private final Objective objective;
  private final double[] scale;
  private final double tol;
  private final int maxIter;
  private final ProgressListener listener;
  private final WeightLayout layout;
  private final double[] theta;
  private final double[] residualsAt;
  private boolean residualsValid;
  private final double[] lastTheta;
  private double lastValue = Double.NaN;
  private double lastValueAtCache;
  private double lastGradMax = Double.NaN;
  private int gCalls;
  private long start;

  LbfgsAdapter(Objective objective, boolean precondition, double tol, int maxIter,
      ProgressListener listener) {
    this.objective = objective;
    this.scale = precondition ? objective.featureScales() : null;
    this.tol = tol;
    this.maxIter = maxIter;
    this.listener = listener;
    this.layout = layoutOf(objective);
    int n = layout.parameters();
    theta = new double[n];
    residualsAt = new double[n];
    lastTheta = new double[n];
  }

  /** Minimises from θ = 0 with {@code memory} correction pairs. */
  Outcome minimize(int memory) {
    double[] u = new double[theta.length];
    start = System.nanoTime();
    try {
      BFGS.minimize(this, memory, u, Double.MIN_NORMAL, maxIter + 1);
    } catch (Stop stop) {
      // the adapter's rule or cap ended the run; lastTheta holds the final point
    }
    int iterations = Math.max(0, gCalls - 1);
    return new Outcome(lastTheta.clone(), lastValue, lastGradMax, iterations,
        objective.evaluations(), lastGradMax <= tol);
  }

  @Override
  public double f(double[] u) {
    toTheta(u);
    lastValueAtCache = objective.value(theta);
    if (Double.isNaN(lastValueAtCache)) {
      // Smile's line search turns a NaN into a NaN step length and would loop forever.
      lastValue = Double.NaN;
      throw new Stop();
    }
    System.arraycopy(u, 0, residualsAt, 0, u.length);
    residualsValid = true;
    return lastValueAtCache;
  }

  @Override
  public double g(double[] u, double[] grad) {
    double v;
    if (residualsValid && java.util.Arrays.equals(u, residualsAt)) {
      toTheta(u);
      v = lastValueAtCache;
      objective.gradient(theta, grad);
    } else {
      toTheta(u);
      v = objective.value(theta);
      objective.gradient(theta, grad);
    }
    residualsValid = false;
    double gmax = 0;
    for (double gj : grad) {
      double a = Math.abs(gj);
      if (a > gmax || Double.isNaN(a)) {
        gmax = a;
      }
    }
    if (scale != null) {
      for (int c = 0; c < layout.features; c++) {
        for (int q = layout.from(c); q < layout.to(c); q++) {
          grad[q] /= scale[c];
        }
      }
    }
    System.arraycopy(theta, 0, lastTheta, 0, theta.length);
    lastValue = v;
    lastGradMax = gmax;
    int iteration = gCalls++;
    listener.onProgress(iteration, maxIter, v, gmax, (System.nanoTime() - start) / 1e9);
    if (gmax <= tol || iteration >= maxIter || !Double.isFinite(v)) {
      throw new Stop();
    }
    return v;
  }

  private void toTheta(double[] u) {
    if (scale == null) {
      System.arraycopy(u, 0, theta, 0, u.length);
      return;
    }
    for (int c = 0; c < layout.features; c++) {
      for (int q = layout.from(c); q < layout.to(c); q++) {
        theta[q] = u[q] / scale[c];
      }
    }
    int wEnd = layout.weights;
    System.arraycopy(u, wEnd, theta, wEnd, u.length - wEnd);
  }

  /**
   * Where the weights sit in θ: the local kernel's own layout (sparse under a restricted
   * inventory); an objective summed elsewhere ({@link ShardedObjective}) is dense.
   */
  static WeightLayout layoutOf(Objective objective) {
    return objective instanceof KlObjective local ? local.problem().layout
        : WeightLayout.dense(objective.features(), objective.labels());
  }
}
