package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.corpora.LoadedCorpus;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.io.OutputTarget;
import dev.entdist.io.OutputTargetException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code entdist corpus split}: a seeded train/test split that keeps sentences whole. */
@Command(name = "split", mixinStandardHelpOptions = true,
    description = {"Split a corpus into DIR/train.EXT and DIR/test.EXT. Occurrences of one "
        + "sentence (or, with --group-by document, one document) never straddle the two. The "
        + "test side gets round(F x groups) groups, drawn with the seed."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist corpus split bundled --test-fraction 0.2 --seed 1 --out-dir split",
      "  entdist corpus split ner.conll --test-fraction 0.1 --seed 7 \\",
      "      --group-by document --out-dir split"})
final class CorpusSplitCommand implements Callable<Integer> {

  /** What keeps occurrences together. */
  enum GroupBy { sentence, document }

  @Parameters(index = "0", paramLabel = "FILE", description = "The corpus, or 'bundled'.")
  String file;

  @Option(names = "--test-fraction", required = true, paramLabel = "F",
      description = "Share of sentence groups held out, strictly between 0 and 1.")
  double testFraction;

  @Option(names = "--seed", required = true, paramLabel = "S",
      description = "Seed of the shuffle: the same file and seed give the same split.")
  long seed;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR",
      description = "Directory for train.EXT and test.EXT (created if missing).")
  Path outDir;

  @Option(names = "--to", paramLabel = "FORMAT",
      converter = CorpusReading.WritableFormatConverter.class,
      description = "Output format (default: the input format; jsonl for a label-studio or"
          + " doccano export).")
  CorpusFormat to;

  @Option(names = "--group-by", paramLabel = "UNIT", defaultValue = "sentence",
      description = "Keep together occurrences of one: sentence (the same text) or document "
          + "(CoNLL -DOCSTART- documents; sentences outside one count alone). "
          + "Default: ${DEFAULT-VALUE}.")
  GroupBy groupBy;

  @Option(names = "--argmax", description = "Write soft labels as their most probable label "
      + "when the output format holds one label per annotator.")
  boolean argmax;

  @Option(names = "--skip-invalid", description = "Skip invalid records (and say how many) "
      + "instead of stopping at the first.")
  boolean skipInvalid;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--json", description = "Print one JSON object with the split on stdout.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The two outputs, refused when one is the input or cannot be written. */
  private OutputTarget[] outputs(CorpusFormat format) throws OutputTargetException {
    return new OutputTarget[] {
      Outputs.checked(outDir.resolve("train." + format.spelling()).toString(), file),
      Outputs.checked(outDir.resolve("test." + format.spelling()).toString(), file)
    };
  }

  /** The annotation tools' exports are read only: their splits are written as JSONL. */
  private static CorpusFormat writable(CorpusFormat read) {
    return read.writable() ? read : CorpusFormat.JSONL;
  }

  @Override
  public Integer call() throws Exception {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--test-fraction must be strictly between 0 and 1, got " + testFraction);
    }
    ReadOptions options = read.options(skipInvalid);
    // A pipe's format is told only while it is read; a file's is known now, so its outputs are
    // checked before the work.
    boolean known = to != null || options.format() != null || file.equals(BundledCorpus.NAME)
        || Files.isRegularFile(Path.of(file));
    CorpusFormat format = to != null ? to : known ? writable(CorpusFiles.formatOf(file, options))
        : null;
    if (format != null) {
      outputs(format);
    }
    LoadedCorpus loaded = CorpusFiles.load(file, options);
    CorpusReading.reportSkipped(loaded, spec);
    if (format == null) {
      format = writable(loaded.format());
    }
    CorpusSplit split;
    try {
      split = (groupBy == GroupBy.document
          ? CorpusSplit.byDocument(loaded.corpus().examples(), testFraction, seed)
          : CorpusSplit.bySentence(loaded.corpus().examples(), testFraction, seed))
          .requireBothSides(testFraction);
    } catch (IllegalArgumentException e) {
      throw new UserException(file + ": " + e.getMessage(), e);
    }
    OutputTarget[] targets = outputs(format);
    Path train = targets[0].path();
    Path test = targets[1].path();
    // Both files are written to temporary files first; neither replaces an old one unless both
    // were written completely.
    CorpusFiles.writeBoth(targets[0], split.train(), targets[1], split.test(), format, argmax,
        List.of(Path.of(file)));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = Json.object();
      o.put("file", file);
      o.put("seed", seed);
      Json.put(o, "test_fraction", testFraction);
      o.put("group_by", groupBy.name());
      o.put("train", split.train().size());
      o.put("test", split.test().size());
      o.put("train_file", train.toString());
      o.put("test_file", test.toString());
      o.put("skipped", loaded.skipped());
      Json.println(out, o);
    } else {
      out.println("train: " + split.train().size() + " occurrence(s) -> " + train);
      out.println("test:  " + split.test().size() + " occurrence(s) -> " + test);
    }
    out.flush();
    return 0;
  }
}
