package dev.entdist.cli;

import dev.entdist.pipeline.Training;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Corpus;
import dev.entdist.divergence.Kernels;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.ModelIo;
import dev.entdist.trainer.SoftmaxModel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model lifecycle end to end on the bundled corpus: one model is trained (30 L-BFGS
 * iterations, to keep the suite quick), written, read back and queried; the answers are checked
 * against the model and feature pipeline called directly.
 */
class ModelLifecycleTest {

  private static final String PHONE = "My cell died, I need a charger.";

  @TempDir static Path dir;
  private static Path modelFile;
  private static JsonNode trainJson;
  private static SoftmaxModel model;
  private static Path traceFile;

  @BeforeAll
  static void train() throws Exception {
    modelFile = dir.resolve("bundled.model");
    traceFile = dir.resolve("trace.csv");
    CliRun run = CliRun.of("train", "--corpus", "bundled", "--out", modelFile.toString(),
        "--max-iter", "30", "--json", "--quiet", "--trace", traceFile.toString());
    assertEquals(0, run.code(), run::toString);
    trainJson = Json.MAPPER.readTree(run.out());
    model = ModelIo.read(modelFile);
  }

  @Test
  void trainReportsTheContractKeys() {
    for (String key : List.of("regime", "examples", "features", "labels", "iterations",
        "evaluations", "final_objective", "final_gradient_max", "fit_seconds", "converged")) {
      assertTrue(trainJson.has(key), "train --json lacks " + key);
    }
    Corpus bundled = BundledCorpus.load();
    assertEquals("soft", trainJson.get("regime").asText());
    assertEquals(bundled.size(), trainJson.get("examples").asInt());
    assertEquals(model.numFeatures(), trainJson.get("features").asInt());
    List<String> labels = new ArrayList<>();
    trainJson.get("labels").forEach(n -> labels.add(n.asText()));
    assertEquals(bundled.labels(), labels);
    assertEquals(model.labels(), labels);
    assertEquals(30, trainJson.get("iterations").asInt());
  }

  @Test
  void lambdaAutoReportsTheSearchAndItsTime() throws Exception {
    CliRun run = CliRun.of("train", "--corpus", "bundled", "--out",
        dir.resolve("auto.model").toString(), "--lambda", "auto", "--max-iter", "20", "--json",
        "--quiet");
    assertEquals(0, run.code(), run::toString);
    JsonNode json = Json.MAPPER.readTree(run.out());
    assertTrue(json.get("search_seconds").asDouble() > 0, json.toString());
    assertTrue(json.get("fit_seconds").asDouble() > 0, json.toString());
    JsonNode search = json.get("lambda_search");
    assertEquals(dev.entdist.pipeline.Training.LAMBDA_FOLDS, search.get("folds").asInt());
    assertEquals(search.get("chosen").asDouble(), json.get("lambda").asDouble(), 0.0);
  }

  @Test
  void theTraceHasOneLinePerIterationEndingAtTheReportedObjective() throws Exception {
    List<String> lines = java.nio.file.Files.readAllLines(traceFile);
    assertEquals("iteration,objective,gradient_max,seconds", lines.get(0));
    assertEquals(31 + 1, lines.size(), "iterations 0..30 and the header");
    String[] last = lines.get(lines.size() - 1).split(",");
    assertEquals(30, Integer.parseInt(last[0]));
    assertEquals(trainJson.get("final_objective").asDouble(), Double.parseDouble(last[1]), 0.0);
    assertEquals(trainJson.get("final_gradient_max").asDouble(), Double.parseDouble(last[2]),
        0.0);
    assertTrue(Double.parseDouble(last[3]) <= trainJson.get("fit_seconds").asDouble());
  }

  @Test
  void theModelCarriesItsSourceAndFeatureConfiguration() {
    assertEquals("soft", model.provenance().regime());
    assertTrue(model.provenance().corpusChecksum().matches("sha256:[0-9a-f]{64}"),
        model.provenance().corpusChecksum());
    assertEquals(FeatureConfig.defaults(), FeatureConfig.fromJson(model.featureConfigJson()));
  }

  @Test
  void storedTypeLevelDistributionIsTheMeanInContextPredictionOverTrainingOccurrences() {
    List<AnnotatedExample> cells = BundledCorpus.load("cell").examples();
    double[] mean = new double[model.labels().size()];
    try (FeaturePipeline pipeline = FeaturePipeline.create(FeatureConfig.defaults())) {
      for (AnnotatedExample e : cells) {
        double[] p = model.predict(pipeline.vectorize(e), "cell");
        for (int j = 0; j < mean.length; j++) {
          mean[j] += p[j] / cells.size();
        }
      }
    }
    assertArrayEquals(mean, model.wordSummaries().get("cell"), 1e-9);
  }

