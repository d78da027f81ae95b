package dev.entdist.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code entdist} in a fresh JVM through {@code bash -c}, so a test can use pipes, process
 * substitution, FIFOs, links and redirections exactly as a user's shell does; every run has a
 * time limit, so a hang fails the test instead of the build.
 */
final class Entdist {

  /** What one run did. */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private Entdist() {}

  /** The command that starts entdist from the test class path, quoted for bash. */
  static String command(String jvmOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return "'" + java + "' " + jvmOptions + " -cp '" + System.getProperty("java.class.path")
        + "' " + Main.class.getName();
  }

  /**
   * Runs {@code script} in {@code dir} with bash, where {@code $E} starts entdist and {@code
   * $E_SMALL} starts it with a 20 MB heap.
   *
   * @param seconds the time limit; the run fails when it is passed
   */
  static Run bash(Path dir, String script, int seconds, Map<String, String> env)
      throws IOException, InterruptedException {
    String body = script.replace("$E_SMALL", "entdist_small").replace("$E", "entdist");
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "entdist() { " + command("-Xss8m")
        + " \"$@\"; }\nentdist_small() { " + command("-Xmx20m") + " \"$@\"; }\n" + body));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("no result within " + seconds + " s (a hang?): " + script
          + "\nstderr so far:\n" + Files.readString(err, StandardCharsets.ISO_8859_1));
    }
    Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
        Files.readString(err, StandardCharsets.ISO_8859_1));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  /** {@link #bash(Path, String, int, Map)} with the default environment. */
  static Run bash(Path dir, String script, int seconds)
      throws IOException, InterruptedException {
    return bash(dir, script, seconds, Map.of());
  }
}
