package dev.entdist.trainer;

/**
 * Limited-memory BFGS over an {@link LbfgsFunction} (the local {@link KlObjective}, or the
 * {@link ShardedObjective} whose sums come from a cluster), with a line search that satisfies
 * the strong Wolfe conditions (Nocedal &amp; Wright, Algorithms 7.4, 3.5 and 3.6; the cubic interpolation and
 * zoom safeguards follow PyTorch's {@code _strong_wolfe}). It stops when max |∂L/∂θ| ≤ tol (the
 * peers' rule), at the iteration cap, or when the line search can no longer make progress.
 *
 * <p>Why not Smile's {@code BFGS.minimize}: its backtracking line search accepts the first
 * sufficient decrease, so it needs more iterations than a strong-Wolfe search to reach the same
 * objective (docs/trainer.md has the figures), and its two-loop recursion runs on one thread
 * over 2m + 6 parameter-sized vectors. Here every vector operation runs in fixed blocks on the
 * objective's threads, partial sums are added in block order (the result does not depend on
 * the thread count), and the working set is 2m + 5 vectors.
 */
final class Lbfgs {

  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final int MAX_LINE_SEARCH = 25;
  private static final double TOLERANCE_CHANGE = 1e-12;
  private static final int BLOCK = 1 << 15;
  static final int DECREASE_WINDOW = 5;

  private final LbfgsFunction objective;
  private final int memory;
  private final double tol;
  private final int maxIter;
  private final ProgressListener listener;
  private final double relativeDecrease;
  private final int n;
  private final double[] blockSums;
  /** A second set of per-block partial sums, for the passes that produce two. */
  private final double[] secondSums;
  private int evaluations;

  Lbfgs(LbfgsFunction objective, int memory, double tol, int maxIter, ProgressListener listener) {
    this(objective, memory, tol, maxIter, listener, 0);
  }

  /**
   * With a second stopping rule: the objective fell by at most {@code relativeDecrease}·|f| over
   * the last {@value #DECREASE_WINDOW} iterations (0 = off). The λ search uses it: its fits need
   * the held-out KL, not the last digits of the optimum.
   */
  Lbfgs(LbfgsFunction objective, int memory, double tol, int maxIter, ProgressListener listener,
      double relativeDecrease) {
    this.relativeDecrease = relativeDecrease;
    this.objective = objective;
    this.memory = memory;
    this.tol = tol;
    this.maxIter = maxIter;
    this.listener = listener;
    this.n = objective.parameters();
    this.blockSums = new double[(n + BLOCK - 1) / BLOCK];
    this.secondSums = new double[blockSums.length];
  }

  /** Minimises from {@code start} (not modified). */
  LbfgsAdapter.Outcome minimize(double[] start) {
    long t0 = System.nanoTime();
    double[] x = start.clone();
    double[] g = new double[n];
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[][] s = new double[memory][];
    double[][] y = new double[memory][];
    double[] rho = new double[memory];
    double[] sy = new double[memory]; // s·y and y·y of each stored pair
    double[] yy = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    int newest = -1;
    double f = evaluate(x, g);
    double gmax = maxAbs(g);
    int iter = 0;
    double[] history = new double[DECREASE_WINDOW + 1];
    history[0] = f;
    listener.onProgress(0, maxIter, f, gmax, seconds(t0));
    while (gmax > tol && iter < maxIter && Double.isFinite(f)) {
      // d = −H g by the two-loop recursion, each update of d fused with the dot product the
      // next step needs (one pass over d per history pair and loop instead of two)
      double gtd;
      if (stored == 0) {
        gtd = -negateInto(g, d, g);
      } else {
        int i = newest;
        double sd = copyDot(g, d, s[i]);
        for (int c = 0; c < stored; c++) {
          alpha[i] = rho[i] * sd;
          int older = (i - 1 + memory) % memory;
          sd = axpyDot(-alpha[i], y[i], d, c + 1 < stored ? s[older] : null);
          i = older;
        }
        i = (newest - stored + 1 + memory) % memory; // the oldest pair
        double yd = scaleDot(sy[newest] / yy[newest], d, y[i]);
        for (int c = 0; c < stored; c++) {
          double beta = rho[i] * yd;
          int newer = (i + 1) % memory;
          yd = axpyDot(alpha[i] - beta, s[i], d, c + 1 < stored ? y[newer] : null);
          i = newer;
        }
        gtd = -negateInto(d, d, g);
        if (!(gtd < 0)) { // not a descent direction: forget the curvature pairs
          stored = 0;
          gtd = -negateInto(g, d, g);
        }
      }
      double step = stored == 0 ? Math.min(1, 1 / sumAbs(g)) : 1;
      double[] found = lineSearch(x, f, g, gtd, d, step, xNew, gNew);
      if (found == null) {
        break; // no further decrease along d within the line search's budget
      }
      double fNew = found[0];
      // the pair (s, y) = (x_new − x, g_new − g), kept when the curvature is positive
      int slot = (newest + 1) % memory;
      if (s[slot] == null) {
        s[slot] = new double[n];
        y[slot] = new double[n];
      }
      double[] products = pair(xNew, x, gNew, g, s[slot], y[slot]);
      if (products[0] > 1e-10 * products[1]) {
        sy[slot] = products[0];
        yy[slot] = products[1];
        rho[slot] = 1 / products[0];
        newest = slot;
        stored = Math.min(memory, stored + 1);
      } else if (stored == memory) {
        stored--; // the rejected pair overwrote the oldest one: forget it
      }
      double[] swap = x;
      x = xNew;
      xNew = swap;
      swap = g;
      g = gNew;
      gNew = swap;
      f = fNew;
      gmax = maxAbs(g);
      iter++;
      listener.onProgress(iter, maxIter, f, gmax, seconds(t0));
      history[iter % history.length] = f;
      if (relativeDecrease > 0 && iter >= DECREASE_WINDOW
          && history[(iter - DECREASE_WINDOW) % history.length] - f
              <= relativeDecrease * Math.abs(f)) {
        break;
      }
    }
    return new LbfgsAdapter.Outcome(x, f, gmax, iter, evaluations, gmax <= tol);
  }

