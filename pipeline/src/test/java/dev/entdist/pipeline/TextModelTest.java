package dev.entdist.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.Document;
import dev.entdist.divergence.Distribution;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.TrainerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library API end to end: train on the bundled words cell and bank, then read text. */
class TextModelTest {

  private static Corpus corpus;
  private static TrainedModel trained;
  private static TextModel model;

  @BeforeAll
  static void train() throws Exception {
    List<AnnotatedExample> examples = new ArrayList<>(BundledCorpus.load("cell").examples());
    examples.addAll(BundledCorpus.load("bank").examples());
    corpus = new Corpus("cell+bank", examples);
    trained = Training.train(corpus, TrainSettings.defaults()
        .withTrainer(TrainerConfig.defaults().withThreads(2)), Monitor.SILENT);
    model = trained.model();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void trainingUsesTheCommandLineDefaults() {
    assertEquals(TrainerConfig.DEFAULT_MAX_ITER, TrainSettings.defaults().trainer().maxIter());
    assertEquals("soft", TrainSettings.defaults().regime().name());
    assertTrue(Double.isFinite(trained.stats().finalObjective()), trained.stats().toString());
    assertTrue(trained.stats().iterations() <= TrainerConfig.DEFAULT_MAX_ITER);
    assertEquals(Set.of("cell", "bank"), model.words());
    assertEquals(corpus.labels(), model.labels());
    assertTrue(model.readsText());
  }

  @Test
  void aWordAloneIsTheMeanOfItsTrainingPredictions() {
    List<AnnotatedExample> cells = corpus.examples().stream()
        .filter(e -> e.word().equals("cell")).toList();
    double[][] p = model.predict(cells, 2);
    double[] mean = new double[model.labels().size()];
    for (double[] row : p) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += row[j] / p.length;
      }
    }
    WordDistribution d = model.query("Cell");
    assertTrue(d.knownWord());
    assertArrayEquals(mean, d.distribution().toArray(), 1e-12);
    assertEquals(0, d.occurrence());
  }

  @Test
  void anUnknownWordIsAnsweredFromItsOwnFeatures() {
    WordDistribution d = model.query("zebra");
    assertFalse(d.knownWord());
    assertEquals(1.0, d.distribution().asMap().values().stream()
        .mapToDouble(Double::doubleValue).sum(), 1e-9);
  }

  @Test
  void aWordInContextIsThePredictionOfThatSpan() {
    String context = "My cell died, so I need a charger for my phone.";
    WordDistribution d = model.query("cell", context);
    AnnotatedExample e = AnnotatedExample.of("x", context, "cell", 3, 7, Map.of("device", 1.0));
    // query answers a Distribution, renormalised to sum 1: equal up to that rounding
    assertArrayEquals(model.predict(List.of(e), 1)[0], d.distribution().toArray(), 1e-15);
    assertEquals("device", d.top());
    assertEquals("cell", d.surface());
  }

  /**
   * A query with a context analyses each sentence of the context once, for finding the word and
   * for its features, and answers exactly what the features of the found occurrence, computed
   * from scratch, give.
   */
  @Test
  void aQueryWithAContextAnalysesEachSentenceOnceAndAnswersAsTheOccurrence() {
    String[][] cases = {
      {"cell", "My cell died, so I need a charger for my phone.", "1"},
      {"cell", "Stem cells divide rapidly.", "1"},
      {"bank", "The Banks of the river flooded.", "1"},
      {"Cell", "CELL phones ring. A prisoner paced his cell all night.", "2"},
      {"cell", "🙂 The cell was dark. Under the microscope each cell divided.", "2"},
      {"bank", "We sat on the bank. Then the bank raised its rates. The bank closed.", "3"},
    };
    FeaturePipeline p = model.pipeline("the test");
    for (String[] c : cases) {
      String word = c[0];
      String context = c[1];
      int occurrence = Integer.parseInt(c[2]);
      AnnotatedExample e = ContextOccurrence.find(p, context, word, occurrence);
      double[] expected = Distribution.of(model.labels(),
          model.softmax().predict(p.vectorize(e), word.toLowerCase(Locale.ROOT))).toArray();
      long before = p.sentencesAnalysed();
      WordDistribution d = model.query(word, context, occurrence);
      assertEquals(p.sentences(context).size(), p.sentencesAnalysed() - before,
          "sentences analysed for " + word + " in: " + context);
      assertArrayEquals(expected, d.distribution().toArray(), 0.0, context);
      assertEquals(e.target(), d.surface(), context);
    }
  }

  @Test
  void aPhraseAcrossTwoSentencesIsStillAnsweredAsItsOccurrence() {
    // The detector ends a sentence inside the phrase; its features come from both sentences.
    String context = "My cell died. So I need a charger.";
    FeaturePipeline p = model.pipeline("the test");
    assertEquals(2, p.sentences(context).size(), "the case needs the phrase to straddle");
    AnnotatedExample e = ContextOccurrence.find(p, context, "died. so", 1);
    double[] expected = Distribution.of(model.labels(),
        model.softmax().predict(p.vectorize(e), "died. so")).toArray();
    WordDistribution d = model.query("died. so", context);
    assertArrayEquals(expected, d.distribution().toArray(), 0.0);
    assertEquals("died. So", d.surface());
  }

  @Test
  void anInflectedFormMatchesThroughItsLemma() {
    WordDistribution d = model.query("cell", "Stem cells divide rapidly.");
    assertEquals("cells", d.surface());
    assertTrue(d.knownWord());
    PipelineException missing = assertThrows(PipelineException.class,
        () -> model.query("cell", "Stem cells divide rapidly.", 2));
    assertTrue(missing.getMessage().contains("occurs 1 time(s)"), missing.getMessage());
    assertThrows(PipelineException.class, () -> model.query("cell", "No such word here."));
  }

  @Test
  void annotateFindsEveryOccurrenceInReadingOrderWithCodePointOffsets() {
    String text = "🙂 My cell died, so I need a charger. Under the microscope the Cells divided"
        + " and each cell membrane held. The Banks of the river flooded.";
    List<Annotation> found = model.annotate(text);
    List<String> surfaces = found.stream().map(Annotation::surface).toList();
    assertEquals(List.of("cell", "Cells", "cell", "Banks"), surfaces);
    assertEquals(List.of("cell", "cell", "cell", "bank"),
        found.stream().map(Annotation::word).toList());
    int previous = -1;
    for (Annotation a : found) {
      int from = text.offsetByCodePoints(0, a.start());
      int to = text.offsetByCodePoints(0, a.end());
      assertEquals(a.surface(), text.substring(from, to));
      assertTrue(a.start() > previous);
      previous = a.start();
      assertArrayEquals(model.annotateAt(text, a.start(), a.end()).distribution().toArray(),
          a.distribution().toArray(), 0.0, "same span, same features, same answer");
    }
    assertEquals("device", found.get(0).top());
    assertEquals("biology", found.get(2).top());
  }

  @Test
  void annotateLooksOnlyForTheWordsGivenAndAnswersUnknownOnes() {
    String text = "The zebra stood by the bank, far from any cell.";
    List<Annotation> found = model.annotate(text, List.of("Bank", "zebra"));
    assertEquals(List.of("zebra", "bank"), found.stream().map(Annotation::word).toList());
    assertFalse(found.get(0).knownWord());
    assertTrue(found.get(1).knownWord());
    List<Annotation> phrase = model.annotate("Each cell membrane held.", List.of("cell membrane"));
    assertEquals(1, phrase.size());
    assertEquals("cell membrane", phrase.get(0).surface());
  }

  @Test
  void aMarkedDocumentGivesOnlyItsOccurrence() {
    Document d = new Document("d1", 1, "The cell and the bank.", 4, 8);
    List<Annotation> found = model.annotate(d, model.words());
    assertEquals(1, found.size());
    assertEquals(4, found.get(0).start());
  }

  @Test
  void answersDoNotDependOnThreadsOrConcurrentCallers() throws Exception {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      AnnotatedExample e = corpus.examples().get(i * 5);
      docs.add(new Document("d" + i, i + 1, e.text(), -1, -1));
    }
    List<List<Annotation>> one = model.annotateAll(docs, model.words(), 1);
    List<List<Annotation>> two = model.annotateAll(docs, model.words(), 2);
    assertEquals(one, two);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Annotation>>> futures = new ArrayList<>();
      for (Document d : docs) {
        futures.add(pool.submit(() -> model.annotate(d, model.words())));
      }
      for (int i = 0; i < docs.size(); i++) {
        assertEquals(one.get(i), futures.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSavedModelAnswersAsTheTrainedOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.model");
    model.save(file);
    try (TextModel back = TextModel.load(file)) {
      assertEquals(model.labels(), back.labels());
      assertEquals(model.words(), back.words());
      String context = "He was locked in his cell.";
      assertEquals(model.query("cell", context), back.query("cell", context));
    }
    PipelineException missing = assertThrows(PipelineException.class,
        () -> TextModel.load(dir.resolve("none.model")));
    assertTrue(missing.getMessage().contains("does not exist"));
    assertThrows(PipelineException.class, () -> TextModel.load(dir));
  }

  @Test
  void aModelWithoutFeaturesRefusesText() {
    TextModel bare = TextModel.of(model.softmax().withFeatureConfigJson(null));
    assertFalse(bare.readsText());
    PipelineException e = assertThrows(PipelineException.class,
        () -> bare.annotate("My cell died."));
    assertTrue(e.getMessage().contains("feature configuration"), e.getMessage());
    assertTrue(bare.query("cell").knownWord(), "stored summaries need no features");
    assertSame(bare, bare.prepareAnalysis(), "nothing to prepare, and no refusal");
    assertSame(model, model.prepareAnalysis());
  }
}
