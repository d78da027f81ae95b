package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file gets the permissions the umask gives any new file, not the owner-only mode of a
 * {@code Files.createTempFile} file.
 */
class ModelIoPermissionsTest {

  @TempDir Path dir;

  @Test
  void aWrittenModelHasThePermissionsOfAFreshlyCreatedFile() throws Exception {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
        "the file system has no POSIX permissions");
    Path fresh = Files.createFile(dir.resolve("fresh"));
    SplittableRandom r = new SplittableRandom(5);
    TrainingData data = TrainingData.of(Fixtures.labels(2), Fixtures.sparseRows(10, 50, 3, r),
        Fixtures.softTargets(10, 2, r), null, null);
    Path model = dir.resolve("out.model");
    ModelIo.write(SoftmaxTrainer.fit(data, TrainerConfig.defaults().withMaxIter(5)).model(),
        model);
    assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(model));
  }
}