  /**
   * A step t along d satisfying the strong Wolfe conditions; leaves the point in {@code xNew}
   * and its gradient in {@code gNew} and returns {f(xNew), t}, or {@code null} when no step
   * decreases f.
   */
  private double[] lineSearch(double[] x, double f, double[] g, double gtd, double[] d,
      double t, double[] xNew, double[] gNew) {
    double dNorm = maxAbs(d);
    double fNew = at(x, t, d, xNew, gNew);
    double gtdNew = dot(gNew, d);
    double tPrev = 0;
    double fPrev = f;
    double gtdPrev = gtd;
    int evals = 1;
    double[] br = null; // bracket {t0, t1}, values, slopes
    double[] bf = null;
    double[] bg = null;
    boolean done = false;
    while (evals < MAX_LINE_SEARCH) {
      if (fNew > f + C1 * t * gtd || !Double.isFinite(fNew) || (evals > 1 && fNew >= fPrev)) {
        br = new double[] {tPrev, t};
        bf = new double[] {fPrev, fNew};
        bg = new double[] {gtdPrev, gtdNew};
        break;
      }
      if (Math.abs(gtdNew) <= -C2 * gtd) {
        return new double[] {fNew, t};
      }
      if (gtdNew >= 0) {
        br = new double[] {tPrev, t};
        bf = new double[] {fPrev, fNew};
        bg = new double[] {gtdPrev, gtdNew};
        break;
      }
      double next = cubicMinimum(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, t + 0.01 * (t - tPrev),
          t * 10);
      tPrev = t;
      fPrev = fNew;
      gtdPrev = gtdNew;
      t = next;
      fNew = at(x, t, d, xNew, gNew);
      gtdNew = dot(gNew, d);
      evals++;
    }
    if (br == null) {
      br = new double[] {0, t};
      bf = new double[] {f, fNew};
      bg = new double[] {gtd, gtdNew};
    }
    // zoom: shrink the bracket until the strong Wolfe conditions hold
    double lastT = t;
    boolean insufficient = false;
    int low = bf[0] <= bf[1] ? 0 : 1;
    while (!done && evals < MAX_LINE_SEARCH) {
      if (Math.abs(br[1] - br[0]) * dNorm < TOLERANCE_CHANGE) {
        break;
      }
      double lo = Math.min(br[0], br[1]);
      double hi = Math.max(br[0], br[1]);
      t = cubicMinimum(br[0], bf[0], bg[0], br[1], bf[1], bg[1], lo, hi);
      double eps = 0.1 * (hi - lo);
      if (Math.min(hi - t, t - lo) < eps) {
        if (insufficient || t >= hi || t <= lo) {
          t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
          insufficient = false;
        } else {
          insufficient = true;
        }
      } else {
        insufficient = false;
      }
      fNew = at(x, t, d, xNew, gNew);
      gtdNew = dot(gNew, d);
      lastT = t;
      evals++;
      int high = 1 - low;
      if (fNew > f + C1 * t * gtd || !Double.isFinite(fNew) || fNew >= bf[low]) {
        br[high] = t;
        bf[high] = fNew;
        bg[high] = gtdNew;
        low = bf[0] <= bf[1] ? 0 : 1;
      } else {
        if (Math.abs(gtdNew) <= -C2 * gtd) {
          done = true;
        } else if (gtdNew * (br[high] - br[low]) >= 0) {
          br[high] = br[low];
          bf[high] = bf[low];
          bg[high] = bg[low];
        }
        br[low] = t;
        bf[low] = fNew;
        bg[low] = gtdNew;
      }
    }
    if (!(bf[low] < f)) {
      return null;
    }
    if (br[low] != lastT) { // the best point was not the last one evaluated
      fNew = at(x, br[low], d, xNew, gNew);
    }
    return new double[] {fNew, br[low]};
  }

