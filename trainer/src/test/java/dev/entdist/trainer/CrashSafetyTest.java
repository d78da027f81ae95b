package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL while a model is being written: a child process rewrites the model file in a loop and
 * is killed many times, at a random moment of a write (timed from the child's announcement of
 * the write) or just after the temporary file of a write appeared. After every kill the file
 * under the final name is a complete model that loads and no partial file has taken its name;
 * some of the kills must have left a temporary file behind (they landed while it was being
 * written). The number of kills is the system property {@code entdist.crash.kills} (the {@code
 * reliability} profile raises it).
 */
class CrashSafetyTest {

  /** The most kills tried while none has landed during a write. */
  private static final int MAX_KILLS = 300;

  @TempDir Path dir;

  @Test
  void killedWritesNeverLeaveABrokenModel() throws Exception {
    int kills = Integer.getInteger("entdist.crash.kills", 20);
    Path file = dir.resolve("model.bin");
    SplittableRandom random = new SplittableRandom(77);
    long midWrite = 0;
    // Landing inside the short moment a temporary file exists depends on the machine's load:
    // after the planned kills, go on (up to MAX_KILLS) until at least one has.
    int k = 0;
    for (; k < kills || (midWrite == 0 && k < MAX_KILLS); k++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
          System.getProperty("java.class.path"), ModelWriterProcess.class.getName(),
          file.toString(), String.valueOf(k))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8));
          Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
        String ready = out.readLine();
        assertTrue(ready != null && ready.startsWith("ready "),
            "the child should announce its first writes: " + ready);
        long write = Long.parseLong(ready.substring("ready ".length()));
        in.write("go\n");
        in.flush();
        assertEquals("writing", out.readLine(), "the child should announce each write");
        if (k % 2 == 0) {
          // The child has just started a write, which is done about `write` ns later: kill at
          // a random moment of it (encoding, filling the temporary file, or moving it).
          LockSupport.parkNanos((long) (random.nextDouble() * write));
        } else {
          // Filling the temporary file is a small part of a write (encoding and hashing the
          // model take most of it), so wait until the temporary file appears, then kill after
          // a short random delay.
          awaitTemporaryFile(file, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
          LockSupport.parkNanos(random.nextLong(0, 50_000));
        }
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
        for (Path p : left) {
          assertTrue(p.getFileName().toString().endsWith(".tmp"),
              "only temporary files may be left beside the model: " + p);
          Files.delete(p);
        }
        if (!left.isEmpty()) {
          midWrite++;
        }
      }
    }
    System.out.printf("crash safety: %d SIGKILLs during a model-writing loop, %d of them while a"
        + " temporary file was being written; the model was intact after each%n", k, midWrite);
    assertTrue(midWrite > 0, "no kill landed while a temporary file was being written, so the"
        + " test proved nothing about a kill during a write");
  }

  /** Returns once a file other than {@code file} exists beside it, or at {@code deadline}. */
  private void awaitTemporaryFile(Path file, long deadline) throws Exception {
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(dir)) {
        if (files.anyMatch(p -> !p.equals(file))) {
          return;
        }
      }
    }
  }
}
