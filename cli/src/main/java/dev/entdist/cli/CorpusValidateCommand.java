package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.corpora.CorpusReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code entdist corpus validate}: reads every file to the end, one record at a time, and reports
 * every bad record (up to a limit). Exit code 1 when any file has one.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check corpus files record by record (streaming, so any size works) and "
        + "report every bad line with its file, line and field. Exit code 1 if any is bad."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist corpus validate my.jsonl",
      "  entdist corpus validate a.conll b.conll --max-errors 5 --json"})
final class CorpusValidateCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "Corpus files, or 'bundled' for the corpus inside the jar.")
  List<String> files;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--max-errors", paramLabel = "N", defaultValue = "50",
      description = "Report at most N bad records per file; the rest are only counted "
          + "(default: ${DEFAULT-VALUE}).")
  int maxErrors;

  @Option(names = "--json", description = "Print one JSON object per file (JSONL) on stdout.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean anyBad = false;
    for (String file : files) {
      long occurrences = 0;
      long bad = 0;
      List<CorpusFormatException> shown = new ArrayList<>();
      try (CorpusReader reader = CorpusFiles.open(file, read.options(false))) {
        while (true) {
          try {
            if (reader.next() == null) {
              break;
            }
            occurrences++;
          } catch (CorpusFormatException e) {
            bad++;
            if (shown.size() < maxErrors) {
              shown.add(e);
            }
          }
        }
      }
      anyBad |= bad > 0;
      if (json) {
        ObjectNode o = Json.object();
        o.put("file", file);
        o.put("valid", bad == 0);
        o.put("occurrences", occurrences);
        o.put("bad_records", bad);
        ArrayNode errors = o.putArray("errors");
        for (CorpusFormatException e : shown) {
          ObjectNode n = errors.addObject();
          n.put("line", e.line());
          if (e.field() == null) {
            n.putNull("field");
          } else {
            n.put("field", e.field());
          }
          n.put("message", e.getMessage());
        }
        Json.println(out, o);
      } else {
        for (CorpusFormatException e : shown) {
          out.println(e.getMessage());
        }
        if (bad > shown.size()) {
          out.println(file + ": ... and " + (bad - shown.size()) + " more bad record(s)");
        }
        out.println(file + ": " + (bad == 0 ? "valid" : "INVALID") + ", " + occurrences
            + " occurrence(s), " + bad + " bad record(s)");
      }
    }
    out.flush();
    return anyBad ? 1 : 0;
  }
}
