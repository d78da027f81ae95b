package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusReader;
import dev.entdist.corpora.CorpusStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code entdist corpus stats}: figures of one or more corpus files taken together. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Counts, entropies, annotator agreement and the most ambiguous words of the "
        + "given corpus files taken together (entropies in nats)."},
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist corpus stats bundled",
      "  entdist corpus stats train.jsonl test.jsonl --per-word --json",
      "  entdist corpus stats ner.conll --tag-column 4 --drop-o"})
final class CorpusStatsCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "Corpus files, or 'bundled' for the corpus inside the jar.")
  List<String> files;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--skip-invalid", description = "Skip invalid records (and say how many) "
      + "instead of stopping at the first.")
  boolean skipInvalid;

  @Option(names = "--top", paramLabel = "K", defaultValue = "10",
      description = "How many of the most ambiguous words to list (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--per-word", description = "Also list every word's figures (in --json: "
      + "the key per_word).")
  boolean perWord;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CorpusStats.Builder builder = CorpusStats.builder();
    long skipped = 0;
    PrintWriter err = spec.commandLine().getErr();
    for (String file : files) {
      try (CorpusReader reader = CorpusFiles.open(file, read.options(skipInvalid))) {
        for (AnnotatedExample e = reader.next(); e != null; e = reader.next()) {
          builder.add(e);
        }
        skipped += reader.skipped();
        CorpusReading.reportSkipped(reader, err, CorpusReading.quiet(spec));
      }
    }
    CorpusStats stats = builder.build();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.println(out, toJson(stats, skipped));
    } else {
      printText(out, stats, skipped);
    }
    out.flush();
    return 0;
  }

  private ObjectNode toJson(CorpusStats s, long skipped) {
    ObjectNode o = Json.object();
    ArrayNode fileList = o.putArray("files");
    files.forEach(fileList::add);
    o.put("examples", s.examples());
    o.put("targets", s.targets());
    ArrayNode labels = o.putArray("labels");
    s.labels().forEach(labels::add);
    Json.put(o, "mean_entropy_nats", s.meanEntropyNats());
    Json.put(o, "non_onehot_fraction", s.nonOneHotFraction());
    Json.put(o, "mean_annotators", s.meanAnnotators());
    o.put("skipped", skipped);
    o.set("agreement", agreement(s.agreement()));
    o.put("annotators", s.annotatorCount());
    ObjectNode answers = o.putObject("answers_per_annotator");
    s.answersPerAnnotator().forEach(answers::put);
    ObjectNode perLabel = o.putObject("per_label");
    for (CorpusStats.LabelStats l : s.labelStats()) {
      ObjectNode n = perLabel.putObject(l.label());
      n.put("argmax_count", l.argmaxCount());
      Json.put(n, "mass", l.mass());
      n.put("words", l.words());
    }
    ArrayNode ambiguous = o.putArray("most_ambiguous");
    s.mostAmbiguous(top).forEach(w -> ambiguous.add(word(w)));
    if (perWord) {
      ObjectNode words = o.putObject("per_word");
      s.words().forEach(w -> words.set(w.word(), word(w)));
    }
    return o;
  }

  private static ObjectNode word(CorpusStats.WordStats w) {
    ObjectNode n = Json.object();
    n.put("word", w.word());
    n.put("count", w.count());
    Json.put(n, "type_entropy_nats", w.typeEntropyNats());
    Json.put(n, "mean_entropy_nats", w.meanEntropyNats());
    Json.put(n, "non_onehot_fraction", w.nonOneHotFraction());
    ObjectNode d = n.putObject("type_distribution");
    w.typeDistribution().forEach((k, v) -> Json.put(d, k, v));
    n.set("agreement", agreement(w.agreement()));
    return n;
  }

  private static ObjectNode agreement(CorpusStats.Agreement a) {
    ObjectNode n = Json.object();
    n.put("items", a.items());
    if (a.items() == 0) {
      n.putNull("mean_pairwise_agreement");
      n.putNull("fleiss_kappa");
      n.putNull("krippendorff_alpha");
    } else {
      Json.put(n, "mean_pairwise_agreement", a.meanPairwiseAgreement());
      Json.put(n, "fleiss_kappa", a.fleissKappa());
      Json.put(n, "krippendorff_alpha", a.krippendorffAlpha());
    }
    return n;
  }

  private void printText(PrintWriter out, CorpusStats s, long skipped) {
    out.printf(Locale.ROOT, "%s%n", String.join(" ", files));
    out.printf(Locale.ROOT, "  occurrences %d, words %d, labels %d: %s%n", s.examples(),
        s.targets(), s.labels().size(), String.join(", ", s.labels()));
    out.printf(Locale.ROOT, "  mean entropy %.4f nats, soft (not one-hot) %.1f %%, "
        + "mean annotators %.2f%n", s.meanEntropyNats(), 100 * s.nonOneHotFraction(),
        s.meanAnnotators());
    if (skipped > 0) {
      out.printf(Locale.ROOT, "  skipped %d invalid record(s)%n", skipped);
    }
    CorpusStats.Agreement a = s.agreement();
    if (a.items() == 0) {
      out.println("  annotator agreement: none measurable (no occurrence has 2 or more votes)");
    } else {
      out.printf(Locale.ROOT, "  annotator agreement over %d occurrences: pairwise %.4f, "
          + "Fleiss' kappa %.4f, Krippendorff's alpha %.4f%n", a.items(),
          a.meanPairwiseAgreement(), a.fleissKappa(), a.krippendorffAlpha());
    }
    if (s.annotatorCount() > 0) {
      long answers = s.answersPerAnnotator().values().stream().mapToLong(Long::longValue).sum();
      out.printf(Locale.ROOT, "  %d named annotators, %d answers (%.1f per annotator)%n",
          s.annotatorCount(), answers, answers / (double) s.annotatorCount());
      out.println();
      out.printf(Locale.ROOT, "  %-20s %10s%n", "annotator", "answers");
      s.answersPerAnnotator().forEach((who, count) ->
          out.printf(Locale.ROOT, "  %-20s %10d%n", who, count));
    }
    out.println();
    out.printf(Locale.ROOT, "  %-20s %10s %12s %8s%n", "label", "argmax", "mass", "words");
    for (CorpusStats.LabelStats l : s.labelStats()) {
      out.printf(Locale.ROOT, "  %-20s %10d %12.2f %8d%n", l.label(), l.argmaxCount(), l.mass(),
          l.words());
    }
    out.println();
    out.printf(Locale.ROOT, "  most ambiguous words (entropy of the mean distribution):%n");
    printWords(out, s.mostAmbiguous(top));
    if (perWord) {
      out.println();
      out.printf(Locale.ROOT, "  every word:%n");
      printWords(out, s.words());
    }
  }

  private static String figure(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static void printWords(PrintWriter out, List<CorpusStats.WordStats> words) {
    out.printf(Locale.ROOT, "  %-24s %7s %9s %7s %7s  %s%n", "word", "count", "entropy",
        "kappa", "alpha", "distribution");
    for (CorpusStats.WordStats w : words) {
      StringBuilder d = new StringBuilder();
      w.typeDistribution().entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> d.append(d.length() == 0 ? "" : " ")
              .append(String.format(Locale.ROOT, "%s=%.3f", e.getKey(), e.getValue())));
      out.printf(Locale.ROOT, "  %-24s %7d %9.4f %7s %7s  %s%n", w.word(), w.count(),
          w.typeEntropyNats(), figure(w.agreement().fleissKappa()),
          figure(w.agreement().krippendorffAlpha()), d);
    }
  }
}
