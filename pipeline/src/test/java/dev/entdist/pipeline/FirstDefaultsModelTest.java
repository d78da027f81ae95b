package dev.entdist.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.features.FeatureConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained with the first default features (see {@code firstdefaults/README.md}) keeps
 * its features and its predictions under the later defaults.
 */
class FirstDefaultsModelTest {

  @TempDir Path dir;

  private Path copy(String name) throws Exception {
    Path file = dir.resolve(name);
    try (InputStream in = FirstDefaultsModelTest.class.getResourceAsStream(
        "firstdefaults/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void storedConfigurationIsTheFirstDefaultsAndPredictionsAreUnchanged() throws Exception {
    Path modelFile = copy("first-defaults.model");
    Corpus test = CorpusFiles.read(copy("test.jsonl").toString(), ReadOptions.defaults());
    List<String> lines = Files.readAllLines(copy("predictions.jsonl"), StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    try (TextModel model = TextModel.load(modelFile)) {
      assertEquals(FeatureConfig.firstDefaults(), model.featureConfig());
      assertNotEquals(FeatureConfig.defaults(), model.featureConfig());
      assertEquals(12, test.size());
      assertEquals(lines.size(), test.size());
      for (int i = 0; i < test.size(); i++) {
        AnnotatedExample e = test.examples().get(i);
        JsonNode line = json.readTree(lines.get(i));
        assertEquals(e.id(), line.get("id").asText());
        // the path of `entdist predict`: one occurrence at a time
        Map<String, Double> predicted = model.annotateAt(e.text(), e.start(), e.end())
            .distribution().asMap();
        double[] expected = new double[model.labels().size()];
        double[] actual = new double[expected.length];
        for (int k = 0; k < expected.length; k++) {
          expected[k] = line.get("distribution").get(model.labels().get(k)).asDouble();
          actual[k] = predicted.get(model.labels().get(k));
        }
        assertArrayEquals(expected, actual, 0.0, "occurrence " + i);
        // the batch path agrees to rounding
        assertArrayEquals(expected, model.predict(List.of(e), 1)[0], 1e-15, "batch " + i);
      }
    }
  }
}
