package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Document;
import dev.entdist.corpora.JsonlFormat;
import dev.entdist.features.FeaturePipeline;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What annotating text costs against the OpenNLP analysis alone: (a) sentence detection,
 * tokenising, tagging and lemmatising every distinct text of a JSONL corpus (or {@code bundled}),
 * and (b) {@link TextModel#annotateAll} of the same texts (the same analysis, plus finding the
 * model's words and predicting each occurrence), on 1 and 2 threads. Each figure is the median of
 * timed rounds after warm-up rounds, with the process CPU time beside the wall time; every round
 * starts from fresh OpenNLP tools. A benchmark, not a test: run it through the {@code bench}
 * profile (see docs/cli-model.md).
 *
 * <p>Usage: {@code AnnotateBench CORPUS [MODEL|bundled] [rounds]}; {@code bundled} as the model
 * trains one on the bundled corpus first.
 */
public final class AnnotateBench {

  private AnnotateBench() {}

  /** Runs the benchmark; prints one Markdown table row per stage and thread count. */
  public static void main(String[] args) throws Exception {
    String source = args.length > 0 ? args[0] : "bundled";
    String modelSource = args.length > 1 ? args[1] : "bundled";
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<AnnotatedExample> examples = "bundled".equals(source)
        ? BundledCorpus.load().examples()
        : JsonlFormat.read(Path.of(source)).examples();
    List<String> texts = new ArrayList<>(new TreeSet<>(
        examples.stream().map(AnnotatedExample::text).toList()));
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(new Document(Integer.toString(i + 1), i + 1, texts.get(i), -1, -1));
    }
    TextModel model = "bundled".equals(modelSource)
        ? Training.train(BundledCorpus.load(), TrainSettings.defaults(), Monitor.SILENT).model()
        : TextModel.load(Path.of(modelSource));
    long chars = texts.stream().mapToLong(String::length).sum();
    try (model; FeaturePipeline analysis = FeaturePipeline.create(model.featureConfig())) {
      long tokens = 0;
      for (String t : texts) {
        for (int[] s : analysis.sentences(t)) {
          tokens += analysis.analyse(t.substring(s[0], s[1])).size();
        }
      }
      long found = model.annotateAll(docs, model.words(), 1).stream().mapToLong(List::size).sum();
      System.out.printf(Locale.ROOT, "corpus %s: %d texts, %d characters, %d tokens; model %s:"
          + " %d words, %d occurrences found; %d rounds; cores: %d%n", source, texts.size(),
          chars, tokens, modelSource, model.words().size(), found, rounds,
          Runtime.getRuntime().availableProcessors());
      System.out.println("| stage | threads | tokens/s | wall ms per round |"
          + " process CPU ms per round |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (int threads : new int[] {1, 2}) {
        int t = threads;
        Runnable reset = () -> {
          analysis.close();
          model.close();
        };
        report("(a) OpenNLP analysis alone", t, tokens, rounds, reset,
            () -> TextModel.parallel(texts, text -> {
              for (int[] s : analysis.sentences(text)) {
                analysis.analyse(text.substring(s[0], s[1]));
              }
              return 0;
            }, t));
        report("(b) annotate (analysis + words + predictions)", t, tokens, rounds, reset,
            () -> model.annotateAll(docs, model.words(), t));
      }
    }
  }

  private static void report(String stage, int threads, long tokens, int rounds, Runnable reset,
      Runnable work) {
    for (int i = 0; i < Math.max(2, rounds / 2); i++) {
      reset.run();
      work.run();
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] nanos = new long[rounds];
    long[] cpu = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      reset.run();
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      work.run();
      nanos[i] = System.nanoTime() - t0;
      cpu[i] = os.getProcessCpuTime() - c0;
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    double seconds = nanos[rounds / 2] / 1e9;
    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f |%n", stage, threads,
        tokens / seconds, seconds * 1000, cpu[rounds / 2] / 1e6);
  }

}
