package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help ends with examples, and no example line is longer than the help's width,
 * so none is wrapped in the middle of a command (prose lines may wrap).
 */
class HelpExamplesTest {

  private static void walk(CommandLine cl, List<CommandLine> out) {
    out.add(cl);
    cl.getSubcommands().values().stream().distinct().forEach(sub -> {
      if (!out.contains(sub)) {
        walk(sub, out);
      }
    });
  }

  @Test
  void everyCommandHasExamplesThatDoNotWrap() {
    List<CommandLine> all = new ArrayList<>();
    walk(Main.commandLine(), all);
    List<String> problems = new ArrayList<>();
    for (CommandLine cl : all) {
      CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
      String name = cl.getCommandSpec().qualifiedName();
      if (name.endsWith(" help")) {
        continue; // picocli's own help command
      }
      String heading = usage.footerHeading() == null ? "" : usage.footerHeading();
      if (!heading.contains("Example")) {
        problems.add(name + ": no Examples section");
      }
      for (String footer : usage.footer()) {
        for (String line : String.format(footer).split("\n")) {
          if (line.startsWith("  ") && line.length() > usage.width()) {
            problems.add(name + ": example line of " + line.length() + " characters wraps: "
                + line);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
