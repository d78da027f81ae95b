package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared labels without training mass: known to the model, recorded, never a zero. */
class LabelSpaceTest {

  @TempDir Path dir;

  @Test
  void aDeclaredLabelWithoutMassIsRecordedAndPredictedAboveZero() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    int n = 60;
    List<SparseVector> x = Fixtures.sparseRows(n, 40, 4, r);
    double[][] t = Fixtures.softTargets(n, 4, r);
    for (double[] row : t) { // label lc (index 2) is declared but never annotated
      row[0] += row[2];
      row[2] = 0;
    }
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1);
    t[0] = new double[] {0, 0, 0, 1};
    w[0] = 0; // ld's only mass has weight 0: it has no training mass either
    for (int i = 1; i < n; i++) {
      t[i][1] += t[i][3];
      t[i][3] = 0;
    }
    SoftmaxModel m = SoftmaxTrainer.fit(TrainingData.of(Fixtures.labels(4), x, t, w, null),
        TrainerConfig.defaults().withMaxIter(100)).model();
    assertEquals(Set.of("lc", "ld"), m.labelsWithoutMass());
    for (SparseVector v : Fixtures.sparseRows(30, 50, 5, r)) {
      double[] p = m.predict(v, null);
      assertTrue(p[2] > 0 && p[2] < 0.01, "p(lc) = " + p[2]);
    }
    Path file = dir.resolve("m.model");
    ModelIo.write(m, file);
    assertEquals(Set.of("lc", "ld"), ModelIo.read(file).labelsWithoutMass());
  }
}
