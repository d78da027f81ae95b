package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The same data, seed, thread count and date give byte-identical model files, and L-BFGS gives
 * the same bytes for any thread count; one loaded model answers many threads at once exactly as
 * it answers one.
 */
class DeterminismAndConcurrencyTest {

  private static final String FIXED_DATE = "2026-01-01T00:00:00Z";

  /**
   * Enough rows and features that the objective has several row blocks and column blocks
   * (KlObjective splits work into blocks of 2 048 rows and 4 096 features), so that more than one
   * thread really shares the work.
   */
  static TrainingData data() {
    SplittableRandom r = new SplittableRandom(31);
    int n = 5000;
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(i % 3 == 0 ? "cell" : i % 3 == 1 ? "bank" : "bass");
    }
    return TrainingData.of(Fixtures.labels(4), Fixtures.sparseRows(n, 9000, 6, r),
        Fixtures.softTargets(n, 4, r), Fixtures.weights(n, r), groups);
  }

  /** A model file as {@code train} would write it, with the date fixed as SOURCE_DATE_EPOCH. */
  static byte[] trainAndEncode(TrainerConfig config) {
    SoftmaxModel m = SoftmaxTrainer.fit(data(), config).model();
    Provenance p = m.provenance();
    Provenance fixed = new Provenance(p.corpusChecksum(), p.regime(), p.lambda(), p.seed(),
        p.optimizer(), p.iterations(), p.finalObjective(), p.converged(), p.entdistVersion(),
        p.dependencyVersions(), FIXED_DATE);
    return ModelIo.encode(m.withProvenance(fixed).withSource("sha256:1", "soft"));
  }

  @ParameterizedTest(name = "{0}, {1} threads")
  @CsvSource({"LBFGS, 1", "LBFGS, 4", "ADAM, 1", "ADAM, 3"})
  void sameInputsSeedAndThreadsGiveIdenticalBytes(TrainerConfig.Optimizer optimizer,
      int threads) {
    TrainerConfig config = TrainerConfig.defaults().withOptimizer(optimizer).withThreads(threads)
        .withSeed(7).withMaxIter(60).withEpochs(8).withBatchSize(16);
    byte[] first = trainAndEncode(config);
    for (int run = 0; run < 2; run++) {
      assertArrayEquals(first, trainAndEncode(config), "run " + run);
    }
  }

  @Test
  void lbfgsGivesIdenticalBytesForAnyThreadCount() {
    TrainerConfig config = TrainerConfig.defaults().withOptimizer(TrainerConfig.Optimizer.LBFGS)
        .withSeed(7).withMaxIter(60);
    assertArrayEquals(trainAndEncode(config.withThreads(1)),
        trainAndEncode(config.withThreads(4)), "1 thread and 4 threads");
  }

  @Test
  void oneModelAnswersSixteenThreadsAsItAnswersOne() throws Exception {
    SoftmaxModel model = SoftmaxTrainer.fit(data(), TrainerConfig.defaults().withMaxIter(40)
        .withInventory(TrainerConfig.InventoryMode.RESTRICT, 0.01)).model();
    List<SparseVector> queries = Fixtures.sparseRows(400, 350, 8, new SplittableRandom(41));
    String[] words = {"cell", "bank", "bass", "unseen", null};
    double[][] expected = new double[queries.size()][];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = model.predict(queries.get(i), words[i % words.length]);
    }
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<double[][]>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int offset = t * 37;
        tasks.add(() -> {
          double[][] out = new double[queries.size()][];
          for (int rep = 0; rep < 20; rep++) {
            for (int q = 0; q < queries.size(); q++) {
              int i = (q + offset) % queries.size();
              out[i] = model.predict(queries.get(i), words[i % words.length]);
            }
          }
          return out;
        });
      }
      for (Future<double[][]> f : pool.invokeAll(tasks)) {
        double[][] got = f.get();
        for (int i = 0; i < expected.length; i++) {
          assertArrayEquals(expected[i], got[i], 0.0, "query " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
