package dev.entdist.divergence;

import java.util.SplittableRandom;

/**
 * Seeded random probability vectors for the property tests, in several families: flat
 * (Dirichlet(1)), skewed, with exact zeros, and near-degenerate with entries around 1e-300.
 */
final class RandomDistributions {

  private final SplittableRandom random;

  RandomDistributions(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Number of outcomes between 1 and 40, biased towards small. */
  int size() {
    return 1 + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 40);
  }

  /** A random distribution over {@code k} outcomes from a randomly chosen family. */
  double[] next(int k) {
    double[] w = new double[k];
    int family = random.nextInt(5);
    for (int j = 0; j < k; j++) {
      double e = -Math.log(1 - random.nextDouble()); // Exp(1): normalised, Dirichlet(1)
      switch (family) {
        case 0 -> w[j] = e;
        case 1 -> w[j] = Math.pow(random.nextDouble(), 30); // skewed, down to ~1e-60
        case 2 -> w[j] = random.nextInt(3) == 0 ? 0.0 : e; // exact zeros
        case 3 -> w[j] = random.nextInt(2) == 0 ? e * 1e-300 : e; // around 1e-300
        default -> w[j] = random.nextInt(4) == 0 ? Double.MIN_VALUE * (1 + random.nextInt(9)) : e;
      }
    }
    if (sum(w) == 0 || !(sum(w) > 1e-200)) {
      w[random.nextInt(k)] = 1.0; // keep some ordinary mass
    }
    double s = sum(w);
    for (int j = 0; j < k; j++) {
      w[j] /= s;
    }
    return w;
  }

  /** A random distribution as a {@link Distribution}. */
  Distribution distribution(int k) {
    return Distribution.of(next(k));
  }

  private static double sum(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v;
    }
    return s;
  }
}
