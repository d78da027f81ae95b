package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entdist.divergence.SparseVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerFormatTest {

  @TempDir Path dir;

  @Test
  void roundTrip() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    List<SparseVector> x = Fixtures.sparseRows(40, 500, 6, r);
    x.set(3, SparseVector.empty());
    double[][] y = Fixtures.softTargets(40, 3, r);
    double[] w = Fixtures.weights(40, r);
    List<String> classes = List.of("phone", "biology", "prison");
    PeerFormat.writeMeta(dir, 500, classes);
    PeerFormat.writeSplit(dir.resolve("train"), classes, x, y, w);
    assertEquals(500, PeerFormat.readMeta(dir).nFeatures());
    PeerFormat.Split s = PeerFormat.readSplit(dir.resolve("train"), 500);
    assertEquals(classes, s.classes());
    assertEquals(x, s.features());
    assertArrayEquals(w, s.weights(), 0);
    for (int i = 0; i < 40; i++) {
      assertArrayEquals(y[i], s.labels()[i], 1e-15);
    }
    TrainingData td = s.toTrainingData();
    assertEquals(List.of("biology", "phone", "prison"), td.labels());
    assertEquals(y[5][1], td.target(5)[0], 1e-15);
  }

  @Test
  void errorsNameFileLineAndField() throws Exception {
    Path split = dir.resolve("bad");
    Files.createDirectories(split);
    Files.writeString(split.resolve("features.svm"), "0 1:1 4:2\n0 3:1 2:1\n");
    Files.writeString(split.resolve("labels.tsv"), "a\tb\n1\t0\n0.5\t0.5\n");
    PeerFormatException e = assertThrows(PeerFormatException.class,
        () -> PeerFormat.readSplit(split, 10));
    assertEquals(2, e.line());
    assertEquals("bad/features.svm:2: field 2: index 2 not greater than the previous 3",
        dir.relativize(Path.of(e.getMessage().split(": ", 2)[0])) + ": "
            + e.getMessage().split(": ", 2)[1]);
    Files.writeString(split.resolve("features.svm"), "0 1:1\n0 3:1\n");
    Files.writeString(split.resolve("labels.tsv"), "a\tb\n1\t0\n0.5\t0.6\n");
    e = assertThrows(PeerFormatException.class, () -> PeerFormat.readSplit(split, 10));
    assertEquals(3, e.line());
    Files.writeString(split.resolve("labels.tsv"), "a\tb\n1\t0\n0.5\tx\n");
    e = assertThrows(PeerFormatException.class, () -> PeerFormat.readSplit(split, 10));
    assertEquals(split.resolve("labels.tsv") + ":3: field 2 (b) 'x' is not a number",
        e.getMessage());
    Files.writeString(split.resolve("labels.tsv"), "a\tb\n1\t0\n0.5\t0.5\n");
    e = assertThrows(PeerFormatException.class, () -> PeerFormat.readSplit(split, 2));
    assertEquals(2, e.line()); // index 3 outside [0, 2)
  }
}
