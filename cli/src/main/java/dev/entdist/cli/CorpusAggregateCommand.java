package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.LoadedCorpus;
import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.corpora.aggregate.AggregationResult;
import dev.entdist.corpora.aggregate.AggregationSettings;
import dev.entdist.corpora.aggregate.Aggregator;
import dev.entdist.corpora.aggregate.AnnotatorQuality;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code entdist corpus aggregate}: turns annotator-level answers into label distributions with
 * majority vote, Dawid–Skene, one-coin or MACE, and says what each annotator looks like.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = {"Aggregate each occurrence's annotator-level answers ('annotations') into its"
        + " label distribution, and write the corpus as JSONL with 'labels' = the posterior"
        + " (answers and votes kept; occurrences without answers unchanged).",
        "Methods: majority (vote proportions), dawid-skene (a confusion matrix per annotator,"
            + " by EM from majority vote), one-coin (one accuracy per annotator), mace"
            + " (a spamming probability per annotator, Hovy et al. 2013)."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist corpus aggregate --corpus crowd.jsonl --out ds.jsonl",
      "  entdist corpus aggregate --corpus export.json --format label-studio \\",
      "      --method mace --out mace.jsonl --annotators who.jsonl --json"})
final class CorpusAggregateCommand implements Callable<Integer> {

  @Option(names = "--corpus", required = true, paramLabel = "FILE",
      description = "The corpus with annotator-level answers (or a label-studio or doccano"
          + " export).")
  String corpus;

  @Option(names = "--method", paramLabel = "M", defaultValue = "dawid-skene",
      converter = AggregationMethodConverter.class,
      description = "majority, dawid-skene, one-coin or mace (default: ${DEFAULT-VALUE}).")
  AggregationMethod method;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The aggregated corpus, JSONL (written atomically).")
  Path out;

  @Option(names = "--annotators", paramLabel = "FILE",
      description = "Also write the annotator table, one JSON object a line: annotator,"
          + " answers, accuracy (expected share of right answers), spam_probability (mace),"
          + " confusion (true label -> answered label -> probability).")
  Path annotators;

  @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100",
      description = "EM iteration cap (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-6",
      description = "EM stops when the log-likelihood changes by at most T per occurrence"
          + " (default: ${DEFAULT-VALUE}; 0 runs to the cap).")
  double tol;

  @Option(names = "--smoothing", paramLabel = "S", defaultValue = "0.01",
      description = "Pseudo-count added to every expected count before normalising"
          + " (default: ${DEFAULT-VALUE}).")
  double smoothing;

  @Option(names = "--skip-invalid", description = "Skip invalid records (and say how many) "
      + "instead of stopping at the first.")
  boolean skipInvalid;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--json", description = "Print one JSON object with the fit on stdout.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Outputs.checked(out.toString(), corpus);
    if (annotators != null) {
      Outputs.checked(annotators.toString(), corpus, out);
    }
    AggregationSettings settings;
    try {
      settings = new AggregationSettings(maxIter, tol, smoothing);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    LoadedCorpus loaded =
        CorpusFiles.load(corpus, read.options(skipInvalid));
    if (loaded.skipped() > 0 && !CorpusReading.quiet(spec)) {
      spec.commandLine().getErr().println("entdist: skipped " + loaded.skipped()
          + " invalid record(s) in " + corpus + "; first: "
          + loaded.skippedErrors().get(0).getMessage());
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStarted = threads.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    Aggregator.Aggregated aggregated;
    try {
      aggregated = Aggregator.apply(loaded.corpus().examples(), method, settings);
    } catch (IllegalArgumentException e) {
      throw new UserException(corpus + ": " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    AggregationResult r = aggregated.result();
    CorpusFiles.write(out, aggregated.examples(), CorpusFormat.JSONL, false);
    if (annotators != null) {
      writeAnnotators(annotators, r);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      Json.println(stdout, summary(aggregated, seconds, cpuSeconds, loaded.skipped()));
    } else {
      printText(stdout, aggregated);
    }
    stdout.flush();
    return 0;
  }

  private ObjectNode summary(Aggregator.Aggregated a, double seconds, double cpuSeconds,
      long skipped) {
    AggregationResult r = a.result();
    ObjectNode o = Json.object();
    o.put("corpus", corpus);
    o.put("out", out.toString());
    o.put("method", r.method().spelling());
    o.put("occurrences", a.examples().size());
    o.put("items", r.items());
    o.put("annotators", r.annotators().size());
    o.put("answers", a.answers().answers());
    o.putPOJO("labels", r.labels());
    o.put("iterations", r.iterations());
    if (Double.isNaN(r.logLikelihood())) {
      o.putNull("log_likelihood");
    } else {
      Json.put(o, "log_likelihood", r.logLikelihood());
    }
    o.put("converged", r.converged());
    ObjectNode prior = o.putObject("prior");
    for (int k = 0; k < r.labels().size(); k++) {
      Json.put(prior, r.labels().get(k), r.prior().get(k));
    }
    Json.put(o, "fit_seconds", seconds);
    Json.put(o, "fit_cpu_seconds", cpuSeconds);
    o.put("skipped", skipped);
    return o;
  }

  private void printText(PrintWriter o, Aggregator.Aggregated a) {
    AggregationResult r = a.result();
    o.printf(Locale.ROOT, "%s: %d occurrence(s), %d with answers, %d annotator(s), %d answers"
        + " -> %s%n", r.method().spelling(), a.examples().size(), r.items(),
        r.annotators().size(), a.answers().answers(), out);
    if (r.method() != AggregationMethod.MAJORITY) {
      o.printf(Locale.ROOT, "  %d EM iteration(s), log-likelihood %.4f, %s%n", r.iterations(),
          r.logLikelihood(), r.converged() ? "converged" : "stopped at the iteration cap");
    }
    o.println();
    boolean mace = r.method() == AggregationMethod.MACE;
    o.printf(Locale.ROOT, "  %-20s %8s %9s%s%n", "annotator", "answers", "accuracy",
        mace ? String.format(Locale.ROOT, " %9s", "spam") : "");
    List<AnnotatorQuality> sorted = new ArrayList<>(r.annotators());
    sorted.sort(Comparator.comparingDouble(AnnotatorQuality::accuracy)
        .thenComparing(AnnotatorQuality::annotator));
    for (AnnotatorQuality q : sorted) {
      o.printf(Locale.ROOT, "  %-20s %8d %9.4f%s%n", q.annotator(), q.answers(), q.accuracy(),
          mace ? String.format(Locale.ROOT, " %9.4f", q.spamProbability()) : "");
    }
  }

  private static void writeAnnotators(Path file, AggregationResult r) throws java.io.IOException {
    AtomicOutput.write(file, temp -> {
      try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        for (AnnotatorQuality q : r.annotators()) {
          ObjectNode o = Json.object();
          o.put("annotator", q.annotator());
          o.put("answers", q.answers());
          Json.put(o, "accuracy", q.accuracy());
          if (!Double.isNaN(q.spamProbability())) {
            Json.put(o, "spam_probability", q.spamProbability());
          }
          ObjectNode confusion = o.putObject("confusion");
          for (int k = 0; k < r.labels().size(); k++) {
            ObjectNode row = confusion.putObject(r.labels().get(k));
            for (int l = 0; l < r.labels().size(); l++) {
              Json.put(row, r.labels().get(l), q.confusion().get(k).get(l));
            }
          }
          w.write(Json.MAPPER.writeValueAsString(o));
          w.write('\n');
        }
      }
    });
  }
}
