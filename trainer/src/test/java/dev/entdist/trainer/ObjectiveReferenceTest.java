package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entdist.divergence.SparseVector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The objective's value and gradient against an independent dense NumPy computation
 * ({@code objective_reference.py} beside {@code objective_reference.json}): weighted rows (some of
 * weight 0), λ > 0, an unpenalised bias, restricted inventories and rows without a word.
 */
class ObjectiveReferenceTest {

  private static final double REL = 1e-10;

  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in = ObjectiveReferenceTest.class.getResourceAsStream(
        "objective_reference.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> out = new ArrayList<>();
      root.get("cases").forEach(out::add);
      return out.stream();
    }
  }

  @ParameterizedTest(name = "case seed {index}")
  @MethodSource("cases")
  void valueAndGradientMatchTheNumpyReference(JsonNode c) {
    List<String> labels = new ArrayList<>();
    c.get("labels").forEach(l -> labels.add(l.asText()));
    int k = labels.size();
    List<SparseVector> rows = new ArrayList<>();
    for (JsonNode r : c.get("rows")) {
      rows.add(SparseVector.of(ints(r.get("indices")), doubles(r.get("values"))));
    }
    int n = rows.size();
    double[][] targets = new double[n][];
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      targets[i] = doubles(c.get("targets").get(i));
      JsonNode g = c.get("groups").get(i);
      groups.add(g.isNull() ? null : g.asText());
    }
    Map<String, Set<String>> inventories = new TreeMap<>();
    c.get("inventories").fields().forEachRemaining(e -> {
      Set<String> s = new TreeSet<>();
      e.getValue().forEach(l -> s.add(l.asText()));
      inventories.put(e.getKey(), s);
    });
    TrainingData data = TrainingData.of(labels, rows, targets, doubles(c.get("weights")), groups)
        .withInventories(inventories);
    boolean restrict = c.get("restrict").asBoolean();
    double lambda = c.get("lambda").asDouble();
    CompactProblem p = new CompactProblem(data, restrict);
    int d = c.get("d").asInt();
    double[][] w = new double[d][];
    double[][] gw = new double[d][];
    int[][] possible = new int[d][];
    for (int f = 0; f < d; f++) {
      w[f] = doubles(c.get("W").get(f));
      gw[f] = doubles(c.get("grad_W").get(f));
      possible[f] = ints(c.get("possible").get(f));
    }
    double[] b = doubles(c.get("b"));
    double[] dense = new double[p.f * k];
    for (int row = 0; row < p.f; row++) {
      System.arraycopy(w[p.index.id(row)], 0, dense, row * k, k);
    }
    WeightLayout layout = p.layout;
    double[] theta = layout.compact(dense, b);
    for (int threads : new int[] {1, 3}) {
      try (KlObjective obj = new KlObjective(p, lambda, threads)) {
        double[] grad = new double[theta.length];
        double value = obj.valueAndGradient(theta, grad);
        double expected = c.get("value").asDouble();
        assertEquals(expected, value, REL * Math.abs(expected), "value");
        int slots = 0;
        for (int row = 0; row < p.f; row++) {
          int id = p.index.id(row);
          for (int q = layout.from(row); q < layout.to(row); q++) {
            int j = layout.labelOf(row, q);
            assertClose(gw[id][j], grad[q], "dL/dW[" + id + "][" + j + "]");
            slots++;
          }
          for (int j = 0; j < k; j++) { // a pair without a slot must be an impossible one
            boolean has = false;
            for (int q = layout.from(row); q < layout.to(row); q++) {
              has |= layout.labelOf(row, q) == j;
            }
            assertEquals(possible[id][j] == 1, has, "slot of feature " + id + " label " + j);
          }
        }
        assertEquals(layout.weights, slots);
        double[] gb = doubles(c.get("grad_b"));
        for (int j = 0; j < k; j++) {
          assertClose(gb[j], grad[layout.weights + j], "dL/db[" + j + "]");
        }
      }
    }
    // the reference's own claim that a restricted trainer may drop: impossible pairs have W = 0
    // and gradient exactly 0
    for (int f = 0; f < d; f++) {
      for (int j = 0; j < k; j++) {
        if (possible[f][j] == 0) {
          assertEquals(0.0, gw[f][j], 0.0);
          assertEquals(0.0, w[f][j], 0.0);
        }
      }
    }
    assertTrue(IntStream.range(0, n).anyMatch(i -> data.weight(i) == 0), "a zero-weight row");
  }

  private static void assertClose(double expected, double actual, String what) {
    // entries of the gradient near 0 are sums of terms of order 1: scale by the larger of the two
    assertEquals(expected, actual, REL * Math.max(1e-3, Math.abs(expected)), what);
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }
}
