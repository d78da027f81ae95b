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
 * + tag + lemmatise with OpenNLP's LemmatizerME, (b') the same with {@link BeamLemmatizer} (and
 * counts the lemmas on which the two differ), (c) the full pipeline with the default
 * configuration, (c') the full pipeline
 * without the lemma generators, and (d) feature generation and hashing alone on analysed
 * sentences, on 1 and 2 threads. Each figure is the median of several timed rounds after warm-up
 * rounds, with the process CPU time beside the wall time (on a shared machine the CPU time shows
 * how much of the wall time was spent waiting for a core). Every round starts from fresh OpenNLP
 * tools, so nothing learnt in one round speeds up the next. A benchmark, not a test: run it
 * through the {@code bench} profile (see docs/features.md).
 *
 * <p>Usage: {@code FeatureBench CORPUS [rounds [stages]]}; stages is a string of stage letters
 * (default {@code abBcd}; B is b', c includes c').
 */
public final class FeatureBench {

  private FeatureBench() {}

  /** Runs the benchmark; prints one Markdown table row per stage and thread count. */
  public static void main(String[] args) throws Exception {
    String source = args.length > 0 ? args[0] : "bundled";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String stages = args.length > 2 ? args[2] : "abBcd";
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
      long differ = 0;
      for (String s : sentences) {
        List<String> a = analyzer.analyse(s, true, true).lemmas();
        List<String> b = analyzer.analyse(s, true, false).lemmas();
        for (int i = 0; i < a.size(); i++) {
          differ += a.get(i).equals(b.get(i)) ? 0 : 1;
        }
      }
      System.out.printf(Locale.ROOT, "lemmas differing between LemmatizerME and BeamLemmatizer:"
          + " %d of %d%n", differ, tokens);
      BeamLemmatizer memoProbe = BeamLemmatizer.of(analyzer.lemmatizerModel());
      for (String s : sentences) {
        SentenceAnalysis a = analyzer.analyse(s, false);
        memoProbe.lemmatize(a.tokens().toArray(new String[0]), a.tags().toArray(new String[0]));
      }
      long[] memo = memoProbe.memoStatistics();
      System.out.printf(Locale.ROOT, "lemmatizer contexts looked up: %d, model evaluations: %d%n",
          memo[0], memo[1]);
      Runnable reset = () -> {
        pipeline.close();
        light.close();
      };
      System.out.printf(Locale.ROOT, "corpus %s: %d occurrences, %d distinct sentences, %d tokens,"
          + " %d rounds; cores available: %d%n", source, examples.size(), sentences.size(),
          tokens, rounds, Runtime.getRuntime().availableProcessors());
      System.out.println("| stage | threads | occurrences/s | tokens/s | wall ms per round |"
          + " process CPU ms per round |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      int n = examples.size();
      for (int threads : new int[] {1, 2}) {
        report(stages, 'a', "(a) tokenise+tag", threads, n, tokens, rounds, reset,
            () -> split(sentences, threads, s -> analyzer.analyse(s, false)));
        report(stages, 'b', "(b) tokenise+tag+lemmatise (OpenNLP LemmatizerME)", threads, n,
            tokens, rounds, reset,
            () -> split(sentences, threads, s -> analyzer.analyse(s, true, true)));
        report(stages, 'B', "(b') tokenise+tag+lemmatise (BeamLemmatizer)", threads, n, tokens,
            rounds, reset,
            () -> split(sentences, threads, s -> analyzer.analyse(s, true, false)));
        report(stages, 'c', "(c) full pipeline, default config", threads, n, tokens, rounds,
            reset, () -> pipeline.vectorize(examples, threads));
        report(stages, 'c', "(c') full pipeline, no lemma generators", threads, n, tokens,
            rounds, reset, () -> light.vectorize(examples, threads));
        report(stages, 'd', "(d) features+hashing alone", threads, n, tokens, rounds, reset,
            () -> split(analysed, threads, pipeline::vectorOf));
      }
    }
  }

  private static void report(String stages, char letter, String stage, int threads,
      int occurrences, long tokens, int rounds, Runnable reset, Runnable work) {
    if (stages.indexOf(letter) < 0) {
      return;
    }
    for (int i = 0; i < Math.max(2, rounds / 2); i++) {
      reset.run();
      work.run();
    }
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long[] nanos = new long[rounds];
    long[] cpu = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      // Fresh OpenNLP tools each round: no state (such as the lemmatiser's memo) carries over.
      reset.run();
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      work.run();
      nanos[i] = System.nanoTime() - t0;
      cpu[i] = os.getProcessCpuTime() - c0;
    }
    java.util.Arrays.sort(nanos);
    java.util.Arrays.sort(cpu);
    double seconds = nanos[rounds / 2] / 1e9;
    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.1f | %.1f |%n", stage, threads,
        occurrences / seconds, tokens / seconds, seconds * 1000, cpu[rounds / 2] / 1e6);
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
