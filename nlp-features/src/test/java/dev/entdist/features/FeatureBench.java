package dev.entdist.features;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.JsonlFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the feature pipeline and of the OpenNLP stages under it, on a JSONL corpus (or
 * {@code bundled}). Reports occurrences and tokens per second for (a) tokenise + tag, (b) tokenise
 * + tag + lemmatise, (c) the full pipeline with the default configuration, (c') the full pipeline
 * without the lemma generators, and (d) feature generation and hashing alone on analysed
 * sentences, on 1 and 2 threads. Each figure is the median of several timed rounds after warm-up
 * rounds. A benchmark, not a test: run it through the {@code bench} profile (see docs/features.md).
 *
 * <p>Usage: {@code FeatureBench CORPUS [rounds [stages]]}; stages is a string of stage letters
 * (default {@code abcd}; {@code c} includes c').
 */
public final class FeatureBench {

  private FeatureBench() {}

  /** Runs the benchmark; prints one Markdown table row per stage and thread count. */
  public static void main(String[] args) throws Exception {
    String source = args.length > 0 ? args[0] : "bundled";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String stages = args.length > 2 ? args[2] : "abcd";
    List<AnnotatedExample> examples = "bundled".equals(source)
        ? BundledCorpus.load().examples()
        : JsonlFormat.read(Path.of(source)).examples();
    if (examples.isEmpty()) {
      System.out.println("corpus " + source + " is empty");
      return;
    }
    FeatureConfig full = FeatureConfig.defaults();
    FeatureConfig noLemmas = full.withGenerators(new TreeSet<>(full.generators().stream()
        .filter(g -> !FeatureGenerator.byName(g).needsLemmas()).toList()));
    try (FeaturePipeline pipeline = FeaturePipeline.create(full);
        FeaturePipeline light = FeaturePipeline.create(noLemmas)) {
      TextAnalyzer analyzer = pipeline.analyzer();
      List<String> sentences = new ArrayList<>(new TreeSet<>(examples.stream()
          .map(e -> SentenceLocator.locate(analyzer, e).sentence()).toList()));
      long tokens = 0;
      for (String s : sentences) {
        tokens += analyzer.analyse(s, false).size();
      }
      List<Occurrence> analysed = pipeline.occurrences(examples, 1);
      System.out.printf(Locale.ROOT, "corpus %s: %d occurrences, %d distinct sentences, %d tokens,"
          + " %d rounds; cores available: %d%n", source, examples.size(), sentences.size(),
          tokens, rounds, Runtime.getRuntime().availableProcessors());
      System.out.println("| stage | threads | occurrences/s | tokens/s | ms per round |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (int threads : new int[] {1, 2}) {
        report(stages, 'a', "(a) tokenise+tag", threads, examples.size(), tokens, rounds,
            () -> split(sentences, threads, s -> analyzer.analyse(s, false)));
        report(stages, 'b', "(b) tokenise+tag+lemmatise", threads, examples.size(), tokens, rounds,
            () -> split(sentences, threads, s -> analyzer.analyse(s, true)));
        report(stages, 'c', "(c) full pipeline, default config", threads, examples.size(), tokens, rounds,
            () -> pipeline.vectorize(examples, threads));
        report(stages, 'c', "(c') full pipeline, no lemma generators", threads, examples.size(), tokens,
            rounds, () -> light.vectorize(examples, threads));
        report(stages, 'd', "(d) features+hashing alone", threads, examples.size(), tokens, rounds,
            () -> split(analysed, threads, pipeline::vectorOf));
      }
    }
  }

  private static void report(String stages, char letter, String stage, int threads, int occurrences, long tokens,
      int rounds, Runnable work) {
    if (stages.indexOf(letter) < 0) {
      return;
    }
    for (int i = 0; i < Math.max(2, rounds / 2); i++) {
      work.run();
    }
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      work.run();
      nanos[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(nanos);
    double seconds = nanos[rounds / 2] / 1e9;
    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.1f |%n", stage, threads,
        occurrences / seconds, tokens / seconds, seconds * 1000);
  }

  /** Applies {@code f} to every item, the items split into {@code threads} contiguous parts. */
  private static <T> void split(List<T> items, int threads, java.util.function.Consumer<T> f) {
    if (threads == 1) {
      items.forEach(f);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      int n = items.size();
      for (int t = 0; t < threads; t++) {
        List<T> part = items.subList(t * n / threads, (t + 1) * n / threads);
        parts.add(pool.submit(() -> part.forEach(f)));
      }
      for (Future<?> p : parts) {
        p.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }
}
