package dev.entdist.spark;

import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.pipeline.PipelineException;
import dev.entdist.trainer.ModelFormatException;
import dev.entdist.trainer.PeerFormatException;
import dev.entdist.trainer.TrainingDivergedException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code entdist-spark}: the entdist jobs on Apache Spark. Run it with {@code ./entdist-spark}
 * (local mode) or {@code spark-submit --class dev.entdist.spark.Main entdist-spark.jar}. Exit
 * codes as {@code entdist}: 0 success, 1 bad data or a failed job (one line on stderr), 2 usage.
 */
@Command(
    name = "entdist-spark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "entdist's jobs on Apache Spark: features, training and prediction over a corpus that"
          + " outgrows one machine. Options mean what they mean in 'entdist'.",
    },
    subcommands = {
      TrainCommand.class,
      PredictCommand.class,
      FeaturesCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:bad data or a failed job (one line on stderr names file, line and field)",
      "2:usage error"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** The configured command line (for {@link #main} and the tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("entdist-spark: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help' for more information.");
      err.flush();
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      c.getErr().println("entdist-spark: " + message(ex));
      if (Boolean.getBoolean("entdist.verbose")) {
        ex.printStackTrace(c.getErr());
      }
      c.getErr().flush();
      return 1;
    });
    return cl;
  }

  /** One line for a failed run: the bad line, the data error, or the exception. */
  static String message(Throwable ex) {
    String bad = BadLineException.find(ex);
    if (bad != null) {
      return bad;
    }
    if (ex instanceof UncheckedIOException u) {
      ex = u.getCause();
    }
    if (ex instanceof NoSuchFileException nf) {
      return "no such file: " + nf.getFile();
    }
    if (ex instanceof FileNotFoundException || ex instanceof PipelineException
        || ex instanceof CorpusFormatException || ex instanceof PeerFormatException
        || ex instanceof ModelFormatException || ex instanceof IllegalArgumentException
        || ex instanceof TrainingDivergedException || ex instanceof UserException) {
      return ex.getMessage();
    }
    if (ex instanceof IOException io) {
      return "I/O error: " + io.getMessage();
    }
    String m = ex.getMessage();
    if (m != null && m.contains("\n")) {
      m = m.substring(0, m.indexOf('\n'));
    }
    return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
        + " (run with -Dentdist.verbose=true for the stack trace)";
  }

  /** Runs a job and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
