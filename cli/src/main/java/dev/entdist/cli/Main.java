package dev.entdist.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code entdist} command: global options and the table of subcommands. Exit codes: 0
 * success, 1 bad data or a failed run, 2 usage error.
 */
@Command(
    name = "entdist",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Learn entity distributions for ambiguous words, and see why soft labels matter.",
      "",
      "Wherever a corpus FILE is expected, the word 'bundled' names the corpus inside the jar."
    },
    subcommands = {
      CompareCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      QueryCommand.class,
      ModelCommand.class,
      DivergenceCommand.class,
      CorpusCommand.class,
      FeaturesCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:bad data or a failed run (one line on stderr names file, line and field)",
      "2:usage error (unknown command or option, malformed option value)"
    })
public final class Main implements Runnable {

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces and debug logging.")
  boolean verbose;

  @Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
      description = "Print only results: no progress, no notes.")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** Builds the configured command line (shared by {@link #main} and the tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Runs entdist and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
