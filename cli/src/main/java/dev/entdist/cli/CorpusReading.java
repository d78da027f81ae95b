package dev.entdist.cli;

import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.corpora.CorpusReader;
import dev.entdist.corpora.LoadedCorpus;
import dev.entdist.corpora.ReadOptions;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How the commands read a corpus file: the options that describe it ({@link ReadMixin}), and the
 * report of the records a reader skipped.
 */
final class CorpusReading {

  private CorpusReading() {}

  /** The options that say how to read a corpus file, shared by the commands that read one. */
  static final class ReadMixin {

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
        description = "Input format: jsonl, conll (also bio, bioes), opennlp, label-studio (its"
            + " JSON export) or doccano (its JSONL export; a directory: one file per"
            + " annotator). Default: by file extension, else by the first line.")
    CorpusFormat format;

    @Option(names = "--none-label", paramLabel = "LABEL", defaultValue = "O",
        description = "The label of 'no entity here': what an annotator who saw a text but did"
            + " not mark a span votes for it (default: ${DEFAULT-VALUE}).")
    String noneLabel;

    @Option(names = "--drop-o", description = "Drop the none-label (O) outcome from every "
        + "distribution, renormalising, with its votes and answers; occurrences labelled only O"
        + " are left out.")
    boolean dropO;

    @Option(names = "--tag-column", paramLabel = "N", defaultValue = "0",
        description = "CoNLL: read only the N-th column (1-based, e.g. 4 for the CoNLL-2003 "
            + "layout; -1 = the last) as the single annotator. Default 0: every column after "
            + "the token is one annotator.")
    int tagColumn;

    @Option(names = "--max-line-length", paramLabel = "BYTES", defaultValue = "1048576",
        description = "Reject lines longer than this many bytes (default: ${DEFAULT-VALUE}) "
            + "without reading them into memory.")
    int maxLineLength;

    /**
     * The options, without digesting the input: only {@code train} reports a corpus checksum
     * (in the model's provenance) and asks for one.
     */
    ReadOptions options(boolean skipInvalid) {
      try {
        return new ReadOptions(format, skipInvalid, dropO, tagColumn, maxLineLength, noneLabel,
            false);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), e);
      }
    }
  }

  /** Converts a format name, turning a bad one into a usage error (exit 2). */
  static final class FormatConverter implements CommandLine.ITypeConverter<CorpusFormat> {
    @Override
    public CorpusFormat convert(String value) {
      try {
        return CorpusFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * Converts an output format name, refusing the formats entdist only reads (a usage error, exit
   * 2).
   */
  static final class WritableFormatConverter implements CommandLine.ITypeConverter<CorpusFormat> {
    @Override
    public CorpusFormat convert(String value) {
      CorpusFormat f = new FormatConverter().convert(value);
      if (!f.writable()) {
        throw new CommandLine.TypeConversionException(
            f.spelling() + " is read only: write jsonl, conll or opennlp");
      }
      return f;
    }
  }

  /** Whether {@code --quiet} was given anywhere on the command line. */
  static boolean quiet(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
      if (s.userObject() instanceof Main m && m.quiet) {
        return true;
      }
      CommandLine.Model.OptionSpec q = s.findOption("--quiet");
      if (q != null && Boolean.TRUE.equals(q.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Tells on stderr how many bad records reading a corpus skipped, and the first of them. */
  static void reportSkipped(LoadedCorpus loaded, CommandLine.Model.CommandSpec spec) {
    if (loaded.skipped() == 0 || quiet(spec)) {
      return;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("entdist: skipped " + loaded.skipped() + " invalid record(s) in "
        + loaded.corpus().source() + "; first: " + loaded.skippedErrors().stream().findFirst()
            .map(CorpusFormatException::getMessage).orElse(""));
    err.flush();
  }

  /** Tells on stderr how many bad records a reader skipped, and the first of them. */
  static void reportSkipped(CorpusReader reader, PrintWriter err, boolean quiet) {
    if (reader.skipped() == 0 || quiet) {
      return;
    }
    err.println("entdist: skipped " + reader.skipped() + " invalid record(s) in "
        + reader.source() + "; first: "
        + reader.skippedErrors().stream().findFirst().map(CorpusFormatException::getMessage)
            .orElse(""));
    err.flush();
  }
}