  @Test
  void queryAWordAloneAnswersItsStoredTypeLevelDistribution() throws Exception {
    CliRun run = CliRun.of("query", "--model", modelFile.toString(), "cell", "--json");
    assertEquals(0, run.code(), run::toString);
    JsonNode answer = Json.MAPPER.readTree(run.out());
    assertEquals("cell", answer.get("word").asText());
    assertTrue(answer.get("known_word").asBoolean());
    double[] stored = model.wordSummaries().get("cell");
    assertArrayEquals(stored, over(answer.get("distribution")), 1e-15);
    assertDescending(answer.get("distribution"));
    assertEquals(Kernels.entropy(stored, 0, stored.length),
        answer.get("entropy_nats").asDouble(), 1e-12);
  }

  @Test
  void queryInContextAnswersThePredictionForThatOccurrence() throws Exception {
    CliRun run = CliRun.of("query", "--model", modelFile.toString(), "cell", "--context",
        PHONE, "--json");
    assertEquals(0, run.code(), run::toString);
    JsonNode answer = Json.MAPPER.readTree(run.out());
    assertEquals(PHONE, answer.get("context").asText());
    double[] expected;
    try (FeaturePipeline pipeline = FeaturePipeline.create(FeatureConfig.defaults())) {
      AnnotatedExample e = AnnotatedExample.of("q", PHONE, "cell", 3, 7, Map.of("device", 1.0));
      expected = model.predict(pipeline.vectorize(e), "cell");
    }
    double[] got = over(answer.get("distribution"));
    assertArrayEquals(expected, got, 1e-15);
    assertEquals("device", answer.get("distribution").fieldNames().next(),
        "a phone sentence should make device the most probable label");
    assertNotEquals(model.wordSummaries().get("cell")[model.labels().indexOf("device")],
        got[model.labels().indexOf("device")], 1e-3);
  }

  @Test
  void queryTextShowsBarsAndTheEntropyShare() {
    CliRun alone = CliRun.of("query", "--model", modelFile.toString(), "cell");
    assertEquals(0, alone.code(), alone::toString);
    assertTrue(alone.out().contains("type-level distribution"), alone.out());
    assertTrue(alone.out().contains("█"), alone.out());
    assertTrue(alone.out().contains("of log " + model.labels().size()), alone.out());
    CliRun context = CliRun.of("query", "--model", modelFile.toString(), "cell", "--context",
        PHONE, "--top", "2");
    assertEquals(0, context.code(), context::toString);
    assertTrue(context.out().contains("in-context distribution"), context.out());
    assertTrue(context.out().contains("(" + (model.labels().size() - 2) + " more labels"),
        context.out());
  }

  @Test
  void queryReadsWordsAndContextsFromStdin() throws Exception {
    InputStream saved = System.in;
    CliRun run;
    try {
      System.setIn(new ByteArrayInputStream(("cell\t" + PHONE + "\n\nzebra\n")
          .getBytes(StandardCharsets.UTF_8)));
      run = CliRun.of("query", "--model", modelFile.toString(), "-", "--json");
    } finally {
      System.setIn(saved);
    }
    assertEquals(0, run.code(), run::toString);
    String[] lines = run.out().strip().split("\n");
    assertEquals(2, lines.length, run.out());
    JsonNode cell = Json.MAPPER.readTree(lines[0]);
    assertEquals(PHONE, cell.get("context").asText());
    assertTrue(cell.get("known_word").asBoolean());
    JsonNode zebra = Json.MAPPER.readTree(lines[1]);
    assertEquals("zebra", zebra.get("word").asText());
    assertFalse(zebra.get("known_word").asBoolean(), "zebra is not a training word");
    assertFalse(zebra.has("context"));
    assertEquals(1.0, sum(zebra.get("distribution")), 1e-9);
  }

  @Test
  void queryRefusesAContextWithoutTheWordAndAMissingOccurrence() {
    CliRun absent = CliRun.of("query", "--model", modelFile.toString(), "cell", "--context",
        "A sentence about something else.");
    assertEquals(1, absent.code(), absent::toString);
    assertEquals(1, absent.err().strip().lines().count(), absent.err());
    CliRun second = CliRun.of("query", "--model", modelFile.toString(), "cell", "--context",
        PHONE, "--occurrence", "2");
    assertEquals(1, second.code(), second::toString);
    assertTrue(second.err().contains("occurs 1 time"), second.err());
  }

