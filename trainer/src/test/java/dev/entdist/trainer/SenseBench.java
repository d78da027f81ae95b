package dev.entdist.trainer;

import dev.entdist.divergence.SparseVector;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark entry point (not a test): a seeded sense-like corpus, the shape of word-sense data
 * with a large label space. Each of {@code --words} words has 2–5 senses drawn from {@code --k}
 * labels; a row is one occurrence: its target is a soft mixture concentrated on one sense, and
 * its features are the word itself, ~8 context features that depend on the sense, and ~20 generic
 * context words (Zipf over a large vocabulary, shared by every word), all hashed into
 * 2^{@code --bits} buckets. Trains with L-BFGS and prints one JSON line: time, iterations,
 * objective, parameters and the peak heap of the fit.
 *
 * <pre>
 * java -Xmx1g -cp CLASSPATH dev.entdist.trainer.SenseBench [--rows 20000] [--words 2000]
 *     [--k 120] [--bits 18] [--inventory restrict|none] [--max-iter 100] [--lam 1e-4]
 *     [--threads 2] [--seed 1]
 * </pre>
 */
public final class SenseBench {

  private SenseBench() {}

  /** Runs one fit; arguments as in the class comment. */
  public static void main(String[] args) {
    int rows = 20000;
    int words = 2000;
    int k = 120;
    int bits = 18;
    long seed = 1;
    TrainerConfig config = TrainerConfig.defaults().withThreads(2).withMaxIter(100)
        .withInventory(TrainerConfig.InventoryMode.RESTRICT);
    for (int a = 0; a < args.length; a++) {
      String v = a + 1 < args.length ? args[a + 1] : null;
      switch (args[a]) {
        case "--rows" -> { rows = Integer.parseInt(v); a++; }
        case "--words" -> { words = Integer.parseInt(v); a++; }
        case "--k" -> { k = Integer.parseInt(v); a++; }
        case "--bits" -> { bits = Integer.parseInt(v); a++; }
        case "--seed" -> { seed = Long.parseLong(v); a++; }
        case "--inventory" -> {
          config = config.withInventory(TrainerConfig.InventoryMode.parse(v));
          a++;
        }
        case "--max-iter" -> { config = config.withMaxIter(Integer.parseInt(v)); a++; }
        case "--lam" -> { config = config.withLambda(Double.parseDouble(v)); a++; }
        case "--threads" -> { config = config.withThreads(Integer.parseInt(v)); a++; }
        default -> throw new IllegalArgumentException("unknown argument " + args[a]);
      }
    }
    TrainingData data = generate(rows, words, k, bits, seed);
    resetPeaks();
    long t0 = System.nanoTime();
    TrainingResult res = SoftmaxTrainer.fit(data, config);
    double seconds = (System.nanoTime() - t0) / 1e9;
    FitStats s = res.stats();
    CompactProblem p = new CompactProblem(data,
        config.inventory() == TrainerConfig.InventoryMode.RESTRICT);
    double invSize = data.inventories().values().stream().mapToInt(java.util.Set::size)
        .average().orElse(0);
    System.out.printf(Locale.ROOT, "{\"rows\":%d,\"words\":%d,\"k\":%d,\"bits\":%d,"
            + "\"mean_inventory\":%.2f,\"inventory\":\"%s\",\"features_seen\":%d,"
            + "\"parameters\":%d,\"fit_seconds\":%.3f,\"iterations\":%d,\"evaluations\":%d,"
            + "\"final_objective\":%.10f,\"final_grad_maxabs\":%.3g,\"fit_peak_heap_mb\":%.0f}%n",
        rows, words, k, bits, invSize, config.inventory().name().toLowerCase(Locale.ROOT),
        s.features(), p.parameters(), seconds, s.iterations(), s.evaluations(),
        s.finalObjective(), s.finalGradientMax(), peakHeapMb());
  }

  /** The seeded corpus described in the class comment. */
  static TrainingData generate(int rows, int words, int k, int bits, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int mask = (1 << bits) - 1;
    List<String> labels = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      labels.add(String.format(Locale.ROOT, "s%03d", j));
    }
    int[][] senses = new int[words][];
    for (int w = 0; w < words; w++) {
      int m = 2 + r.nextInt(4);
      int[] pick = new int[m];
      for (int q = 0; q < m; q++) {
        int cand;
        boolean dup;
        do {
          cand = r.nextInt(k);
          dup = false;
          for (int e = 0; e < q; e++) {
            dup |= pick[e] == cand;
          }
        } while (dup);
        pick[q] = cand;
      }
      senses[w] = pick;
    }
    List<SparseVector> x = new ArrayList<>(rows);
    double[][] y = new double[rows][k];
    List<String> groups = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      int w = (int) Math.min(words - 1, Math.floor(Math.pow(words, r.nextDouble())) - 1 + 0.5);
      w = Math.max(0, w);
      int[] ss = senses[w];
      int main = ss[r.nextInt(ss.length)];
      // a soft target: 0.6–0.9 on the main sense, the rest spread over the word's other senses
      double top = 0.6 + 0.3 * r.nextDouble();
      for (int sense : ss) {
        y[i][sense] = sense == main ? top : (1 - top) / (ss.length - 1);
      }
      int n = 1 + 8 + 20;
      int[] idx = new int[n];
      double[] val = new double[n];
      idx[0] = hash(1, w, 0) & mask;
      for (int q = 0; q < 8; q++) { // sense context: a Zipf draw from the sense's 400 cues
        int cue = (int) Math.pow(400, r.nextDouble());
        idx[1 + q] = hash(2, main, cue) & mask;
      }
      for (int q = 0; q < 20; q++) { // generic context: a Zipf draw from 500 000 words
        int word = (int) Math.pow(500_000, r.nextDouble());
        idx[9 + q] = hash(3, word, 0) & mask;
      }
      java.util.Arrays.fill(val, 1.0);
      x.add(SparseVector.of(idx, val));
      groups.add("w" + w);
    }
    return TrainingData.of(labels, x, y, null, groups);
  }

  private static int hash(int kind, int a, int b) {
    long h = kind * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return (int) h;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static double peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / 1048576.0;
  }
}
