package dev.entdist.features;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.divergence.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * Occurrences in, sparse context vectors out: finds the sentence holding each target, analyses it
 * with OpenNLP (once per distinct sentence), runs the generators the {@link FeatureConfig}
 * enables and maps their string features to indices. The same input and configuration always
 * give the same vectors. Thread-safe.
 */
public final class FeaturePipeline implements AutoCloseable {

  private final FeatureConfig config;
  private final TextAnalyzer analyzer;
  private final FeatureIndex index;
  private final List<FeatureGenerator> generators;
  private final List<FeatureGenerator> intrinsic;
  private final boolean lemmas;

  private FeaturePipeline(FeatureConfig config, TextAnalyzer analyzer) {
    this.config = config;
    this.analyzer = analyzer;
    this.index = FeatureIndex.of(config);
    this.lemmas = config.needsLemmas();
    List<FeatureGenerator> all = new ArrayList<>();
    List<FeatureGenerator> alone = new ArrayList<>();
    for (FeatureGenerator g : FeatureGenerator.values()) {
      if (config.generators().contains(g.generatorName())) {
        all.add(g);
        if (!g.contextual()) {
          alone.add(g);
        }
      }
    }
    this.generators = List.copyOf(all);
    this.intrinsic = List.copyOf(alone);
  }

  /**
   * A pipeline over the configuration's OpenNLP models: those bundled on the classpath when
   * {@link FeatureConfig#modelDirectory()} is null, else the files in that directory (see {@link
   * TextAnalyzer#fromDirectory}). The lemmatizer model is loaded only when a generator needs it.
   */
  public static FeaturePipeline create(FeatureConfig config) {
    boolean lemmas = config.needsLemmas();
    TextAnalyzer analyzer = config.modelDirectory() == null
        ? TextAnalyzer.bundled(lemmas)
        : TextAnalyzer.fromDirectory(Path.of(config.modelDirectory()), lemmas);
    return new FeaturePipeline(config, analyzer);
  }

  /** A pipeline over the OpenNLP model files in {@code openNlpModelDir}; the config records it. */
  public static FeaturePipeline create(FeatureConfig config, Path openNlpModelDir) {
    return create(config.withModelDirectory(openNlpModelDir));
  }

  /** The configuration this pipeline applies. */
  public FeatureConfig config() {
    return config;
  }

  /** The number of vector dimensions (2<sup>hashBits</sup>, or the vocabulary size). */
  public int dimension() {
    return index.dimension();
  }

  /** The analyser this pipeline runs. */
  TextAnalyzer analyzer() {
    return analyzer;
  }

  /** The OpenNLP analysis of one sentence (lemmas included when the configuration uses them). */
  public SentenceAnalysis analyse(String sentence) {
    return analyzer.analyse(sentence, lemmas);
  }

  /** The number of sentences this pipeline has analysed so far (see {@link #analyse}). */
  public long sentencesAnalysed() {
    return analyzer.sentencesAnalysed();
  }

  /**
   * The sentences of a text as {@code [start, end)} UTF-16 index pairs, as the pipeline splits
   * it when it locates an occurrence: analysing one of these sentences with {@link #analyse} and
   * vectorising a span of it with {@link #vectorize(SentenceAnalysis, int, int)} gives the same
   * vector as {@link #vectorize(AnnotatedExample)} on an occurrence of that span.
   */
  public List<int[]> sentences(String text) {
    return analyzer.sentences(text);
  }

