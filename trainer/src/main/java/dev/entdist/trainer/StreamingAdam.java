package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import dev.entdist.divergence.SparseVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Minibatch Adam over an {@link ExampleStream}: memory holds the parameters (seen features × K),
 * Adam's two moment vectors and one shuffle window of rows, never the whole data set. A first
 * pass finds the seen features; each epoch streams the rows through a seeded shuffle window of
 * {@value #WINDOW} rows and takes a step per minibatch (batch weighted mean KL + (λ/2)‖W‖², as
 * the in-memory Adam). With a validation fraction, rows are held out by a seeded hash of their
 * number and the run stops early on their mean KL. A final pass computes the full objective and
 * gradient at the returned parameters.
 */
public final class StreamingAdam {

  static final int WINDOW = 16384;

  private StreamingAdam() {}

  /**
   * Trains with Adam on a stream; {@code config}'s inventory must be {@code NONE} (streams carry
   * no groups).
   *
   * @throws IOException if reading fails
   * @throws PeerFormatException if the stream holds a malformed row
   */
  public static TrainingResult fit(ExampleStream stream, TrainerConfig config,
      ProgressListener listener) throws IOException, PeerFormatException {
    if (config.inventory() != TrainerConfig.InventoryMode.NONE) {
      throw new IllegalArgumentException("streamed training has no groups: use inventory none");
    }
    List<String> labels = TrainingData.checkLabels(stream.labels());
    int k = labels.size();
    // pass 1: seen features, row count, weight sum
    java.util.BitSet seen = new java.util.BitSet();
    long[] rows = {0};
    double[] wsum = {0};
    stream.forEach((row, x, t, w) -> {
      for (int e = 0; e < x.nnz(); e++) {
        seen.set(x.index(e));
      }
      rows[0]++;
      wsum[0] += w;
    });
    if (rows[0] == 0 || !(wsum[0] > 0)) {
      throw new IllegalArgumentException("no training rows with positive weight");
    }
    FeatureIndex index = FeatureIndex.ofSortedIds(seen.stream().toArray());
    int f = index.size();
    int wEnd = f * k;
    double[] theta = new double[wEnd + k];
    double[] grad = new double[theta.length];
    double[] m = new double[theta.length];
    double[] v = new double[theta.length];
    long start = System.nanoTime();
    long[] t = {0};
    int steps = 0;
    double bestHeld = Double.POSITIVE_INFINITY;
    double[] best = null;
    int sinceBest = 0;
    int epochsDone = 0;
    SplittableRandom random = new SplittableRandom(config.seed());
    long holdSalt = config.seed() * 0x9E3779B97F4A7C15L;
    double fraction = config.validationFraction();
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      Window window = new Window(k, config.batchSize(), random);
      stream.forEach((row, x, target, w) -> {
        if (fraction > 0 && heldOut(row, holdSalt, fraction)) {
          return;
        }
        window.add(remap(x, index, target.clone(), w));
        while (window.full()) {
          window.step(theta, grad, m, v, ++t[0], config, wEnd);
        }
      });
      while (window.size() > 0) {
        window.step(theta, grad, m, v, ++t[0], config, wEnd);
      }
      steps = (int) t[0];
      epochsDone = epoch;
      listener.onProgress(epoch, config.epochs(), Double.NaN, Double.NaN,
          (System.nanoTime() - start) / 1e9);
      if (fraction > 0) {
        double held = heldOutKl(stream, index, theta, k, holdSalt, fraction);
        if (held < bestHeld) {
          bestHeld = held;
          best = theta.clone();
          sinceBest = 0;
        } else if (++sinceBest >= config.patience()) {
          break;
        }
      }
    }
    if (best != null) {
      System.arraycopy(best, 0, theta, 0, theta.length);
    }
    double objective = fullObjective(stream, index, theta, grad, k, wsum[0], config.lambda());
    double gmax = AdamOptimizer.maxAbs(grad);
    double seconds = (System.nanoTime() - start) / 1e9;
    FitStats stats = new FitStats(TrainerConfig.Optimizer.ADAM, epochsDone, steps, objective,
        gmax, seconds, gmax <= config.tol(), (int) Math.min(Integer.MAX_VALUE, rows[0]), f, k,
        config.lambda());
    SoftmaxModel model = new SoftmaxModel(labels, index, java.util.Arrays.copyOf(theta, wEnd),
        java.util.Arrays.copyOfRange(theta, wEnd, wEnd + k), Map.of(), false, config.delta(),
        null, Map.of(), Provenance.ofFit(config, stats));
    return new TrainingResult(model, stats);
  }

  private static boolean heldOut(long row, long salt, double fraction) {
    long h = (row + salt) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    h *= 0x94D049BB133111EBL;
    h ^= h >>> 29;
    return (h >>> 11) * 0x1.0p-53 < fraction;
  }

  /** A row with its features remapped to compact rows of the index. */
  private record Row(int[] cols, double[] vals, double[] target, double weight) {}

  private static Row remap(SparseVector x, FeatureIndex index, double[] target, double w) {
    int[] cols = new int[x.nnz()];
    double[] vals = new double[x.nnz()];
    for (int e = 0; e < cols.length; e++) {
      cols[e] = index.row(x.index(e));
      vals[e] = x.value(e);
    }
    return new Row(cols, vals, target, w);
  }

  private static double heldOutKl(ExampleStream stream, FeatureIndex index, double[] theta,
      int k, long salt, double fraction) throws IOException, PeerFormatException {
    double[] acc = new double[2];
    double[] z = new double[k];
    stream.forEach((row, x, target, w) -> {
      if (heldOut(row, salt, fraction)) {
        Row r = remap(x, index, target, w);
        SoftmaxKernel.logits(theta, WeightLayout.dense(index.size(), k), r.cols(), r.vals(), 0, r.cols().length, null, z);
        acc[0] += w * Kernels.klDivergenceFromLogits(target, 0, z, 0, k);
        acc[1] += w;
      }
    });
    return acc[1] > 0 ? acc[0] / acc[1] : Double.NaN;
  }

  private static double fullObjective(ExampleStream stream, FeatureIndex index, double[] theta,
      double[] grad, int k, double wsum, double lambda) throws IOException, PeerFormatException {
    int wEnd = index.size() * k;
    java.util.Arrays.fill(grad, 0);
    double[] loss = {0};
    double[] z = new double[k];
    double[] res = new double[k];
    WeightLayout layout = WeightLayout.dense(index.size(), k);
    stream.forEach((row, x, target, w) -> {
      Row r = remap(x, index, target, w);
      int nnz = r.cols().length;
      loss[0] += SoftmaxKernel.rowResiduals(theta, layout, r.cols(), r.vals(), 0, nnz, null,
          target, 0, SoftmaxKernel.yLogY(target, 0, k), w / wsum, z, res, 0);
      SoftmaxKernel.scatter(grad, layout, r.cols(), r.vals(), 0, nnz, res, 0);
    });
    double sq = 0;
    for (int q = 0; q < wEnd; q++) {
      sq += theta[q] * theta[q];
      grad[q] += lambda * theta[q];
    }
    return loss[0] + 0.5 * lambda * sq;
  }

  /** A seeded shuffle window that releases random minibatches once it holds WINDOW rows. */
  private static final class Window {
    private final int k;
    private final int batch;
    private final SplittableRandom random;
    private final List<Row> rows = new ArrayList<>();
    private final Row[] picked;
    private final double[] z;
    private final double[] res;

    Window(int k, int batch, SplittableRandom random) {
      this.k = k;
      this.batch = batch;
      this.random = random;
      this.picked = new Row[batch];
      this.z = new double[k];
      this.res = new double[k];
    }

    void add(Row row) {
      rows.add(row);
    }

    int size() {
      return rows.size();
    }

    boolean full() {
      return rows.size() >= Math.max(WINDOW, batch);
    }

    /** Draws up to one batch of rows at random (removing them) and takes one Adam step. */
    void step(double[] theta, double[] grad, double[] m, double[] v, long t, TrainerConfig c,
        int wEnd) {
      WeightLayout layout = WeightLayout.dense(wEnd / k, k);
      int b = Math.min(batch, rows.size());
      java.util.Arrays.fill(grad, 0);
      double sw = 0;
      for (int q = 0; q < b; q++) {
        int pick = random.nextInt(rows.size());
        int last = rows.size() - 1;
        picked[q] = rows.get(pick);
        sw += picked[q].weight();
        rows.set(pick, rows.get(last));
        rows.remove(last);
      }
      if (!(sw > 0)) {
        return;
      }
      for (int q = 0; q < b; q++) {
        Row r = picked[q];
        int nnz = r.cols().length;
        SoftmaxKernel.rowResiduals(theta, layout, r.cols(), r.vals(), 0, nnz, null, r.target(),
            0, 0.0, r.weight() / sw, z, res, 0);
        SoftmaxKernel.scatter(grad, layout, r.cols(), r.vals(), 0, nnz, res, 0);
      }
      AdamOptimizer.update(theta, grad, m, v, t, c.learningRate(), c.lambda(), wEnd);
    }
  }
}
