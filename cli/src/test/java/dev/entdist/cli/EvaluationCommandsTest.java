package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.trainer.ModelIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate --by-word, --unknown-labels, train --labels with model info, and calibrate, on a
 * split of the bundled corpus (30 L-BFGS iterations, to keep the suite quick).
 */
class EvaluationCommandsTest {

  @TempDir static Path dir;
  private static Path model;
  private static Path test;

  /** Two occurrences: one with a known label, one with a label no model here knows. */
  private static final String UNKNOWN = String.join("\n",
      "{\"id\":\"k1\",\"text\":\"The cell membrane is thin.\",\"target\":\"cell\",\"start\":4,"
          + "\"end\":8,\"labels\":{\"biology\":1.0}}",
      "{\"id\":\"u1\",\"text\":\"The cell phone rang.\",\"target\":\"cell\",\"start\":4,"
          + "\"end\":8,\"labels\":{\"device\":0.5,\"unicorn\":0.5}}") + "\n";

  @BeforeAll
  static void trainOnASplit() throws Exception {
    CliRun split = CliRun.of("corpus", "split", "bundled", "--test-fraction", "0.2", "--seed",
        "1", "--out-dir", dir.toString(), "--quiet");
    assertEquals(0, split.code(), split::toString);
    test = dir.resolve("test.jsonl");
    Path labels = dir.resolve("labels.txt");
    Files.writeString(labels, "# declared\nunicorn\n\nbiology\n");
    model = dir.resolve("m.model");
    CliRun train = CliRun.of("train", "--corpus", dir.resolve("train.jsonl").toString(),
        "--labels", labels.toString(), "--out", model.toString(), "--max-iter", "30", "--quiet");
    assertEquals(0, train.code(), train::toString);
  }

  @Test
  void byWordGivesTwelveWordsAndEveryMetricHasAnInterval() throws Exception {
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--corpus", test.toString(),
        "--by-word", "--resamples", "200", "--json", "--quiet");
    assertEquals(0, run.code(), run::toString);
    JsonNode o = Json.MAPPER.readTree(run.out());
    assertEquals(12, o.get("by_word").size());
    int sum = 0;
    for (JsonNode w : o.get("by_word")) {
      sum += w.get("examples").asInt();
      for (String key : List.of("word", "mean_kl", "top1", "mean_entropy_pred",
          "mean_entropy_ref")) {
        assertTrue(w.has(key), key);
      }
    }
    assertEquals(o.get("examples").asInt(), sum);
    assertEquals(0, o.get("skipped_unknown_label").asInt());
    for (String key : List.of("mean_kl", "top1", "ece", "manhattan", "euclidean")) {
      JsonNode ci = o.get("ci95").get(key);
      assertTrue(ci.get(0).asDouble() <= o.get(key).asDouble()
          && o.get(key).asDouble() <= ci.get(1).asDouble(), key + " " + ci);
    }
    CliRun text = CliRun.of("evaluate", "--model", model.toString(), "--corpus",
        test.toString(), "--by-word", "--resamples", "50", "--quiet");
    assertTrue(text.out().contains("By word (12 words"), text.out());
  }

  @Test
  void unknownLabelsFailByNameOrAreSkippedAndCounted() throws Exception {
    Path other = dir.resolve("other.model");
    CliRun train = CliRun.of("train", "--corpus", dir.resolve("train.jsonl").toString(),
        "--out", other.toString(), "--max-iter", "10", "--quiet");
    assertEquals(0, train.code(), train::toString);
    Path corpus = dir.resolve("unknown.jsonl");
    Files.writeString(corpus, UNKNOWN);
    CliRun fail = CliRun.of("evaluate", "--model", other.toString(), "--corpus",
        corpus.toString());
    assertEquals(1, fail.code(), fail::toString);
    assertTrue(fail.err().contains("[unicorn]") && fail.err().contains("--unknown-labels skip")
        && fail.err().contains("--labels"), fail.err());
    CliRun skip = CliRun.of("evaluate", "--model", other.toString(), "--corpus",
        corpus.toString(), "--unknown-labels", "skip", "--json");
    assertEquals(0, skip.code(), skip::toString);
    JsonNode o = Json.MAPPER.readTree(skip.out());
    assertEquals(1, o.get("skipped_unknown_label").asInt());
    assertEquals(1, o.get("examples").asInt());
    assertTrue(skip.err().contains("fewer than 30"), skip.err());
    assertEquals(2, CliRun.of("evaluate", "--model", other.toString(), "--corpus",
        corpus.toString(), "--unknown-labels", "drop").code());

    // the model that declared 'unicorn' evaluates every occurrence, with a finite mean KL
    CliRun declared = CliRun.of("evaluate", "--model", model.toString(), "--corpus",
        corpus.toString(), "--json", "--quiet");
    assertEquals(0, declared.code(), declared::toString);
    JsonNode d = Json.MAPPER.readTree(declared.out());
    assertEquals(2, d.get("examples").asInt());
    assertTrue(Double.isFinite(d.get("mean_kl").asDouble()), d.toString());
  }

  @Test
  void modelInfoListsTheDeclaredLabelWithoutTrainingMass() throws Exception {
    assertEquals(java.util.Set.of("unicorn"), ModelIo.read(model).labelsWithoutMass());
    CliRun json = CliRun.of("model", "info", model.toString(), "--json");
    assertEquals(0, json.code(), json::toString);
    JsonNode o = Json.MAPPER.readTree(json.out());
    assertEquals("[\"unicorn\"]", o.get("labels_without_mass").toString());
    CliRun text = CliRun.of("model", "info", model.toString());
    assertTrue(text.out().contains("Labels without training mass (1"), text.out());
  }

  @Test
  void calibrateWritesAModelWhoseTemperatureLowersTheDevelopmentKl() throws Exception {
    Path out = dir.resolve("calibrated.model");
    CliRun run = CliRun.of("calibrate", "--model", model.toString(), "--corpus",
        test.toString(), "--out", out.toString(), "--json", "--quiet");
    assertEquals(0, run.code(), run::toString);
    JsonNode o = Json.MAPPER.readTree(run.out());
    double t = o.get("temperature").asDouble();
    assertTrue(t > 0 && t != 1, o.toString());
    assertTrue(o.get("after").get("mean_kl").asDouble()
        <= o.get("before").get("mean_kl").asDouble(), o.toString());
    assertEquals(t, ModelIo.read(out).temperature());
    CliRun eval = CliRun.of("evaluate", "--model", out.toString(), "--corpus", test.toString(),
        "--resamples", "0", "--json", "--quiet");
    assertEquals(o.get("after").get("mean_kl").asDouble(),
        Json.MAPPER.readTree(eval.out()).get("mean_kl").asDouble(), 1e-12);
  }
}
