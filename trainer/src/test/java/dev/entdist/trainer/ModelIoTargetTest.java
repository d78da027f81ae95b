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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelIo#write} never replaces something that is not a regular file: a directory is
 * refused, a pipe is written straight through, a symbolic link stays a link and its target gets
 * the model; and {@link ModelIo#read} names what it was given when that is not a model file.
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
        && e.getMessage().contains("is a directory"), e.getMessage());
    assertTrue(Files.isDirectory(target), "the directory was replaced");
    assertEquals(List.of(target), contents());
  }

  @Test
  void aNamedPipeIsWrittenThroughAndKept() throws Exception {
    Path fifo = dir.resolve("pipe.model");
    assumeTrue(mkfifo(fifo), "mkfifo is not available here");
    SoftmaxModel m = model();
    CompletableFuture<SoftmaxModel> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return ModelIo.read(fifo);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    ModelIo.write(m, fifo);
    assertEquals(m.labels(), reader.get(30, TimeUnit.SECONDS).labels());
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo),
        "the pipe was replaced");
    assertEquals(List.of(fifo), contents());
  }

  @Test
  void aLinkStaysALinkAndItsTargetGetsTheModel() throws Exception {
    Path real = Files.writeString(dir.resolve("real.model"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.model"), real.getFileName());
    SoftmaxModel m = model();
    ModelIo.write(m, link);
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(m.labels(), ModelIo.read(real).labels());
  }

  @Test
  void aDirectoryOrDevNullIsNotAModelAndSaysSo() throws Exception {
    ModelFormatException d = assertThrows(ModelFormatException.class, () -> ModelIo.read(dir));
    assertTrue(d.getMessage().startsWith(dir + ": is a directory"), d.getMessage());
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull));
    ModelFormatException n = assertThrows(ModelFormatException.class,
        () -> ModelIo.read(devNull));
    assertTrue(n.getMessage().startsWith("/dev/null: is empty"), n.getMessage());
  }

  @Test
  void theFeatureDimensionIsStoredAndOptional() throws Exception {
    SoftmaxModel m = model();
    Path plain = dir.resolve("plain.model");
    ModelIo.write(m, plain);
    assertEquals(0, ModelIo.read(plain).featureDimension());
    Path sized = dir.resolve("sized.model");
    ModelIo.write(m.withFeatureDimension(1 << 10), sized);
    assertEquals(1 << 10, ModelIo.read(sized).featureDimension());
    assertThrows(IllegalArgumentException.class, () -> m.withFeatureDimension(2));
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
