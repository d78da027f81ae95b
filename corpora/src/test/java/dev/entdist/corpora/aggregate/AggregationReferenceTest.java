package dev.entdist.corpora.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method and setting against an independent NumPy implementation
 * ({@code reference/aggregate_reference.py}, whose output {@code expected.json} is checked in
 * beside the crowd {@code crowd.tsv} it fitted).
 */
class AggregationReferenceTest {

  private static final String DIR = "reference/";
  private static final double TOL = 1e-9;

  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in = AggregationReferenceTest.class.getResourceAsStream(
        DIR + "expected.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> cases = new ArrayList<>();
      root.get("cases").forEach(cases::add);
      return cases.stream();
    }
  }

  static CrowdAnswers crowd() throws IOException {
    List<int[]> rows = new ArrayList<>();
    TreeSet<String> annotators = new TreeSet<>();
    TreeSet<String> labels = new TreeSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        AggregationReferenceTest.class.getResourceAsStream(DIR + "crowd.tsv"),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t");
        annotators.add(f[1]);
        labels.add(f[2]);
        rows.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1].substring(1)),
            Integer.parseInt(f[2].substring(1))});
      }
    }
    int n = rows.size();
    int[] item = new int[n];
    int[] annotator = new int[n];
    int[] label = new int[n];
    for (int a = 0; a < n; a++) {
      item[a] = rows.get(a)[0];
      annotator[a] = rows.get(a)[1];
      label[a] = rows.get(a)[2];
    }
    // Fewer than ten of each, so the names sort as their indices.
    assertTrue(annotators.size() < 10 && labels.size() < 10);
    return CrowdAnswers.ofArrays(List.copyOf(labels), List.copyOf(annotators), item, annotator,
        label);
  }

  @ParameterizedTest(name = "case {index}")
  @MethodSource("cases")
  void matchesTheNumPyReference(JsonNode expected) throws IOException {
    AggregationMethod method = AggregationMethod.parse(expected.get("method").asText());
    AggregationSettings settings = new AggregationSettings(
        expected.get("max_iterations").asInt(), expected.get("tolerance").asDouble(),
        expected.get("smoothing").asDouble());
    AggregationResult r = Aggregator.fit(crowd(), method, settings);

    assertEquals(expected.get("iterations").asInt(), r.iterations());
    assertEquals(expected.get("converged").asBoolean(), r.converged());
    JsonNode ll = expected.get("log_likelihood");
    if (ll.isNull()) {
      assertTrue(Double.isNaN(r.logLikelihood()));
    } else {
      assertEquals(ll.asDouble(), r.logLikelihood(), 1e-9 * Math.abs(ll.asDouble()));
    }
    JsonNode posteriors = expected.get("posteriors");
    assertEquals(posteriors.size(), r.items());
    for (int i = 0; i < r.items(); i++) {
      double[] p = r.posterior(i);
      for (int k = 0; k < p.length; k++) {
        assertEquals(posteriors.get(i).get(k).asDouble(), p[k], TOL, "item " + i + ", label " + k);
      }
    }
    for (int k = 0; k < r.labels().size(); k++) {
      assertEquals(expected.get("prior").get(k).asDouble(), r.prior().get(k), TOL, "prior");
    }
    for (int j = 0; j < r.annotators().size(); j++) {
      AnnotatorQuality q = r.annotators().get(j);
      assertEquals(expected.get("accuracy").get(j).asDouble(), q.accuracy(), TOL);
      for (int k = 0; k < r.labels().size(); k++) {
        for (int l = 0; l < r.labels().size(); l++) {
          assertEquals(expected.get("confusion").get(j).get(k).get(l).asDouble(),
              q.confusion().get(k).get(l), TOL, "annotator " + j + " confusion " + k + "," + l);
        }
      }
      JsonNode spam = expected.get("spam_probability");
      if (spam.isNull()) {
        assertTrue(Double.isNaN(q.spamProbability()));
      } else {
        assertEquals(spam.get(j).asDouble(), q.spamProbability(), TOL);
      }
    }
  }
}
