package dev.entdist.trainer;

import java.util.SplittableRandom;

/** Seeded Fisher–Yates shuffles: Adam's epochs, the λ search's folds, held-out rows. */
final class Permutations {

  private Permutations() {}

  /** 0 … n−1 in the order {@code random} shuffles them. */
  static int[] shuffled(int n, SplittableRandom random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    shuffle(a, random);
    return a;
  }

  /** Shuffles {@code a} in place. */
  static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }
}
