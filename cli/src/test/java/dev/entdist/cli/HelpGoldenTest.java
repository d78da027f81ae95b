package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The {@code --help} text of every command registered in {@link Main#commandLine()}, found
 * recursively, against a golden file {@code src/test/resources/golden/help/PATH.txt} (PATH is the
 * command path below {@code entdist}, e.g. {@code corpus/stats}; the root is {@code entdist}).
 * A help text is part of the interface users read: it changes only deliberately. After an
 * intended change, regenerate the files with
 * {@code ./mvnw -B -q -pl cli -am verify -Dtest=HelpGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dentdist.updateGolden=true} and review the diff.
 */
class HelpGoldenTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "help");
  private static final int WIDTH = 80;
  private static final String REGENERATE = "If the change is intended, regenerate the golden"
      + " files with -Dentdist.updateGolden=true (./mvnw -B -q -pl cli -am verify"
      + " -Dtest=HelpGoldenTest -Dsurefire.failIfNoSpecifiedTests=false"
      + " -Dentdist.updateGolden=true) and review the diff.";

  /** Command path → its command line, every registered command once (aliases skipped). */
  static Stream<String> commands() {
    List<String> paths = new ArrayList<>();
    walk(Main.commandLine(), "entdist", paths, new IdentityHashMap<>());
    return paths.stream();
  }

  private static void walk(CommandLine cl, String path, List<String> paths,
      Map<Object, Boolean> seen) {
    if (seen.put(cl.getCommandSpec(), Boolean.TRUE) != null) {
      return;
    }
    paths.add(path);
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals(e.getValue().getCommandName())) {
        walk(e.getValue(), path.equals("entdist") ? e.getKey() : path + "/" + e.getKey(), paths,
            seen);
      }
    }
  }

  static String help(String path) {
    CommandLine cl = Main.commandLine();
    if (!path.equals("entdist")) {
      for (String name : path.split("/")) {
        cl = cl.getSubcommands().get(name);
      }
    }
    cl.setUsageHelpAutoWidth(false);
    cl.setUsageHelpWidth(WIDTH);
    return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void helpMatchesItsGoldenFile(String path) throws IOException {
    String actual = help(path);
    Path golden = GOLDEN.resolve(path + ".txt");
    if (Boolean.getBoolean("entdist.updateGolden")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(golden)) {
      fail("no golden help file " + golden + " for 'entdist " + path.replace('/', ' ')
          + " --help'. " + REGENERATE);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        "'entdist " + path.replace('/', ' ') + " --help' differs from " + golden + ". "
            + REGENERATE);
  }

  @Test
  void theWalkFindsNestedCommands() {
    List<String> paths = commands().toList();
    for (String expected : new String[] {"entdist", "compare", "divergence", "corpus",
        "corpus/stats", "corpus/validate", "corpus/convert", "corpus/split", "completion"}) {
      assertTrue(paths.contains(expected), "walk missed " + expected + ": " + paths);
    }
  }

  @Test
  void everyGoldenFileBelongsToACommand() throws IOException {
    assertTrue(Files.isDirectory(GOLDEN), "the golden help directory " + GOLDEN + " is missing");
    List<String> paths = commands().toList();
    try (Stream<Path> files = Files.walk(GOLDEN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        String rel = GOLDEN.relativize(f).toString().replace('\\', '/');
        String path = rel.substring(0, rel.length() - ".txt".length());
        assertTrue(paths.contains(path), "golden file " + f + " has no command (removed or"
            + " renamed?); delete it or regenerate. " + REGENERATE);
      }
    }
  }

  @Test
  void compareHelpShowsTheNewOptionsAndExamples() {
    CliRun run = CliRun.of("compare", "--help");
    assertEquals(0, run.code());
    assertTrue(run.out().contains("--repeats=R") && run.out().contains("Examples:"), run.out());
  }
}
