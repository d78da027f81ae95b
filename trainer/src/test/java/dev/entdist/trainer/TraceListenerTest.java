package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One trace record per iteration (epoch), ending at the reported final point. */
class TraceListenerTest {

  @TempDir Path dir;

  private static TrainingData data() {
    SplittableRandom r = new SplittableRandom(41);
    int n = 400;
    List<SparseVector> x = Fixtures.sparseRows(n, 60, 5, r);
    return TrainingData.of(Fixtures.labels(3), x, Fixtures.softTargets(n, 3, r), null, null);
  }

  @Test
  void lbfgsReportsEveryIterationWithADecreasingObjective() throws Exception {
    TraceListener trace = new TraceListener(null);
    FitStats s = SoftmaxTrainer.fit(data(), TrainerConfig.defaults().withLambda(1e-3), trace)
        .stats();
    List<TraceListener.Record> rec = trace.records();
    assertEquals(s.iterations() + 1, rec.size());
    for (int i = 0; i < rec.size(); i++) {
      assertEquals(i, rec.get(i).iteration());
      if (i > 0) {
        assertTrue(rec.get(i).objective() < rec.get(i - 1).objective(), "iteration " + i);
        assertTrue(rec.get(i).seconds() >= rec.get(i - 1).seconds());
      }
    }
    TraceListener.Record last = rec.get(rec.size() - 1);
    assertEquals(s.finalObjective(), last.objective(), 0.0);
    assertEquals(s.finalGradientMax(), last.gradientMax(), 0.0);

    Path csv = dir.resolve("trace.csv");
    trace.writeCsv(csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(TraceListener.HEADER, lines.get(0));
    assertEquals(rec.size() + 1, lines.size());
    String[] fields = lines.get(lines.size() - 1).split(",");
    assertEquals(s.iterations(), Integer.parseInt(fields[0]));
    assertEquals(s.finalObjective(), Double.parseDouble(fields[1]), 0.0);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void adamReportsEveryEpochAndPassesReportsOn() {
    int[] passed = {0};
    TraceListener trace = new TraceListener((i, max, f, g, sec) -> passed[0]++);
    SoftmaxTrainer.fit(data(), TrainerConfig.defaults().withOptimizer(
        TrainerConfig.Optimizer.ADAM).withEpochs(4), trace);
    assertEquals(4, trace.records().size());
    assertEquals(4, passed[0]);
    assertEquals(4, trace.records().get(3).iteration());
  }
}
