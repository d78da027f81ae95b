package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models written in format 1 (see {@code v1/README.md}) keep reading and predicting alike. */
class ModelIoV1Test {

  @TempDir Path dir;

  private Path copy(String name) throws Exception {
    Path file = dir.resolve(name);
    try (InputStream in = ModelIoV1Test.class.getResourceAsStream("v1/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void formatOneReadsWithNeutralAdjustmentsAndPredictsAsBefore() throws Exception {
    Path file = copy("restricted.model");
    assertEquals(1, ByteBuffer.wrap(Files.readAllBytes(file), 8, 4).getInt());
    SoftmaxModel m = ModelIo.read(file);
    assertEquals(1.0, m.temperature());
    assertEquals(0.0, m.unrestrictedWeight());
    assertEquals(Set.of(), m.labelsWithoutMass());
    assertTrue(m.restricted());
    String tsv;
    try (InputStream in = ModelIoV1Test.class.getResourceAsStream("v1/predictions.tsv")) {
      tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int checked = 0;
    for (String line : tsv.split("\n")) {
      if (line.startsWith("#") || line.startsWith("features")) {
        continue;
      }
      String[] f = line.split("\t");
      String[] entries = f[0].split(",");
      int[] idx = new int[entries.length];
      double[] val = new double[entries.length];
      for (int e = 0; e < entries.length; e++) {
        idx[e] = Integer.parseInt(entries[e].split(":")[0]);
        val[e] = Double.parseDouble(entries[e].split(":")[1]);
      }
      double[] expected = Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble)
          .toArray();
      String word = f[1].equals("-") ? null : f[1];
      assertArrayEquals(expected, m.predict(SparseVector.of(idx, val), word), 0.0, line);
      checked++;
    }
    assertEquals(24, checked);

    // written again, it is format 2 and keeps the adjustments
    Path again = dir.resolve("again.model");
    ModelIo.write(m.withTemperature(1.7).withUnrestrictedWeight(0.2)
        .withLabelsWithoutMass(Set.of("lc")), again);
    assertEquals(ModelIo.FORMAT_VERSION,
        ByteBuffer.wrap(Files.readAllBytes(again), 8, 4).getInt());
    SoftmaxModel back = ModelIo.read(again);
    assertEquals(1.7, back.temperature());
    assertEquals(0.2, back.unrestrictedWeight());
    assertEquals(Set.of("lc"), back.labelsWithoutMass());
  }
}