  /** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to [lo, hi]. */
  static double cubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2,
      double lo, double hi) {
    double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
    double d2sq = d1 * d1 - g1 * g2;
    if (d2sq >= 0 && Double.isFinite(d2sq)) {
      double d2 = Math.sqrt(d2sq);
      double m = x1 <= x2
          ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
          : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
      if (Double.isFinite(m)) {
        return Math.min(Math.max(m, lo), hi);
      }
    }
    return (lo + hi) / 2;
  }

  /** f and ∂f at x + t·d, into {@code xt} and {@code grad}. */
  private double at(double[] x, double t, double[] d, double[] xt, double[] grad) {
    objective.run(blockSums.length, b -> {
      for (int j = b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
        xt[j] = x[j] + t * d[j];
      }
    });
    return evaluate(xt, grad);
  }

  private double evaluate(double[] x, double[] grad) {
    evaluations++;
    return objective.valueAndGradient(x, grad);
  }

  private double dot(double[] a, double[] b) {
    return sumOfBlocks(blk -> {
      double acc = 0;
      for (int j = blk * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
        acc += a[j] * b[j];
      }
      return acc;
    });
  }

  /** {@code to = from}; returns {@code other·to}. */
  private double copyDot(double[] from, double[] to, double[] other) {
    return sumOfBlocks(blk -> {
      double acc = 0;
      for (int j = blk * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
        double v = from[j];
        to[j] = v;
        acc += other[j] * v;
      }
      return acc;
    });
  }

  /** {@code ys += a·xs}; returns {@code other·ys} after the update (0 when other is null). */
  private double axpyDot(double a, double[] xs, double[] ys, double[] other) {
    return sumOfBlocks(blk -> {
      double acc = 0;
      for (int j = blk * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
        double v = ys[j] + a * xs[j];
        ys[j] = v;
        if (other != null) {
          acc += other[j] * v;
        }
      }
      return acc;
    });
  }

  /** {@code v *= a}; returns {@code other·v} after the update. */
  private double scaleDot(double a, double[] v, double[] other) {
    return sumOfBlocks(blk -> {
      double acc = 0;
      for (int j = blk * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
        double w = v[j] * a;
        v[j] = w;
        acc += other[j] * w;
      }
      return acc;
    });
  }

  /** {@code to = −from} ({@code to} may be {@code from}); returns {@code other·from}. */
  private double negateInto(double[] from, double[] to, double[] other) {
    return sumOfBlocks(blk -> {
      double acc = 0;
      for (int j = blk * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
        double v = from[j];
        to[j] = -v;
        acc += other[j] * v;
      }
      return acc;
    });
  }

  /**
   * The curvature pair {@code s = xNew − x}, {@code y = gNew − g} in one pass; returns {s·y, y·y}.
   */
  private double[] pair(double[] xNew, double[] x, double[] gNew, double[] g, double[] s,
      double[] y) {
    double sy = sumOfBlocks(blk -> {
      double acc = 0;
      double accYy = 0;
      for (int j = blk * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
        double sj = xNew[j] - x[j];
        double yj = gNew[j] - g[j];
        s[j] = sj;
        y[j] = yj;
        acc += sj * yj;
        accYy += yj * yj;
      }
      secondSums[blk] = accYy;
      return acc;
    });
    double yy = 0;
    for (double v : secondSums) {
      yy += v;
    }
    return new double[] {sy, yy};
  }

  /** A block's partial sum. */
  private interface BlockSum {
    double of(int block);
  }

  /**
   * Runs {@code body} on every block on the objective's threads and adds the blocks' results in
   * block order, so the sum does not depend on the thread count.
   */
  private double sumOfBlocks(BlockSum body) {
    objective.run(blockSums.length, blk -> blockSums[blk] = body.of(blk));
    double sum = 0;
    for (double v : blockSums) {
      sum += v;
    }
    return sum;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      double a = Math.abs(e);
      if (a > m || Double.isNaN(a)) {
        m = a;
      }
    }
    return m;
  }

  private static double sumAbs(double[] v) {
    double s = 0;
    for (double e : v) {
      s += Math.abs(e);
    }
    return s;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
