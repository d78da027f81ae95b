package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --version}, {@code --verbose} stack traces in nested commands, and completion. */
class VersionAndErrorsTest {

  @Test
  void versionNamesEntdistJavaAndTheLibrariesWithTheirJarVersions() {
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.code());
    List<String> lines = run.out().lines().toList();
    assertEquals(6, lines.size(), run.out());
    assertTrue(lines.get(0).matches("entdist \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines.get(0));
    assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version")));
    // On the test class path each library is its own jar, whose manifest is independent of the
    // pom.properties and build values --version reads.
    assertEquals("Smile " + smile.math.MathEx.class.getPackage().getImplementationVersion(),
        lines.get(2));
    assertEquals("Apache OpenNLP " + opennlp.tools.util.Version.currentVersion(), lines.get(3));
    assertEquals("picocli " + picocli.CommandLine.VERSION, lines.get(4));
    assertEquals("Jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION,
        lines.get(5));
  }

  @Test
  void verboseInANestedCommandPrintsTheStackTrace() {
    CliRun quiet = CliRun.of("corpus", "stats", "no-such-file.jsonl");
    assertEquals(1, quiet.code());
    assertEquals("entdist: no such file: no-such-file.jsonl", quiet.err().strip());

    CliRun verbose = CliRun.of("corpus", "stats", "no-such-file.jsonl", "--verbose");
    assertEquals(1, verbose.code());
    assertTrue(verbose.err().startsWith("entdist: no such file: no-such-file.jsonl"));
    assertTrue(verbose.err().contains("\tat "), verbose.err());

    CliRun before = CliRun.of("--verbose", "corpus", "stats", "no-such-file.jsonl");
    assertTrue(before.err().contains("\tat "), "--verbose before the command works too");
  }

  @Test
  void aDivergedTrainingRunIsOneLineNotAStackTrace() {
    String message = ErrorHandler.message(new dev.entdist.trainer.TrainingDivergedException(
        "L-BFGS diverged: the objective became NaN at iteration 3"));
    assertEquals("L-BFGS diverged: the objective became NaN at iteration 3", message);
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRun run = CliRun.of("comparre");
    assertEquals(2, run.code());
    assertFalse(run.err().contains("\tat "));
  }

  @Test
  void completionPrintsABashScriptThatKnowsEveryCommand() {
    CliRun run = CliRun.of("completion");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("#!/usr/bin/env bash"), run.out());
    for (String command : new String[] {"compare", "divergence", "corpus", "stats", "split"}) {
      assertTrue(run.out().contains(command), "script lacks " + command);
    }
    assertTrue(run.out().contains("--repeats"), "script lacks compare's options");
  }
}
