package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Adam's per-epoch report: a listener that wants the objective gets the full objective and
 * gradient after each epoch; one that does not gets NaN and spares the pass; the model is the
 * same either way, to the bit.
 */
class AdamReportsTest {

  @Test
  void theReportPassChangesNothingAndIsSkippedWhenNotWanted() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 300;
    int k = 4;
    List<SparseVector> x = Fixtures.sparseRows(n, 50, 6, r);
    TrainingData data = TrainingData.of(Fixtures.labels(k), x, Fixtures.softTargets(n, k, r),
        Fixtures.weights(n, r), null);
    TrainerConfig config = TrainerConfig.defaults().withOptimizer(TrainerConfig.Optimizer.ADAM)
        .withEpochs(4).withBatchSize(32).withLambda(1e-3);

    TraceListener wanted = new TraceListener(ProgressListener.NONE);
    TrainingResult withReports = SoftmaxTrainer.fit(data, config, wanted);
    List<Double> unwanted = new ArrayList<>();
    ProgressListener quiet = new ProgressListener() {
      @Override
      public void onProgress(int iteration, int maxIterations, double objective,
          double gradientMax, double elapsedSeconds) {
        unwanted.add(objective);
        unwanted.add(gradientMax);
      }

      @Override
      public boolean wantsObjective() {
        return false;
      }
    };
    TrainingResult without = SoftmaxTrainer.fit(data, config, quiet);

    assertArrayEquals(withReports.model().weightArray(), without.model().weightArray());
    assertArrayEquals(withReports.model().biasArray(), without.model().biasArray());
    assertEquals(withReports.stats().finalObjective(), without.stats().finalObjective());
    assertEquals(4, wanted.records().size());
    for (TraceListener.Record rec : wanted.records()) {
      assertTrue(Double.isFinite(rec.objective()) && rec.objective() > 0, rec.toString());
      assertTrue(Double.isFinite(rec.gradientMax()), rec.toString());
    }
    // the last report is the objective at the returned parameters
    assertEquals(withReports.stats().finalObjective(),
        wanted.records().get(3).objective(), 1e-12);
    assertEquals(8, unwanted.size());
    assertTrue(unwanted.stream().allMatch(v -> Double.isNaN(v)), unwanted.toString());
  }
}
