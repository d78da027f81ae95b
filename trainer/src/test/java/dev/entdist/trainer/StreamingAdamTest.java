package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.LabelRegime;
import dev.entdist.divergence.SparseVector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingAdamTest {

  @TempDir Path dir;

  @Test
  void streamedAdamReachesTheInMemoryOptimum() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    int n = 3000;
    List<SparseVector> x = Fixtures.sparseRows(n, 200, 6, r);
    double[][] y = Fixtures.softTargets(n, 3, r);
    double[] w = Fixtures.weights(n, r);
    List<String> classes = List.of("z", "a", "m"); // not sorted: the stream sorts them
    PeerFormat.writeSplit(dir, classes, x, y, w);
    ExampleStream stream = PeerFormat.stream(dir, 200, LabelRegime.parse("soft"));
    assertEquals(List.of("a", "m", "z"), stream.labels());

    TrainingData data = PeerFormat.readSplit(dir, 200).toTrainingData();
    TrainerConfig c = TrainerConfig.defaults().withLambda(1e-3).withThreads(1);
    TrainingResult exact = SoftmaxTrainer.fit(data, c);
    TrainingResult streamed = StreamingAdam.fit(stream, c.withOptimizer(
        TrainerConfig.Optimizer.ADAM).withEpochs(40).withBatchSize(64).withLearningRate(0.02),
        ProgressListener.NONE);
    assertEquals(n, streamed.stats().examples());
    // both objectives recomputed from the models, and bounded on both sides
    double lbfgs = Fixtures.objectiveOf(exact.model(), data, 1e-3);
    double adam = Fixtures.objectiveOf(streamed.model(), data, 1e-3);
    assertEquals(lbfgs, exact.stats().finalObjective(), 1e-9 * lbfgs);
    assertEquals(adam, streamed.stats().finalObjective(), 1e-9 * adam);
    assertTrue(exact.stats().converged(), exact.stats().toString());
    assertTrue(adam >= lbfgs - 1e-9 * lbfgs, adam + " below " + lbfgs);
    assertTrue(adam - lbfgs < 0.01 * lbfgs, streamed.stats() + " vs " + exact.stats());
    // the same seed gives the same model
    TrainingResult again = StreamingAdam.fit(stream, c.withOptimizer(
        TrainerConfig.Optimizer.ADAM).withEpochs(2), ProgressListener.NONE);
    TrainingResult again2 = StreamingAdam.fit(stream, c.withOptimizer(
        TrainerConfig.Optimizer.ADAM).withEpochs(2), ProgressListener.NONE);
    assertArrayEquals(again.model().predict(x.get(0), null),
        again2.model().predict(x.get(0), null), 0.0);
  }
}
