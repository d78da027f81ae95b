package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./entdist} launcher's class-data archive: recorded by the first run of a command,
 * used by the next, recorded again after a rebuild; the recording run keeps standard input, the
 * exit status, a clean standard output and the way a signal stops the program. The launcher runs
 * a probe jar ({@link LauncherProbe}) in a copy of the repository's layout.
 */
class LauncherTest {

  @TempDir Path root;
  private Path jar;
  private Path archives;

  @BeforeEach
  void layout() throws IOException, InterruptedException {
    Path script = Path.of("..", "entdist").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(script), "the launcher sits at the repository root");
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Process share = new ProcessBuilder("java", "-Xshare:on", "-version")
        .redirectErrorStream(true).start();
    share.getInputStream().readAllBytes();
    assumeTrue(share.waitFor() == 0, "this JDK has its own class-data archive");
    Files.copy(script, root.resolve("entdist"), StandardCopyOption.COPY_ATTRIBUTES);
    jar = root.resolve("cli/target/entdist.jar");
    archives = root.resolve("cli/target/cds");
    Files.createDirectories(jar.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream in = LauncherProbe.class.getResourceAsStream("/" + entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }

  @Test
  void theFirstRunRecordsTheArchiveAndTheNextUsesIt() throws Exception {
    Run first = run(Map.of(), "", "probe", "one", "two");
    assertEquals(0, first.code, first.toString());
    assertEquals(List.of("args=probe one two", "archive="), first.lines(), first.toString());
    Path archive = archives.resolve("probe.jsa");
    assertTrue(Files.isRegularFile(archive), "archive recorded");
    assertEquals(List.of(archive), listArchives(), "no partial archive left behind");

    Run second = run(Map.of(), "", "probe", "one");
    assertEquals(0, second.code, second.toString());
    assertEquals(List.of("args=probe one", "archive=" + archive), second.lines(),
        second.toString());

    // A rebuilt jar makes the archive stale: the next run records it again.
    assertTrue(archive.toFile().setLastModified(jar.toFile().lastModified() - 5_000));
    Run third = run(Map.of(), "", "probe");
    assertEquals(List.of("args=probe", "archive="), third.lines(), third.toString());
    assertTrue(Files.getLastModifiedTime(archive).toMillis()
        > Files.getLastModifiedTime(jar).toMillis(), "archive recorded again");
    assertEquals("archive=" + archive, run(Map.of(), "", "probe").lines().get(1));
  }

  @Test
  void bothRunsKeepStandardInputAndTheExitStatus() throws Exception {
    for (int round = 0; round < 2; round++) {
      Run r = run(Map.of(), "hello there\n", "probe", "stdin", "exit=3");
      assertEquals(3, r.code, "round " + round + ": " + r);
      assertEquals("stdin=hello there", r.lines().get(2), "round " + round + ": " + r);
    }
    assertTrue(Files.isRegularFile(archives.resolve("probe.jsa")));
  }

  @Test
  void aSignalReachesJavaThroughTheRecordingRun() throws Exception {
    Path marker = root.resolve("waiting");
    ProcessBuilder pb = new ProcessBuilder(root.resolve("entdist").toString(), "probe",
        "wait=" + marker).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(marker) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(marker), "the probe started");
    p.destroy(); // SIGTERM to the launcher
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
    assertEquals(143, p.exitValue(), "Java's status for SIGTERM");
    assertTrue(Files.exists(Path.of(marker + ".stopped")), "the shutdown hook ran");
  }

  @Test
  void turnedOffItRecordsNothing() throws Exception {
    Run r = run(Map.of("ENTDIST_CDS", "0"), "", "probe");
    assertEquals(List.of("args=probe", "archive="), r.lines(), r.toString());
    assertFalse(Files.exists(archives), "no archive directory");
  }

  private List<Path> listArchives() throws IOException {
    try (Stream<Path> s = Files.list(archives)) {
      return s.sorted().toList();
    }
  }

  private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    List<String> command = Stream.concat(Stream.of(root.resolve("entdist").toString()),
        Stream.of(args)).toList();
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("ENTDIST_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    byte[] err = p.getErrorStream().readAllBytes();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
    return new Run(p.exitValue(), out, new String(err, StandardCharsets.UTF_8));
  }

  private record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }
}
