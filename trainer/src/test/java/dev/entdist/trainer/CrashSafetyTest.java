package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL while a model is being written: a child process rewrites the model file in a loop and
 * is killed at a random moment, many times; after every kill the file under the final name is a
 * complete model that loads, and no partial file has taken its name. The number of kills is the
 * system property {@code entdist.crash.kills} (the {@code reliability} profile raises it).
 */
class CrashSafetyTest {

  @TempDir Path dir;

  @Test
  void killedWritesNeverLeaveABrokenModel() throws Exception {
    int kills = Integer.getInteger("entdist.crash.kills", 20);
    Path file = dir.resolve("model.bin");
    SplittableRandom random = new SplittableRandom(77);
    long midWrite = 0;
    for (int k = 0; k < kills; k++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
          System.getProperty("java.class.path"), ModelWriterProcess.class.getName(),
          file.toString(), String.valueOf(k))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        // Kill only once the child is rewriting the model in its loop.
        assertEquals("ready", out.readLine(), "the child should announce its first write");
        Thread.sleep(random.nextInt(0, 40));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
      } finally {
        // A failed assertion must not leave the child running.
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
      assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");
      SoftmaxModel m = ModelIo.read(file);
      assertEquals(6, m.labels().size());
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> left = files.filter(p -> !p.equals(file)).toList();
        if (left.size() > midWrite) {
          midWrite = left.size();
        }
        for (Path p : left) {
          assertTrue(p.getFileName().toString().endsWith(".tmp"),
              "only temporary files may be left beside the model: " + p);
        }
      }
    }
    System.out.printf("crash safety: %d SIGKILLs during a model-writing loop, %d of them while a"
        + " temporary file was being written; the model was intact after each%n", kills, midWrite);
  }
}
