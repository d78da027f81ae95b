package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The values {@code entdist evaluate} prints, pinned against reference values that {@code
 * metrics.py} (beside the fixture, NumPy) computed from the model file's documented layout and
 * the metrics' definitions. Swapping reference and prediction, another log base or another
 * binning would change them.
 */
class EvaluateMetricsTest {

  @Test
  void everyMetricMatchesTheIndependentReference() throws Exception {
    Path dir = Path.of(EvaluateMetricsTest.class.getResource("metrics/expected.json").toURI())
        .getParent();
    CliRun run = CliRun.of("evaluate", "--model", dir.resolve("feats.model").toString(),
        "--features", dir.resolve("feats").toString(), "--json");
    assertEquals(0, run.code(), run::toString);
    ObjectMapper json = new ObjectMapper();
    JsonNode actual = json.readTree(run.out());
    JsonNode expected = json.readTree(dir.resolve("expected.json").toFile());
    assertEquals(expected.size(), actual.size(), run.out());
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = actual.get(e.getKey());
      double want = e.getValue().isTextual() ? Double.parseDouble(e.getValue().asText())
          : e.getValue().asDouble();
      double got = a.isTextual() ? Double.parseDouble(a.asText()) : a.asDouble();
      if (Double.isInfinite(want)) {
        assertEquals(want, got, e.getKey());
      } else {
        assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)), e.getKey());
      }
    }
  }
}
