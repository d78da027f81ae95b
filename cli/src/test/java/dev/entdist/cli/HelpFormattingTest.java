package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's usage help renders without picocli complaining. A help string is a format
 * string, so a lone {@code %} (e.g. "20 %") makes picocli print "[picocli WARN] Could not format
 * ..." through its tracer to {@link System#err} and show the text unformatted.
 */
class HelpFormattingTest {

  static Stream<String> commands() {
    return HelpGoldenTest.commands();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void usageHelpRendersWithoutPicocliWarnings(String path) {
    String[] help = new String[1];
    String err = stderrOf(() -> help[0] = HelpGoldenTest.help(path));
    assertFalse(err.contains("[picocli WARN]"),
        "'entdist " + path.replace('/', ' ') + " --help' made picocli warn:\n" + err);
    assertFalse(help[0].isBlank(), "empty help for " + path);
  }

  /** The check above can fail: an unescaped '%' in a description does make picocli warn. */
  @Test
  void anUnescapedPercentIsCaught() {
    @CommandLine.Command(name = "demo", description = "20 % held out")
    class Demo {}
    String err = stderrOf(() -> new CommandLine(new Demo()).getUsageMessage(
        CommandLine.Help.Ansi.OFF));
    assertTrue(err.contains("[picocli WARN]"), "picocli no longer warns on a bad format: " + err);
  }

  /** What {@code action} printed on {@link System#err}, where picocli's tracer writes. */
  private static String stderrOf(Supplier<?> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      action.get();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
