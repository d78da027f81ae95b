package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every metric of {@link Evaluation}, over all rows and per word, against values computed
 * independently with NumPy/SciPy by {@code reference/evaluation.py} (checked in beside its
 * output), to 1e-12 relative.
 */
class EvaluationReferenceTest {

  private static List<String[]> read(String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = EvaluationReferenceTest.class.getResourceAsStream("reference/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource reference/" + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine(); // comment
      r.readLine(); // header
      String line;
      while ((line = r.readLine()) != null) {
        rows.add(line.split("\t"));
      }
    }
    return rows;
  }

  private static double number(String s) {
    return s.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s);
  }

  private static double[] vector(String s) {
    return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static void assertClose(double expected, double actual, String what) {
    if (Double.isInfinite(expected)) {
      assertEquals(expected, actual, what);
    } else {
      assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }
  }

  @Test
  void everyMetricMatchesTheIndependentScript() throws IOException {
    List<String> words = new ArrayList<>();
    List<double[]> refs = new ArrayList<>();
    List<double[]> preds = new ArrayList<>();
    for (String[] row : read("evaluation_rows.tsv")) {
      words.add(row[0]);
      refs.add(vector(row[1]));
      preds.add(vector(row[2]));
    }
    double[][] ref = refs.toArray(new double[0][]);
    double[][] pred = preds.toArray(new double[0][]);
    Map<String, Map<String, Double>> expected = new LinkedHashMap<>();
    for (String[] row : read("evaluation_expected.tsv")) {
      expected.computeIfAbsent(row[0], s -> new LinkedHashMap<>()).put(row[1], number(row[2]));
    }
    Map<String, Double> all = Evaluation.evaluate(ref, pred).toMap();
    assertEquals(List.copyOf(expected.get("all").keySet()), List.copyOf(all.keySet()));
    expected.get("all").forEach((k, v) -> assertClose(v, all.get(k), "all: " + k));

    List<WordMetrics> byWord = Evaluation.byWord(ref, pred, words);
    assertEquals(expected.size() - 1, byWord.size());
    for (int w = 0; w < byWord.size(); w++) {
      WordMetrics m = byWord.get(w);
      if (w > 0) { // most rows first
        assertEquals(true, byWord.get(w - 1).examples() >= m.examples());
      }
      Map<String, Double> e = expected.get("word:" + m.word());
      Map<String, Double> got = m.metrics().toMap();
      e.forEach((k, v) -> assertClose(v, got.get(k), m.word() + ": " + k));
      assertEquals(e.get("examples"), m.examples());
      assertClose(e.get("mean_kl"), m.meanKl(), m.word() + " mean_kl");
      assertClose(e.get("top1"), m.top1(), m.word() + " top1");
      assertClose(e.get("mean_entropy_pred"), m.meanEntropyPred(), m.word() + " H(pred)");
      assertClose(e.get("mean_entropy_ref"), m.meanEntropyRef(), m.word() + " H(ref)");
    }
  }
}
