package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run builds only the command it names: the same command, the same help, and the commands
 * that need the others ({@code help}, {@code completion}, a misspelt name) get all of them.
 */
class OneCommandLineTest {

  @Test
  void eachCommandAloneHasTheHelpItHasAmongAllOfThem() {
    CommandLine all = Main.commandLine();
    for (String name : all.getSubcommands().keySet()) {
      if (name.equals("help") || name.equals("completion")) {
        assertNull(Main.onlyCommand(new String[] {name, "train"}), name);
        continue;
      }
      assertEquals(name, Main.onlyCommand(new String[] {name, "--help"}));
      CommandLine one = Main.commandLine(name);
      assertEquals(List.of(name), List.copyOf(one.getSubcommands().keySet()));
      assertEquals(help(all.getSubcommands().get(name)), help(one.getSubcommands().get(name)),
          name);
    }
  }

  @Test
  void optionsMisspeltNamesAndNothingGetEveryCommand() {
    assertNull(Main.onlyCommand(new String[0]));
    assertNull(Main.onlyCommand(new String[] {"--version"}));
    assertNull(Main.onlyCommand(new String[] {"trian"}));
    CliRun typo = CliRun.of("trian");
    assertEquals(2, typo.code(), typo.toString());
    assertEquals(true, typo.err().contains("Did you mean: entdist train?"), typo.toString());
  }

  private static String help(CommandLine cl) {
    StringWriter w = new StringWriter();
    cl.usage(new PrintWriter(w));
    return w.toString();
  }
}