  /**
   * The context vector of the span {@code [start, end)} (code points, counted from the start of
   * the analysed sentence) of an analysis made by {@link #analyse}.
   */
  public SparseVector vectorize(SentenceAnalysis analysis, int start, int end) {
    String sentence = analysis.sentence();
    if (start < 0 || end <= start || end > sentence.codePointCount(0, sentence.length())) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") outside the sentence");
    }
    int from = sentence.offsetByCodePoints(0, start);
    int to = sentence.offsetByCodePoints(from, end - start);
    return vectorOf(Occurrence.locate(analysis, sentence.substring(from, to), start, end),
        generators);
  }

  /** The context vector of one occurrence. */
  public SparseVector vectorize(AnnotatedExample e) {
    return vectorOf(occurrence(e, new HashMap<>()), generators);
  }

  /**
   * The context vectors of many occurrences, in the same order; each distinct sentence is
   * analysed once.
   */
  public List<SparseVector> vectorize(List<AnnotatedExample> examples) {
    return vectorize(examples, 1);
  }

  /**
   * As {@link #vectorize(List)}, on {@code threads} threads; the result does not depend on the
   * number of threads.
   */
  public List<SparseVector> vectorize(List<AnnotatedExample> examples, int threads) {
    List<Occurrence> occurrences = occurrences(examples, threads);
    return parallelMap(occurrences, o -> vectorOf(o, generators), threads);
  }

  /** The vector of a word with no context: only the generators that look at the target alone. */
  public SparseVector vectorizeWord(String word) {
    return vectorOf(isolated(word), intrinsic);
  }

  /** The feature strings of one occurrence, in generator order, e.g. {@code w[-1]=the}. */
  public List<String> explain(AnnotatedExample e) {
    List<String> names = new ArrayList<>();
    Occurrence o = occurrence(e, new HashMap<>());
    for (FeatureGenerator g : generators) {
      g.generate(o, config, names::add);
    }
    return names;
  }

  /** Each feature of one occurrence with its index and signed value, in generator order. */
  public List<ExplainedFeature> explainIndexed(AnnotatedExample e) {
    return indexed(occurrence(e, new HashMap<>()), generators);
  }

  /** Each feature of a word without context, with its index and signed value. */
  public List<ExplainedFeature> explainWord(String word) {
    return indexed(isolated(word), intrinsic);
  }

  /**
   * Fits an explicit vocabulary: every feature string that occurs in at least {@code minCount}
   * of the examples, sorted, becomes one dimension. Returns this configuration in vocabulary mode
   * with that vocabulary; build a new pipeline from it. Deterministic.
   */
  public FeatureConfig fitVocabulary(List<AnnotatedExample> examples, int minCount) {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
    }
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (Occurrence o : occurrences(examples, 1)) {
      Set<String> distinct = new HashSet<>();
      for (FeatureGenerator g : generators) {
        g.generate(o, config, distinct::add);
      }
      for (String f : distinct) {
        documentFrequency.merge(f, 1, Integer::sum);
      }
    }
    TreeSet<String> vocabulary = new TreeSet<>();
    documentFrequency.forEach((f, n) -> {
      if (n >= minCount) {
        vocabulary.add(f);
      }
    });
    return config.withVocabulary(minCount, new ArrayList<>(vocabulary));
  }

  /** Releases the pooled OpenNLP tools. */
  @Override
  public void close() {
    analyzer.close();
  }

  SparseVector vectorOf(Occurrence o) {
    return vectorOf(o, generators);
  }

  private SparseVector vectorOf(Occurrence o, List<FeatureGenerator> gens) {
    Accumulator acc = new Accumulator();
    for (FeatureGenerator g : gens) {
      g.generate(o, config, acc);
    }
    return SparseVector.of(Arrays.copyOf(acc.indices, acc.size),
        Arrays.copyOf(acc.values, acc.size));
  }

  private List<ExplainedFeature> indexed(Occurrence o, List<FeatureGenerator> gens) {
    List<ExplainedFeature> out = new ArrayList<>();
    for (FeatureGenerator g : gens) {
      g.generate(o, config, f -> {
        int slot = index.signedSlot(f);
        out.add(slot == 0 ? new ExplainedFeature(f, -1, 0.0)
            : new ExplainedFeature(f, Math.abs(slot) - 1, Math.signum(slot)));
      });
    }
    return out;
  }

  private Occurrence isolated(String word) {
    if (word == null || word.isBlank()) {
      throw new IllegalArgumentException("word is empty");
    }
    return Occurrence.isolated(analyzer.analyse(word, lemmas), word);
  }

  private Occurrence occurrence(AnnotatedExample e, Map<String, SentenceAnalysis> cache) {
    SentenceLocator.Located loc = SentenceLocator.locate(analyzer, e);
    SentenceAnalysis a = cache.computeIfAbsent(loc.sentence(), s -> analyzer.analyse(s, lemmas));
    return Occurrence.locate(a, e.target(), loc.start(), loc.end());
  }

  /**
   * Locates every example, splitting each distinct text into sentences once and analysing each
   * distinct sentence once, in parallel when asked.
   */
  List<Occurrence> occurrences(List<AnnotatedExample> examples, int threads) {
    // Sorted, so the work each thread gets does not depend on hash order.
    List<String> texts = new ArrayList<>(new TreeSet<>(
        examples.stream().map(AnnotatedExample::text).toList()));
    List<List<int[]>> spans = parallelMap(texts, analyzer::sentences, threads);
    Map<String, List<int[]>> sentencesOfText = new HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      sentencesOfText.put(texts.get(i), spans.get(i));
    }
    List<SentenceLocator.Located> located = new ArrayList<>(examples.size());
    for (AnnotatedExample e : examples) {
      located.add(SentenceLocator.locate(sentencesOfText.get(e.text()), e));
    }
    List<String> distinct = new ArrayList<>(new TreeSet<>(
        located.stream().map(SentenceLocator.Located::sentence).toList()));
    Map<String, SentenceAnalysis> analyses = new HashMap<>();
    List<SentenceAnalysis> done =
        parallelMap(distinct, s -> analyzer.analyse(s, lemmas), threads);
    for (int i = 0; i < distinct.size(); i++) {
      analyses.put(distinct.get(i), done.get(i));
    }
    List<Occurrence> out = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      SentenceLocator.Located loc = located.get(i);
      out.add(Occurrence.locate(analyses.get(loc.sentence()), examples.get(i).target(),
          loc.start(), loc.end()));
    }
    return out;
  }

  /**
   * {@code f} applied to every item on {@code threads} threads (a pool of its own, shut down
   * afterwards), in the items' order whatever the thread count; a runtime exception of {@code f}
   * is rethrown as it is. Shared by everything that analyses text in parallel.
   */
  public static <T, R> List<R> parallelMap(List<T> items, Function<T, R> f, int threads) {

    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (threads == 1 || items.size() < 2) {
      List<R> out = new ArrayList<>(items.size());
      for (T t : items) {
        out.add(f.apply(t));
      }
      return out;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> items.parallelStream().map(f).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing features", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** Collects signed slots into growable index/value arrays. */
  private final class Accumulator implements FeatureSink {
    int[] indices = new int[64];
    double[] values = new double[64];
    int size;

    @Override
    public void add(String feature) {
      int slot = index.signedSlot(feature);
      if (slot == 0) {
        return;
      }
      if (size == indices.length) {
        indices = Arrays.copyOf(indices, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      indices[size] = Math.abs(slot) - 1;
      values[size] = slot > 0 ? 1.0 : -1.0;
      size++;
    }
  }
}
