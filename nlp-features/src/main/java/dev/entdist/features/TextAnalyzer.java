package dev.entdist.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenNLP sentence detection, tokenisation, part-of-speech tagging and lemmatisation, with token
 * offsets in Unicode code points. The models are loaded once and shared; the OpenNLP tools that
 * use them are not thread-safe, so each call borrows a private set of tools from a pool. Safe for
 * concurrent use.
 */
public final class TextAnalyzer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TextAnalyzer.class);

  /** Classpath resource of the bundled English (UD EWT) sentence model. */
  public static final String SENTENCE_RESOURCE = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
  /** Classpath resource of the bundled English tokenizer model. */
  public static final String TOKENS_RESOURCE = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
  /** Classpath resource of the bundled English part-of-speech model. */
  public static final String POS_RESOURCE = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
  /** Classpath resource of the bundled English lemmatizer model. */
  public static final String LEMMAS_RESOURCE = "/opennlp-en-ud-ewt-lemmas-1.3-2.5.4.bin";

  private final SentenceModel sentenceModel;
  private final TokenizerModel tokenizerModel;
  private final POSModel posModel;
  private final LemmatizerModel lemmatizerModel;
  private final ConcurrentLinkedDeque<Tools> pool = new ConcurrentLinkedDeque<>();
  private final LongAdder analysed = new LongAdder();
  private volatile int longestTagged;

  /** Tokens a sentence is tagged in at most at once (see {@link #windows}). */
  static final int WINDOW_TOKENS = 200;
  /** Tokens of context on each side of a window (see {@link #windows}). */
  static final int WINDOW_CONTEXT = 24;

  private TextAnalyzer(SentenceModel s, TokenizerModel t, POSModel p, LemmatizerModel l) {
    this.sentenceModel = s;
    this.tokenizerModel = t;
    this.posModel = p;
    this.lemmatizerModel = l;
  }

  /**
   * The analyser over the English models bundled on the classpath. The models are read once per
   * process, on parallel threads, and shared by every analyser made here (they are immutable;
   * the tools that use them are per thread).
   *
   * @param withLemmatizer whether to load the lemmatizer model (lemmas cannot be asked for
   *     otherwise)
   * @throws UncheckedIOException if a model is missing from the classpath or unreadable
   */
  public static TextAnalyzer bundled(boolean withLemmatizer) {
    long t0 = System.nanoTime();
    preloadBundled(withLemmatizer);
    TextAnalyzer a = new TextAnalyzer(
        Bundled.SENTENCE.join(),
        Bundled.TOKENS.join(),
        Bundled.POS.join(),
        withLemmatizer ? Bundled.LEMMAS.join() : null);
    LOG.debug("bundled OpenNLP models ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
    return a;
  }

  /**
   * Starts reading the bundled models in the background, each on a thread of its own, and
   * returns at once; {@link #bundled} then finds them read or being read. A server calls this
   * before it reads its own model files, so that both happen at the same time.
   *
   * @param withLemmatizer whether to read the lemmatizer model too
   */
  public static void preloadBundled(boolean withLemmatizer) {
    Bundled.SENTENCE.start();
    Bundled.TOKENS.start();
    Bundled.POS.start();
    if (withLemmatizer) {
      Bundled.LEMMAS.start();
    }
  }

  /** One bundled model, read at most once per process, on a thread of its own. */
  private static final class Bundled<M> {
    static final Bundled<SentenceModel> SENTENCE =
        new Bundled<>(SENTENCE_RESOURCE, SentenceModel::new);
    static final Bundled<TokenizerModel> TOKENS =
        new Bundled<>(TOKENS_RESOURCE, TokenizerModel::new);
    static final Bundled<POSModel> POS = new Bundled<>(POS_RESOURCE, POSModel::new);
    static final Bundled<LemmatizerModel> LEMMAS =
        new Bundled<>(LEMMAS_RESOURCE, LemmatizerModel::new);

    private final String resource;
    private final ModelReader<M> reader;
    private CompletableFuture<M> model;

    private Bundled(String resource, ModelReader<M> reader) {
      this.resource = resource;
      this.reader = reader;
    }

    synchronized CompletableFuture<M> start() {
      if (model == null || model.isCompletedExceptionally()) {
        CompletableFuture<M> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
          try {
            f.complete(load(resource, reader));
          } catch (Throwable e) {
            // Anything, an OutOfMemoryError included, goes to the caller of join(), which
            // throws it as it would have thrown it reading the model itself.
            f.completeExceptionally(e);
          }
        }, "entdist-load-" + resource.substring(1));
        t.setDaemon(true);
        t.start();
        model = f;
      }
      return model;
    }

    M join() {
      try {
        return start().join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw new UncheckedIOException("cannot read a bundled OpenNLP model", io);
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw cause instanceof RuntimeException r ? r : e;
      }
    }
  }

  /**
   * The analyser over a directory of OpenNLP model files. The directory must hold exactly one
   * {@code .bin} file whose name contains each of {@code sentence}, {@code token} and {@code pos},
   * and (when {@code withLemmatizer}) one containing {@code lemma} — as the OpenNLP distributions
   * name them, e.g. {@code opennlp-de-ud-gsd-tokens-1.3-2.5.4.bin}.
   *
   * @throws IllegalArgumentException naming the directory and the missing or ambiguous model
   * @throws UncheckedIOException if a model file cannot be read
   */
  public static TextAnalyzer fromDirectory(Path dir, boolean withLemmatizer) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("OpenNLP model directory " + dir + " does not exist");
    }
    try {
      return new TextAnalyzer(
          new SentenceModel(modelFile(dir, "sentence")),
          new TokenizerModel(modelFile(dir, "token")),
          new POSModel(modelFile(dir, "pos")),
          withLemmatizer ? new LemmatizerModel(modelFile(dir, "lemma")) : null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read an OpenNLP model in " + dir, e);
    }
  }

  /** The lemmatizer model, or null. */
  LemmatizerModel lemmatizerModel() {
    return lemmatizerModel;
  }

  /** Whether this analyser can lemmatise. */
  public boolean hasLemmatizer() {
    return lemmatizerModel != null;
  }

  /**
   * The sentences of {@code text} as {@code [start, end)} UTF-16 index pairs, in order, trimmed
   * of surrounding white space. A text without sentence-final punctuation is one sentence.
   */
  public List<int[]> sentences(String text) {
    Tools tools = borrow();
    try {
      Span[] spans = tools.sentences.sentPosDetect(text);
      List<int[]> out = new ArrayList<>(spans.length);
      for (Span s : spans) {
        out.add(new int[] {s.getStart(), s.getEnd()});
      }
      return out;
    } finally {
      pool.push(tools);
    }
  }

  /**
   * Tokenises and tags one sentence, and lemmatises it when asked.
   *
   * @param sentence the sentence text
   * @param lemmatize whether to run the lemmatiser
   * @throws IllegalStateException if lemmas are asked for but no lemmatizer model was loaded
   */
  public SentenceAnalysis analyse(String sentence, boolean lemmatize) {
    return analyse(sentence, lemmatize, false);
  }

  /**
   * As {@link #analyse(String, boolean)}; with {@code openNlpDecoders} the tags and lemmas come
   * from OpenNLP's own {@code POSTaggerME} and {@code LemmatizerME} instead of the equivalent,
   * faster {@link BeamTagger} and {@link BeamLemmatizer} (for the benchmark and the tests that
   * show they agree).
   */
  SentenceAnalysis analyse(String sentence, boolean lemmatize, boolean openNlpDecoders) {
    if (lemmatize && lemmatizerModel == null) {
      throw new IllegalStateException("no lemmatizer model loaded");
    }
    analysed.increment();
    Tools tools = borrow();
    try {
      Span[] spans = tools.tokenizer.tokenizePos(sentence);
      String[] tokens = new String[spans.length];
      int[] starts = new int[spans.length];
      int[] ends = new int[spans.length];
      // Walk the sentence once, converting UTF-16 indices to code-point indices.
      int charPos = 0;
      int cpPos = 0;
      for (int i = 0; i < spans.length; i++) {
        cpPos += sentence.codePointCount(charPos, spans[i].getStart());
        starts[i] = cpPos;
        cpPos += sentence.codePointCount(spans[i].getStart(), spans[i].getEnd());
        ends[i] = cpPos;
        charPos = spans[i].getEnd();
        tokens[i] = sentence.substring(spans[i].getStart(), spans[i].getEnd());
      }
      String[] tags = new String[tokens.length];
      String[] lemmas = lemmatize ? new String[tokens.length] : null;
      for (int[] w : windows(tokens.length)) {
        String[] part = Arrays.copyOfRange(tokens, w[0], w[1]);
        String[] partTags = tools.tag(part, openNlpDecoders);
        longestTagged = Math.max(longestTagged, part.length);
        System.arraycopy(partTags, w[2] - w[0], tags, w[2], w[3] - w[2]);
        if (lemmatize) {
          String[] partLemmas = tools.lemmatize(part, partTags, openNlpDecoders);
          System.arraycopy(partLemmas, w[2] - w[0], lemmas, w[2], w[3] - w[2]);
        }
      }
      return new SentenceAnalysis(sentence, tokens, starts, ends, tags, lemmas);
    } finally {
      pool.push(tools);
    }
  }

  /**
   * The windows a sentence of {@code n} tokens is tagged in: OpenNLP's beam search takes time and
   * memory that grow with the square of the sentence length (6 000 tokens took 4.4 s, 25 000
   * took 25.6 s and 1.75 GB), so a sentence longer than {@value #WINDOW_TOKENS} tokens is tagged
   * and lemmatised in windows of at most that many tokens plus {@value #WINDOW_CONTEXT} tokens
   * of context on each side, which keeps the work linear in the length. Each window is {@code
   * {from, to, keepFrom, keepTo}}: tokens [from, to) are tagged and the tags of [keepFrom,
   * keepTo) are kept; the kept ranges tile [0, n).
   */
  static List<int[]> windows(int n) {
    List<int[]> out = new ArrayList<>();
    if (n <= WINDOW_TOKENS + 2 * WINDOW_CONTEXT) {
      out.add(new int[] {0, n, 0, n});
      return out;
    }
    for (int keep = 0; keep < n; keep += WINDOW_TOKENS) {
      int keepTo = Math.min(n, keep + WINDOW_TOKENS);
      out.add(new int[] {Math.max(0, keep - WINDOW_CONTEXT),
          Math.min(n, keepTo + WINDOW_CONTEXT), keep, keepTo});
    }
    return out;
  }

  /**
   * The number of sentences this analyser has tokenised and tagged so far, by every thread: what a
   * caller that must not analyse a sentence twice can be checked with.
   */
  public long sentencesAnalysed() {
    return analysed.sum();
  }

  /** The longest token sequence given to the tagger so far (for the test of the bound). */
  int longestTagged() {
    return longestTagged;
  }

  /** Drops the pooled OpenNLP tools; the analyser stays usable and refills the pool on demand. */
  @Override
  public void close() {
    pool.clear();
  }

  private Tools borrow() {
    Tools t = pool.poll();
    return t != null ? t : new Tools();
  }

  /** Reads a model from an input stream. */
  private interface ModelReader<M> {
    M read(InputStream in) throws IOException;
  }

  private static <M> M load(String resource, ModelReader<M> reader) throws IOException {
    try (InputStream in = TextAnalyzer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("OpenNLP model " + resource + " is not on the classpath");
      }
      return reader.read(in);
    }
  }

  private static Path modelFile(Path dir, String kind) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bin")) {
      for (Path f : files) {
        if (f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).contains(kind)) {
          found.add(f);
        }
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException("OpenNLP model directory " + dir + " holds "
          + found.size() + " .bin files whose name contains '" + kind + "', expected one: "
          + found);
    }
    return found.get(0);
  }

  /** One thread's set of OpenNLP tools over the shared models. */
  private final class Tools {
    final SentenceDetectorME sentences = new SentenceDetectorME(sentenceModel);
    final TokenizerME tokenizer = new TokenizerME(tokenizerModel);
    private POSTaggerME tagger;
    private BeamTagger beamTagger;
    private boolean beamTaggerTried;
    private LemmatizerME lemmatizer;
    private BeamLemmatizer beamLemmatizer;
    private boolean beamTried;

    String[] tag(String[] tokens, boolean openNlp) {
      if (!openNlp && !beamTaggerTried) {
        beamTagger = BeamTagger.of(posModel);
        beamTaggerTried = true;
      }
      if (!openNlp && beamTagger != null) {
        return beamTagger.tag(tokens);
      }
      if (tagger == null) {
        tagger = new POSTaggerME(posModel);
      }
      return tagger.tag(tokens);
    }

    String[] lemmatize(String[] tokens, String[] tags, boolean openNlp) {
      if (!openNlp && !beamTried) {
        beamLemmatizer = BeamLemmatizer.of(lemmatizerModel);
        beamTried = true;
      }
      if (!openNlp && beamLemmatizer != null) {
        return beamLemmatizer.lemmatize(tokens, tags);
      }
      if (lemmatizer == null) {
        lemmatizer = new LemmatizerME(lemmatizerModel);
      }
      return lemmatizer.lemmatize(tokens, tags);
    }
  }
}
