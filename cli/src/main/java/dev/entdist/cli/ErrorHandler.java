package dev.entdist.cli;

import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.io.OutputTargetException;
import dev.entdist.pipeline.PipelineException;
import dev.entdist.trainer.InsufficientMemoryException;
import dev.entdist.trainer.ModelFormatException;
import dev.entdist.trainer.PeerFormatException;
import dev.entdist.trainer.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr and exit code 1; with {@code
 * --verbose} the stack trace follows. Usage errors never reach here (picocli exits 2 for them).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || (parsed.subcommand() != null && anyVerbose(parsed));
    cl.getErr().println("entdist: " + message(ex));
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return 1;
  }

  static boolean anyVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  static String message(Throwable ex) {
    if (ex instanceof UncheckedIOException u) {
      ex = u.getCause();
    }
    if (ex instanceof NoSuchFileException nf) {
      return "no such file: " + nf.getFile();
    }
    if (ex instanceof OutputTargetException || ex instanceof InsufficientMemoryException) {
      return ex.getMessage();
    }
    if (ex instanceof java.nio.file.AccessDeniedException ad) {
      return "permission denied: " + ad.getFile();
    }
    if (ex instanceof UserException || ex instanceof PipelineException
        || ex instanceof CorpusFormatException
        || ex instanceof PeerFormatException || ex instanceof ModelFormatException
        || ex instanceof IllegalArgumentException || ex instanceof TrainingDivergedException) {
      return ex.getMessage();
    }
    if (ex instanceof IOException io) {
      return "I/O error: " + io.getMessage();
    }
    String m = ex.getMessage();
    return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
        + " (run with --verbose for the stack trace)";
  }
}
