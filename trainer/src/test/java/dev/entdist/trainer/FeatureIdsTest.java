package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.entdist.divergence.SparseVector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SoftmaxModel#featureIds()}: the ids of the stored weight rows, sorted, a copy. */
class FeatureIdsTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void featureIdsAreTheTrainingColumnsSortedAndACopy(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 40;
    // Ids up to 2^24 + 10, beyond the dense lookup of the index.
    int dimension = (1 << 24) + 10;
    List<SparseVector> x = Fixtures.sparseRows(n, dimension, 5, r);
    TrainingData data = TrainingData.of(Fixtures.labels(3), x, Fixtures.softTargets(n, 3, r),
        null, null);
    SoftmaxModel model = SoftmaxTrainer.fit(data, TrainerConfig.defaults().withMaxIter(10))
        .model();

    TreeSet<Integer> seen = new TreeSet<>();
    for (SparseVector v : x) {
      for (int id : v.indices()) {
        seen.add(id);
      }
    }
    int[] expected = seen.stream().mapToInt(Integer::intValue).toArray();
    int[] ids = model.featureIds();
    assertArrayEquals(expected, ids);
    assertEquals(model.numFeatures(), ids.length);

    // Every non-zero weight belongs to a listed id: ids in between have none.
    for (int probe = 0; probe < 200; probe++) {
      int id = r.nextInt(dimension);
      if (!seen.contains(id)) {
        for (int j = 0; j < 3; j++) {
          assertEquals(0.0, model.weight(id, j));
        }
      }
    }

    ids[0] = -7;
    assertNotEquals(-7, model.featureIds()[0], "featureIds() must return a copy");

    Path file = dir.resolve("m.model");
    ModelIo.write(model, file);
    assertArrayEquals(expected, ModelIo.read(file).featureIds());
  }
}
