package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.CorpusReader;
import dev.entdist.corpora.CorpusWriter;
import dev.entdist.io.OutputTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code entdist corpus convert}: streams a corpus from one format into another. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert a corpus between jsonl, conll and opennlp, one record at a time "
        + "(any size), or import a label-studio or doccano export. The output appears only when"
        + " the whole conversion succeeded.",
        "conll and opennlp hold one label per annotator: soft labels are refused unless "
            + "--argmax is given (conll keeps vote counts as one column per annotator)."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist corpus convert ner.conll --to jsonl --out ner.jsonl",
      "  entdist corpus convert bundled --to conll --out bundled.conll --argmax",
      "  entdist corpus convert export.json --format label-studio --to jsonl \\",
      "      --out crowd.jsonl"})
final class CorpusConvertCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE",
      description = "The corpus to convert, or 'bundled'.")
  String file;

  @Option(names = "--to", required = true, paramLabel = "FORMAT",
      converter = CorpusReading.WritableFormatConverter.class,
      description = "Output format: jsonl, conll or opennlp.")
  CorpusFormat to;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Output file (written atomically).")
  Path out;

  @Option(names = "--argmax", description = "Write the most probable label of a soft "
      + "occurrence into a one-label format (ties: first in label order); the distribution is "
      + "lost.")
  boolean argmax;

  @Option(names = "--skip-invalid", description = "Skip invalid records (and say how many) "
      + "instead of stopping at the first.")
  boolean skipInvalid;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--json", description = "Print one JSON object with the counts on stdout.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    boolean quiet = CorpusReading.quiet(spec);
    long written = 0;
    long skipped;
    long omitted;
    OutputTarget target = Outputs.checked(out.toString(), file);
    try (CorpusReader reader = CorpusFiles.open(file, read.options(skipInvalid));
        CorpusWriter writer = CorpusFiles.writer(target, to, argmax)) {
      for (AnnotatedExample e = reader.next(); e != null; e = reader.next()) {
        writer.write(e);
        written++;
      }
      writer.finish();
      skipped = reader.skipped();
      omitted = writer.omitted();
      CorpusReading.reportSkipped(reader, err, quiet);
    }
    if (json) {
      ObjectNode o = Json.object();
      o.put("file", file);
      o.put("out", out.toString());
      o.put("format", to.spelling());
      o.put("occurrences", written - omitted);
      o.put("skipped", skipped);
      o.put("omitted_o_only", omitted);
      o.put("argmax", argmax);
      Json.println(spec.commandLine().getOut(), o);
    } else if (!quiet) {
      err.println("entdist: wrote " + (written - omitted) + " occurrence(s) to " + out + " as "
          + to.spelling() + (argmax ? " (soft labels written as their most probable label)" : "")
          + (omitted > 0 ? "; left out " + omitted + " labelled only O" : ""));
      err.flush();
    }
    return 0;
  }
}
