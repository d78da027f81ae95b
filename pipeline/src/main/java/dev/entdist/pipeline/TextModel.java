package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.Document;
import dev.entdist.divergence.Distribution;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.features.TextAnalyzer;
import dev.entdist.io.OutputTarget;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.ModelFormatException;
import dev.entdist.trainer.ModelIo;
import dev.entdist.trainer.Provenance;
import dev.entdist.trainer.SoftmaxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained model that reads text: the softmax model, the feature configuration it was trained
 * with, and the type-level distribution of every training word, in one immutable object. It is
 * thread-safe: any number of threads may query and annotate at once (the OpenNLP tools behind it
 * are pooled per thread). Close it to release those tools; it stays usable and reopens them.
 *
 * <pre>{@code
 * try (TextModel model = TextModel.load(Path.of("cell.model"))) {
 *   model.query("cell", "My cell died, I need a charger.").top();   // device
 *   for (Annotation a : model.annotate("Under the microscope the cells divided.")) {
 *     System.out.println(a.surface() + " " + a.word() + " " + a.top());  // cells cell biology
 *   }
 * }
 * }</pre>
 *
 * <p>A model trained on a feature directory has no feature configuration: it answers {@link
 * #labels()}, {@link #words()} and {@link #softmax()}, and refuses every call that reads text
 * with a {@link PipelineException}.
 */
public final class TextModel implements AutoCloseable {

  private final SoftmaxModel model;
  private final String origin;
  private final FeatureConfig featureConfig;
  private final Set<String> words;
  private volatile FeaturePipeline pipeline;

  private TextModel(SoftmaxModel model, String origin) {
    this.model = model;
    this.origin = origin;
    String json = model.featureConfigJson();
    FeatureConfig config = null;
    if (json != null) {
      try {
        config = FeatureConfig.fromJson(json);
      } catch (IllegalArgumentException e) {
        throw new PipelineException("model " + origin + ": its stored feature configuration is"
            + " unusable: " + e.getMessage(), e);
      }
    }
    this.featureConfig = config;
    this.words = Collections.unmodifiableSet(new TreeSet<>(model.wordSummaries().keySet()));
  }

  /** Wraps a softmax model (with or without a feature configuration). */
  public static TextModel of(SoftmaxModel model) {
    return new TextModel(model, "(in memory)");
  }

  /**
   * Reads a model file.
   *
   * @throws PipelineException when the file is missing, not a regular file, or not a model
   * @throws IOException when reading fails
   */
  public static TextModel load(Path file) throws IOException {
    if (file.toString().equals("-")) {
      // '-' is standard input, read once like any pipe.
      file = Path.of("/dev/stdin");
    }
    if (!Files.exists(file)) {
      throw new PipelineException("model file " + file + " does not exist: train one with"
          + " 'entdist train --corpus FILE --out " + file + "'");
    }
    if (Files.isDirectory(file)) {
      throw new PipelineException("model file " + file + " is a directory, not a model file");
    }
    try {
      return new TextModel(ModelIo.read(file), file.toString());
    } catch (ModelFormatException e) {
      throw new PipelineException(e.getMessage(), e);
    }
  }

  /** Writes the model file atomically (a temporary file, then a move). */
  public void save(Path file) throws IOException {
    ModelIo.write(model, file);
  }

  /**
   * Writes the model to {@code target}: a regular file atomically (a link stays a link),
   * standard output, a pipe or a device straight through.
   */
  public void save(OutputTarget target) throws IOException {
    ModelIo.write(model, target);
  }

  /** The softmax model underneath: weights, inventories, provenance. */
  public SoftmaxModel softmax() {
    return model;
  }

  /** Where the model came from: its file, or "(in memory)". */
  public String origin() {
    return origin;
  }

  /** A copy with the corpus checksum and regime recorded in the provenance. */
  public TextModel withSource(String corpusChecksum, String regime) {
    return new TextModel(model.withSource(corpusChecksum, regime), origin);
  }

  /** The labels, sorted; every distribution is over these, in this order. */
  public List<String> labels() {
    return model.labels();
  }

  /** The training words (lower-cased, sorted): those with a stored type-level distribution. */
  public Set<String> words() {
    return words;
  }

  /** Where the model came from: corpus, regime, λ, optimiser, versions, date. */
  public Provenance provenance() {
    return model.provenance();
  }

  /** Whether the model can compute features from text (it was trained on a corpus). */
  public boolean readsText() {
    return featureConfig != null;
  }

  /** The feature configuration, or {@code null} for a model trained on a feature directory. */
  public FeatureConfig featureConfig() {
    return featureConfig;
  }

  /**
   * Loads what reading text needs — the feature pipeline and its OpenNLP models — now rather than
   * at the first call that reads text; does nothing for a model without a feature configuration.
   * Analysing the first sentence still takes longer than the next ones (classes load, code
   * compiles).
   *
   * @return this model
   */
  public TextModel prepareAnalysis() {
    if (readsText()) {
      pipeline("prepare");
    }
    return this;
  }

  /**
   * Starts reading the OpenNLP models bundled with entdist in the background and returns at
   * once, so that a model read meanwhile finds them read when it first reads text (see {@link
   * #prepareAnalysis()}). For a server that reads its model files at start.
   */
  public static void preloadBundledAnalysis() {
    TextAnalyzer.preloadBundled(true);
  }

  /**
   * The distribution of a word alone: the mean of the model's predictions over the word's
   * training occurrences, or, for a word the model never saw, its prediction from the features of
   * the word alone ({@link WordDistribution#knownWord()} is then false).
   */
  public WordDistribution query(String word) {
    String key = key(word);
    double[] stored = model.wordSummaries().get(key);
    if (stored != null) {
      return new WordDistribution(word, null, 0, word, true, distribution(stored));
    }
    double[] p = model.predict(pipeline("query").vectorizeWord(word), key);
    return new WordDistribution(word, null, 0, word, false, distribution(p));
  }

  /** The distribution of the first occurrence of {@code word} in {@code context}. */
  public WordDistribution query(String word, String context) {
    return query(word, context, 1);
  }

  /**
   * The in-context distribution of the {@code occurrence}-th (1-based) occurrence of {@code
   * word} in {@code context}. The word matches case-insensitively as a whole word, or through
   * its lemma: "cell" finds "Cells" in "Cells divide."
   *
   * @throws PipelineException when the word does not occur that often in the context
   */
  public WordDistribution query(String word, String context, int occurrence) {
    FeaturePipeline p = pipeline("query with a context");
    String key = key(word);
    ContextOccurrence.Located found = ContextOccurrence.locate(p, context, word, occurrence);
    String surface = found.example().target();
    double[] probs = model.predict(found.vectorize(p), key);
    return new WordDistribution(word, context, occurrence, surface, words.contains(key),
        distribution(probs));
  }

  /** Every occurrence of a training word in {@code text}, in reading order. */
  public List<Annotation> annotate(String text) {
    return annotate(text, words);
  }

  /**
   * Every occurrence of {@code lookFor} in {@code text}, in reading order. Words the model never
   * saw are answered from their context and features ({@link Annotation#knownWord()} false).
   * Matching is case-insensitive and by whole word or lemma, as {@link #query(String, String,
   * int)}.
   */
  public List<Annotation> annotate(String text, Collection<String> lookFor) {
    FeaturePipeline p = pipeline("annotate");
    Set<String> keys = new TreeSet<>();
    for (String w : lookFor) {
      if (!w.isBlank()) {
        keys.add(key(w));
      }
    }
    List<Annotation> out = new ArrayList<>();
    for (WordFinder.Match m : WordFinder.find(p, text, keys)) {
      SparseVector x = p.vectorize(m.analysis(), m.start(), m.end());
      double[] probs = model.predict(x, m.word());
      out.add(new Annotation(m.sentenceOffset() + m.start(), m.sentenceOffset() + m.end(),
          m.surface(), m.word(), words.contains(m.word()), distribution(probs)));
    }
    return out;
  }

  /**
   * The distribution of the occurrence at code points {@code [start, end)} of {@code text},
   * whatever word it is (its lower-cased text is the word).
   */
  public Annotation annotateAt(String text, int start, int end) {
    FeaturePipeline p = pipeline("predict");
    int from = text.offsetByCodePoints(0, start);
    String surface = text.substring(from, text.offsetByCodePoints(from, end - start));
    AnnotatedExample e = AnnotatedExample.of("span", text, surface, start, end,
        Map.of("?", 1.0));
    String key = e.word();
    return new Annotation(start, end, surface, key, words.contains(key),
        distribution(model.predict(p.vectorize(e), key)));
  }

  /**
   * The annotations of a document: only its marked occurrence when it has one, else every
   * occurrence of {@code lookFor} ({@link #annotate(String, Collection)}).
   */
  public List<Annotation> annotate(Document document, Collection<String> lookFor) {
    return document.marked()
        ? List.of(annotateAt(document.text(), document.start(), document.end()))
        : annotate(document.text(), lookFor);
  }

  /**
   * {@link #annotate(Document, Collection)} of many documents on {@code threads} threads; the
   * result, in the order of {@code documents}, does not depend on the thread count.
   */
  public List<List<Annotation>> annotateAll(List<Document> documents,
      Collection<String> lookFor, int threads) {
    return parallel(documents, d -> annotate(d, lookFor), threads);
  }

  /**
   * The in-context distribution of every occurrence, over {@link #labels()}, in order; each
   * occurrence is predicted with its lower-cased word, so its inventory applies when the model
   * restricts.
   */
  public double[][] predict(List<AnnotatedExample> occurrences, int threads) {
    List<SparseVector> vectors = vectorize(occurrences, threads);
    List<String> keys = new ArrayList<>(occurrences.size());
    for (AnnotatedExample e : occurrences) {
      keys.add(e.word());
    }
    return model.predictAll(vectors, keys);
  }

  /** The feature vector of every occurrence, in order, with the model's feature configuration. */
  public List<SparseVector> vectorize(List<AnnotatedExample> occurrences, int threads) {
    return pipeline("predict").vectorize(occurrences, threads);
  }

  /**
   * The annotated distributions of a corpus over the model's labels, in corpus order.
   *
   * @throws PipelineException when the corpus uses labels the model does not know (their mass
   *     would silently vanish from the reference)
   */
  public double[][] references(Corpus corpus) {
    Set<String> unknown = new TreeSet<>(corpus.labels());
    unknown.removeAll(model.labels());
    if (!unknown.isEmpty()) {
      throw new PipelineException("corpus " + corpus.source() + " has labels " + unknown
          + " that model " + origin + " was not trained on, so it cannot be evaluated"
          + " against them");
    }
    double[][] refs = new double[corpus.size()][];
    for (int i = 0; i < refs.length; i++) {
      refs[i] = corpus.examples().get(i).distributionOver(model.labels());
    }
    return refs;
  }

  /** Every evaluation metric of the model's predictions against the corpus's annotations. */
  public Evaluation.Metrics evaluate(Corpus corpus, int threads) {
    if (corpus.size() == 0) {
      throw new PipelineException(corpus.source() + " has no occurrences to evaluate on");
    }
    double[][] references = references(corpus);
    return Evaluation.evaluate(references, predict(corpus.examples(), threads));
  }

  /**
   * The model scored on {@code corpus} with {@code settings}: unknown labels refused or skipped,
   * optionally per word and with bootstrap intervals ({@link HeldOutEvaluation}).
   */
  public HeldOutEvaluation.Result evaluate(Corpus corpus, HeldOutEvaluation.Settings settings) {
    return HeldOutEvaluation.evaluate(this, corpus, settings);
  }

  /**
   * A copy whose predictions divide every logit by {@code temperature} (see {@link
   * Calibration}). The stored type-level distributions of the training words are kept as they
   * were trained: {@link #query(String)} without a context answers from them.
   */
  public TextModel withTemperature(double temperature) {
    return new TextModel(model.withTemperature(temperature), origin);
  }

  /** Releases the pooled OpenNLP tools; the model stays usable and reopens them on demand. */
  @Override
  public synchronized void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  /**
   * The feature pipeline, created on first use; {@code what} names the call in a refusal. Once it
   * exists, callers take it without a lock (every request of a server passes here).
   */
  FeaturePipeline pipeline(String what) {
    if (featureConfig == null) {
      throw new PipelineException("model " + origin + " was trained on a feature directory"
          + " (--features) and has no feature configuration, so " + what + " cannot compute"
          + " features from text: train it with --corpus instead");
    }
    FeaturePipeline p = pipeline;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (pipeline == null) {
        pipeline = FeaturePipeline.create(featureConfig);
      }
      return pipeline;
    }
  }

  private Distribution distribution(double[] p) {
    return Distribution.of(model.labels(), p);
  }

  private static String key(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  static <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> f,
      int threads) {
    return FeaturePipeline.parallelMap(items, f, threads);
  }
}
