package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelIo#write} never replaces something that is not a regular file: moving the
 * temporary file over a directory, a pipe or a device would swap it for a model file.
 */
class ModelIoTargetTest {

  @TempDir Path dir;

  private static SoftmaxModel model() {
    SplittableRandom r = new SplittableRandom(3);
    TrainingData data = TrainingData.of(Fixtures.labels(2), Fixtures.sparseRows(10, 50, 3, r),
        Fixtures.softTargets(10, 2, r), null, null);
    return SoftmaxTrainer.fit(data, TrainerConfig.defaults().withMaxIter(5)).model();
  }

  @Test
  void anEmptyDirectoryIsRefusedAndKept() throws IOException {
    Path target = Files.createDirectory(dir.resolve("out.model"));
    IOException e = assertThrows(IOException.class, () -> ModelIo.write(model(), target));
    assertTrue(e.getMessage().contains(target.toString())
        && e.getMessage().contains("not a regular file"), e.getMessage());
    assertTrue(Files.isDirectory(target), "the directory was replaced");
    assertEquals(List.of(target), contents());
  }

  @Test
  void aNamedPipeIsRefusedAndKept() throws Exception {
    Path fifo = dir.resolve("pipe.model");
    assumeTrue(mkfifo(fifo), "mkfifo is not available here");
    IOException e = assertThrows(IOException.class, () -> ModelIo.write(model(), fifo));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo),
        "the pipe was replaced");
    assertEquals(List.of(fifo), contents());
  }

  @Test
  void aRegularFileIsReplaced() throws Exception {
    Path target = Files.writeString(dir.resolve("old.model"), "not a model");
    SoftmaxModel m = model();
    ModelIo.write(m, target);
    assertEquals(m.labels(), ModelIo.read(target).labels());
  }

  private List<Path> contents() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  /** Creates a named pipe with the system's mkfifo; false where there is none. */
  static boolean mkfifo(Path path) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
      return p.waitFor() == 0 && Files.exists(path);
    } catch (IOException e) {
      return false;
    }
  }
}
