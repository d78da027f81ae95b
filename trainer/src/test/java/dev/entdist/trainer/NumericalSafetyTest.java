package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Degenerate data and extreme λ never put NaN or ∞ into a model; a diverging optimiser stops
 * with {@link TrainingDivergedException} and nothing is saved.
 */
class NumericalSafetyTest {

  @TempDir Path dir;

  /** Named degenerate data sets. */
  static Map<String, TrainingData> dataSets() {
    SplittableRandom r = new SplittableRandom(21);
    List<String> labels = Fixtures.labels(3);
    int n = 24;
    List<SparseVector> x = Fixtures.sparseRows(n, 30, 4, r);
    double[][] oneHot = new double[n][3];
    for (int i = 0; i < n; i++) {
      oneHot[i][i % 3] = 1;
    }
    double[][] oneExampleClass = new double[n][3];
    for (int i = 0; i < n; i++) {
      oneExampleClass[i][i == 0 ? 2 : i % 2] = 1;
    }
    List<SparseVector> duplicated = new ArrayList<>();
    double[][] dupTargets = new double[n][];
    double[][] soft = Fixtures.softTargets(n, 3, r);
    for (int i = 0; i < n; i++) {
      duplicated.add(x.get(i / 6));
      dupTargets[i] = soft[i / 6];
    }
    List<SparseVector> identical = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      identical.add(SparseVector.of(new int[] {1, 5}, new double[] {1, 1}));
    }
    List<SparseVector> huge = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      huge.add(SparseVector.of(new int[] {i % 4}, new double[] {1e150 * (i % 2 == 0 ? 1 : -1)}));
    }
    return Map.of(
        "one-hot labels with exact zeros", TrainingData.of(labels, x, oneHot, null, null),
        "a one-example class", TrainingData.of(labels, x, oneExampleClass, null, null),
        "duplicated examples", TrainingData.of(labels, duplicated, dupTargets, null, null),
        "all-identical features, conflicting labels",
            TrainingData.of(labels, identical, oneHot, null, null),
        "all-identical features, same label",
            TrainingData.of(labels, identical, repeat(new double[] {0, 1, 0}, n), null, null),
        "features of size 1e150", TrainingData.of(labels, huge, oneHot, null, null));
  }

  /** The one data set whose objective may overflow (features of size 1e150). */
  private static final String MAY_DIVERGE = "features of size 1e150";

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String name : dataSets().keySet().stream().sorted().toList()) {
      for (double lambda : new double[] {0, 1e-300, 1e-4, 1e6, 1e12, 1e300, Double.MAX_VALUE}) {
        for (TrainerConfig.Optimizer opt : TrainerConfig.Optimizer.values()) {
          out.add(Arguments.of(name, lambda, opt));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, lambda={1}, {2}")
  @MethodSource("cases")
  void modelsStayFiniteOrTrainingStopsWithAClearError(String name, double lambda,
      TrainerConfig.Optimizer optimizer) throws Exception {
    TrainingData data = dataSets().get(name);
    TrainerConfig config = TrainerConfig.defaults().withThreads(1).withLambda(lambda)
        .withOptimizer(optimizer).withMaxIter(100).withEpochs(20).withBatchSize(5);
    SoftmaxModel m;
    try {
      m = SoftmaxTrainer.fit(data, config).model();
    } catch (TrainingDivergedException e) {
      // Only the data with features of size 1e150 may overflow the objective; and Adam's fixed
      // step cannot settle where λ ≥ 1e6 makes the objective stiff: it oscillates to an objective
      // far above the untrained model's (up to 1e305), which is refused rather than saved. Every
      // other degenerate case must train to a finite model.
      boolean stiffAdam = optimizer == TrainerConfig.Optimizer.ADAM && lambda >= 1e6
          && e.getMessage().contains("above the");
      assertTrue(MAY_DIVERGE.equals(name) || stiffAdam, "unexpected divergence: "
          + e.getMessage());
      assertTrue(e.getMessage().contains("diverged"), e.getMessage());
      return;
    }
    assertAllFinite(m);
    ModelIo.write(m, dir.resolve("m.model"));
    for (int i = 0; i < data.size(); i++) {
      double[] p = m.predict(data.features(i), null);
      double s = 0;
      for (double v : p) {
        assertTrue(v >= 0 && v <= 1, "probability " + v);
        s += v;
      }
      assertEquals(1.0, s, 1e-9);
    }
  }

  @Test
  void aDivergingOptimiserStopsWithAClearError() {
    TrainingData data = dataSets().get("features of size 1e150");
    TrainerConfig config = TrainerConfig.defaults().withThreads(1)
        .withOptimizer(TrainerConfig.Optimizer.ADAM).withLearningRate(1e300).withEpochs(5)
        .withLambda(1);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> SoftmaxTrainer.fit(data, config));
    assertTrue(e.getMessage().contains("diverged"), e.getMessage());
  }

  @Test
  void aModelWithNonFiniteParametersIsNeverWritten() {
    SoftmaxModel good = SoftmaxTrainer.fit(dataSets().get("duplicated examples"),
        TrainerConfig.defaults().withThreads(1).withMaxIter(5)).model();
    double[] w = good.weightArray().clone();
    w[0] = Double.NaN;
    SoftmaxModel bad = new SoftmaxModel(good.labels(), good.featureIndex(), w,
        good.biasArray().clone(), Map.of(), false, 1e-3, null, Map.of(), good.provenance());
    Path file = dir.resolve("bad.model");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelIo.write(bad, file));
    assertTrue(e.getMessage().contains("finite"), e.getMessage());
    assertTrue(!file.toFile().exists() && dir.toFile().list().length == 0,
        "nothing was written");
  }

  static void assertAllFinite(SoftmaxModel m) {
    for (double v : m.weightArray()) {
      assertTrue(Double.isFinite(v), "weight " + v);
    }
    for (double v : m.biasArray()) {
      assertTrue(Double.isFinite(v), "bias " + v);
    }
    m.wordSummaries().values().forEach(d -> {
      for (double v : d) {
        assertTrue(Double.isFinite(v), "summary " + v);
      }
    });
  }

  private static double[][] repeat(double[] row, int n) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = row.clone();
    }
    return out;
  }
}
