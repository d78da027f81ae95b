package dev.entdist.cli;

import picocli.AutoComplete;
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
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:bad data or a failed run (one line on stderr names file, line and field)",
      "2:usage error (unknown command or option, malformed option value)"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist compare                          soft against one-hot labels",
      "  entdist compare --repeats 3 --chart c.png    3 splits, mean ± std, a chart",
      "  entdist divergence --p 0.9,0.1 --q 0.1,0.9 --explain",
      "  entdist corpus stats bundled",
      "  source <(entdist completion)             tab completion in bash or zsh",
      "",
      "Results go to stdout, progress to stderr: a bar on a terminal, plain lines"
          + " otherwise, nothing with --quiet. To force one, set ENTDIST_JAVA_OPTS to"
          + " -Dentdist.progress=bar or -Dentdist.progress=lines."
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

  /**
   * The subcommands, in the order the help lists them ({@code completion} comes last). They are
   * added in code rather than in the {@code @Command} annotation so that a run of one command
   * builds only that one: picocli reads every option of every command by reflection, which took
   * about a second of a short command's start.
   */
  private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(
      CompareCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      CalibrateCommand.class,
      PredictCommand.class,
      QueryCommand.class,
      ServeCommand.class,
      ModelCommand.class,
      DivergenceCommand.class,
      CorpusCommand.class,
      FeaturesCommand.class,
      CommandLine.HelpCommand.class);

  private static final String COMPLETION = "completion";

  /**
   * Builds the configured command line with every subcommand (the help, completion and the tests
   * see this one), {@code completion}, which prints a bash/zsh completion script, included.
   */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with only the subcommand {@code only} (a top-level command's exact name
   * other than {@code help} and {@code completion}, which need the others), or with all of them
   * when {@code only} is {@code null}.
   */
  static CommandLine commandLine(String only) {
    CommandLine cl = new CommandLine(new Main());
    for (Class<?> c : COMMANDS) {
      if (only == null || only.equals(nameOf(c))) {
        cl.addSubcommand(c);
      }
    }
    if (only == null) {
      CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
      completion.getCommandSpec().name(COMPLETION);
      completion.getCommandSpec().usageMessage()
          .hidden(false)
          .description("Print a bash/zsh completion script for entdist on stdout.")
          .footerHeading("%nExample:%n")
          .footer("  source <(entdist completion)         this shell",
              "  entdist completion > ~/.local/share/bash-completion/completions/entdist");
      cl.addSubcommand(COMPLETION, completion);
    }
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(parsed -> {
      OptionRules.check(parsed);
      configureLogging(parsed);
      try {
        return new CommandLine.RunLast().execute(parsed);
      } catch (OutOfMemoryError e) {
        return outOfMemory(parsed, e);
      } catch (CommandLine.ExecutionException e) {
        if (e.getCause() instanceof OutOfMemoryError oom) {
          return outOfMemory(parsed, oom);
        }
        throw e;
      }
    });
    return cl;
  }

  /**
   * A usage error (unknown command or option, malformed value): one line saying what was wrong
   * and one pointing to the command's help, exit code 2 — the full usage text would bury the
   * message.
   */
  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    java.io.PrintWriter err = cl.getErr();
    err.println("entdist: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * An {@link OutOfMemoryError} anywhere: one line that says what to do (the heap is released by
   * then, so printing it is safe), the stack trace only with {@code --verbose}; exit code 1.
   */
  private static int outOfMemory(CommandLine.ParseResult parsed, OutOfMemoryError e) {
    CommandLine cl = parsed.commandSpec().commandLine();
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      cl = p.commandSpec().commandLine();
    }
    java.io.PrintWriter err = cl.getErr();
    long max = Runtime.getRuntime().maxMemory() >> 20;
    err.println("entdist: out of memory (" + e.getMessage() + ", heap limit " + max + " MB):"
        + " give Java more heap, e.g. ENTDIST_JAVA_OPTS=-Xmx" + Math.max(2, (max >> 10) * 2 + 2)
        + "g, or use less data, fewer labels or --optimizer adam");
    if (ErrorHandler.anyVerbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /**
   * {@code --verbose} turns on debug logging, {@code --quiet} leaves only warnings. Takes effect
   * when slf4j-simple has not been initialised yet, as in a fresh {@code entdist} process.
   */
  private static void configureLogging(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        return;
      }
      if (p.hasMatchedOption("--quiet")) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      }
    }
  }

  /**
   * Runs entdist and exits with its exit code. Charts are drawn headless; text that the console
   * cannot encode is printed with ASCII stand-ins ({@link ConsoleText}).
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    CommandLine cl = commandLine(onlyCommand(args));
    java.nio.charset.Charset console = ConsoleText.consoleCharset();
    cl.setOut(ConsoleText.writer(System.out, console));
    cl.setErr(ConsoleText.writer(System.err, console));
    System.exit(cl.execute(args));
  }

  /**
   * The top-level command {@code args} run, when it is named exactly and needs no other command
   * ({@code help} and {@code completion} list them all, a misspelt name is answered with
   * suggestions from all of them); otherwise {@code null}.
   */
  static String onlyCommand(String[] args) {
    if (args.length == 0) {
      return null;
    }
    for (Class<?> c : COMMANDS) {
      String name = nameOf(c);
      if (name.equals(args[0]) && !name.equals("help")) {
        return name;
      }
    }
    return null;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }
}