  @Test
  void topFeaturesFromTheStoredIdsAreThoseOfAScanOverEveryBucket() {
    int dimension = FeatureConfig.fromJson(model.featureConfigJson()).dimension();
    List<List<TopFeatures.Entry>> tops = TopFeatures.of(model, 4);
    for (int j = 0; j < model.labels().size(); j++) {
      List<TopFeatures.Entry> scanned = new ArrayList<>();
      for (int id = 0; id < dimension; id++) {
        if (model.weight(id, j) > 0) {
          scanned.add(new TopFeatures.Entry(id, model.weight(id, j)));
        }
      }
      scanned.sort((a, b) -> a.weight() != b.weight() ? Double.compare(b.weight(), a.weight())
          : Integer.compare(a.id(), b.id()));
      assertEquals(scanned.subList(0, Math.min(4, scanned.size())), tops.get(j),
          model.labels().get(j));
    }
  }

  @Test
  void modelInfoShowsProvenanceInventoriesAndTopWeights() throws Exception {
    CliRun run = CliRun.of("model", "info", modelFile.toString(), "--json", "--top", "3");
    assertEquals(0, run.code(), run::toString);
    JsonNode info = Json.MAPPER.readTree(run.out());
    assertEquals("soft", info.get("provenance").get("regime").asText());
    assertEquals(model.provenance().corpusChecksum(),
        info.get("provenance").get("corpus_checksum").asText());
    List<String> cellInventory = new ArrayList<>();
    info.get("inventories").get("cell").forEach(n -> cellInventory.add(n.asText()));
    assertEquals(Training.inventories(BundledCorpus.load("cell").examples())
        .get("cell").stream().toList(), cellInventory);
    for (int j = 0; j < model.labels().size(); j++) {
      JsonNode top = info.get("top_features").get(model.labels().get(j));
      assertEquals(3, top.size());
      double previous = Double.POSITIVE_INFINITY;
      for (JsonNode f : top) {
        double w = f.get("weight").asDouble();
        assertEquals(model.weight(f.get("id").asInt(), j), w, 0.0);
        assertTrue(w <= previous);
        previous = w;
      }
    }
    CliRun text = CliRun.of("model", "info", modelFile.toString());
    assertEquals(0, text.code(), text::toString);
    CliRun none = CliRun.of("model", "info", modelFile.toString(), "--top", "0");
    assertEquals(0, none.code(), none::toString);
    assertFalse(none.out().contains("Largest weights"), none.out());
    assertTrue(text.out().contains("regime") && text.out().contains("cell"), text.out());
  }

  @Test
  void missingModelFileIsOneLineAndExitOne() {
    CliRun run = CliRun.of("query", "--model", dir.resolve("nope.model").toString(), "cell");
    assertEquals(1, run.code(), run::toString);
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("does not exist"), run.err());
  }

  @Test
  void trainRefusesToReplaceSomethingThatIsNotAFile() {
    CliRun run = CliRun.of("train", "--corpus", "bundled", "--out", dir.toString());
    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("it is a directory"), run.err());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, CliRun.of("train", "--corpus", "bundled", "--out",
        dir.resolve("x.model").toString(), "--regime", "nonsense").code());
    assertEquals(2, CliRun.of("train", "--corpus", "bundled", "--out",
        dir.resolve("x.model").toString(), "--lambda", "lots").code());
    assertEquals(2, CliRun.of("train", "--corpus", "bundled", "--features", dir.toString(),
        "--out", dir.resolve("x.model").toString()).code());
    assertEquals(2, CliRun.of("train", "--corpus", "bundled").code(), "--out is required");
    assertEquals(2, CliRun.of("predict", "--model", modelFile.toString(), "--corpus", "bundled",
        "--out", dir.resolve("p").toString(), "--format", "xml").code());
  }

  static double[] over(JsonNode distribution) {
    double[] p = new double[model.labels().size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = distribution.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      p[model.labels().indexOf(e.getKey())] = e.getValue().asDouble();
    }
    return p;
  }

  static double sum(JsonNode distribution) {
    double s = 0;
    for (JsonNode v : distribution) {
      s += v.asDouble();
    }
    return s;
  }

  static void assertDescending(JsonNode distribution) {
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode v : distribution) {
      assertTrue(v.asDouble() <= previous, "not sorted descending: " + distribution);
      previous = v.asDouble();
    }
  }
}
