package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.trainer.ModelIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on Dawid–Skene posteriors ({@code train --aggregate dawid-skene}) from
 * annotator-level answers goes through {@code calibrate} and {@code evaluate} like any other.
 */
class AggregatedTrainingTest {

  private static final String[][] CONTEXTS = {
      {"muddy", "flooded", "grassy", "steep"}, {"savings", "loan", "cash", "mortgage"}};
  private static final String[] SENSES = {"river", "money"};

  @TempDir Path dir;

  /**
   * {@code n} occurrences of "bank" whose context word tells the sense; four annotators are
   * right 90 % of the time, the fifth answers the wrong sense every time. No {@code labels}.
   */
  private Path crowd(String name, int n, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int truth = i % 2;
      String word = CONTEXTS[truth][random.nextInt(CONTEXTS[truth].length)];
      String text = "the " + word + " bank " + i;
      int start = 5 + word.length();
      sb.append("{\"id\":\"").append(name).append(i).append("\",\"text\":\"").append(text)
          .append("\",\"target\":\"bank\",\"start\":").append(start).append(",\"end\":")
          .append(start + 4).append(",\"annotations\":[");
      for (int a = 0; a < 5; a++) {
        boolean right = a < 4 && random.nextDouble() < 0.9;
        sb.append(a == 0 ? "" : ",").append("{\"annotator\":\"w").append(a)
            .append("\",\"label\":\"").append(SENSES[right ? truth : 1 - truth]).append("\"}");
      }
      sb.append("]}\n");
    }
    return Files.writeString(dir.resolve(name + ".jsonl"), sb.toString());
  }

  @Test
  void aModelTrainedOnDawidSkenePosteriorsIsCalibratedAndEvaluates() throws Exception {
    Path train = crowd("train", 80, 11);
    Path dev = crowd("dev", 40, 12);
    Path model = dir.resolve("ds.model");
    CliRun trained = CliRun.of("train", "--corpus", train.toString(), "--aggregate",
        "dawid-skene", "--out", model.toString(), "--json", "--quiet");
    assertEquals(0, trained.code(), trained::toString);
    assertEquals("dawid-skene", Json.MAPPER.readTree(trained.out()).get("aggregate").asText());

    Path calibrated = dir.resolve("ds-calibrated.model");
    CliRun calibrate = CliRun.of("calibrate", "--model", model.toString(), "--corpus",
        dev.toString(), "--out", calibrated.toString(), "--json", "--quiet");
    assertEquals(0, calibrate.code(), calibrate::toString);
    JsonNode c = Json.MAPPER.readTree(calibrate.out());
    double temperature = c.get("temperature").asDouble();
    assertTrue(temperature > 0, c.toString());
    assertEquals(temperature, ModelIo.read(calibrated).temperature());
    assertTrue(c.get("after").get("mean_kl").asDouble()
        <= c.get("before").get("mean_kl").asDouble(), c.toString());

    // Evaluated against the Dawid–Skene posteriors of the development answers.
    Path devPosteriors = dir.resolve("dev-ds.jsonl");
    assertEquals(0, CliRun.of("corpus", "aggregate", "--corpus", dev.toString(), "--out",
        devPosteriors.toString(), "--quiet").code());
    CliRun evaluated = CliRun.of("evaluate", "--model", calibrated.toString(), "--corpus",
        devPosteriors.toString(), "--resamples", "0", "--json", "--quiet");
    assertEquals(0, evaluated.code(), evaluated::toString);
    JsonNode e = Json.MAPPER.readTree(evaluated.out());
    assertEquals(40, e.get("examples").asInt());
    assertTrue(Double.isFinite(e.get("mean_kl").asDouble()), e.toString());
    // The context word tells the sense: the model beats a coin on the two balanced senses.
    assertTrue(e.get("top1").asDouble() > 0.5, e.toString());
  }
}
