package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIoTest {

  @TempDir Path dir;

  private static SoftmaxModel trained() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 80;
    List<SparseVector> x = Fixtures.sparseRows(n, 1000, 6, r);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(i % 2 == 0 ? "cell" : "bank");
    }
    TrainingData data = TrainingData.of(Fixtures.labels(4), x, Fixtures.softTargets(n, 4, r),
        null, groups);
    return SoftmaxTrainer.fit(data, TrainerConfig.defaults().withMaxIter(30)
            .withInventory(TrainerConfig.InventoryMode.RESTRICT, 0.01)).model()
        .withFeatureConfigJson("{\"hash_bits\":18,\"window\":3}")
        .withWordSummaries(Map.of("cell", new double[] {0.5, 0.25, 0.125, 0.125},
            "bank", new double[] {0.1, 0.2, 0.3, 0.4}))
        .withSource("sha256:abc", "soft");
  }

  @Test
  void roundTripKeepsEverything() throws Exception {
    SoftmaxModel m = trained();
    Path file = dir.resolve("m.model");
    ModelIo.write(m, file);
    SoftmaxModel back = ModelIo.read(file);
    assertEquals(m.labels(), back.labels());
    assertEquals(m.inventories(), back.inventories());
    assertEquals(m.featureConfigJson(), back.featureConfigJson());
    assertEquals(m.provenance(), back.provenance());
    assertEquals(m.restricted(), back.restricted());
    assertEquals(m.delta(), back.delta());
    Map<String, double[]> a = m.wordSummaries();
    Map<String, double[]> b = back.wordSummaries();
    assertEquals(a.keySet(), b.keySet());
    a.forEach((w, d) -> assertArrayEquals(d, b.get(w), 0.0));
    SplittableRandom r = new SplittableRandom(9);
    for (SparseVector x : Fixtures.sparseRows(50, 1200, 8, r)) {
      assertArrayEquals(m.predict(x, "cell"), back.predict(x, "cell"), 0.0);
      assertArrayEquals(m.predict(x, null), back.predict(x, null), 0.0);
    }
    // same model, same bytes
    Path again = dir.resolve("again.model");
    ModelIo.write(back, again);
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void damagedFileIsRefusedByChecksum() throws Exception {
    Path file = dir.resolve("m.model");
    ModelIo.write(trained(), file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIo.read(file));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void truncatedFileIsRefused() throws Exception {
    Path file = dir.resolve("m.model");
    ModelIo.write(trained(), file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    assertThrows(ModelFormatException.class, () -> ModelIo.read(file));
  }

  @Test
  void newerFormatVersionIsRefusedWithAMessageThatSaysSo() throws Exception {
    Path file = dir.resolve("m.model");
    ModelIo.write(trained(), file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(8, ModelIo.FORMAT_VERSION + 1);
    Files.write(file, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIo.read(file));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void otherFilesAreNotModels() throws Exception {
    Path file = dir.resolve("not.model");
    Files.writeString(file, "{\"labels\":[]}");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIo.read(file));
    assertTrue(e.getMessage().contains("not an entdist model"), e.getMessage());
  }

  private List<Path> leftovers() throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".tmp")).toList();
    }
  }
}
