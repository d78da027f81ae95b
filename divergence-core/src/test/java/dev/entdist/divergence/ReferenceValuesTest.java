package dev.entdist.divergence;

import static dev.entdist.divergence.DivergenceIdentitiesTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every measure against values computed independently with NumPy/SciPy by {@code
 * reference/measures.py} (checked in beside its output, {@code measures.tsv} and {@code
 * softmax.tsv}), to 1e-12 relative (absolute below 1).
 */
class ReferenceValuesTest {

  private static final String DIR = "reference/";

  /** One line of a reference table, split on tabs, with its line number. */
  record Row(int line, String[] fields) {
    double number(int i) {
      return Double.parseDouble(fields[i]);
    }

    double[] vector(int i) {
      return Arrays.stream(fields[i].split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @Override
    public String toString() {
      return fields[0] + " (line " + line + ")";
    }
  }

  static List<Row> read(String name) {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = ReferenceValuesTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIR + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      boolean header = true;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        rows.add(new Row(n, line.split("\t")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static Stream<Row> measures() {
    return read("measures.tsv").stream();
  }

  static Stream<Row> softmax() {
    return read("softmax.tsv").stream();
  }

  @Test
  void theTablesAreThere() {
    assertEquals(171, read("measures.tsv").size(), "57 cases × 3 bases");
    assertEquals(17, read("softmax.tsv").size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void measuresMatchScipy(Row row) {
    LogBase base = LogBase.parse(row.fields()[1]);
    Distribution p = Distribution.of(row.vector(2));
    Distribution q = Distribution.of(row.vector(3));
    String at = row + " base " + base.label() + ": ";
    assertClose(row.number(4), Divergences.entropy(p, base), at + "H(P)");
    assertClose(row.number(5), Divergences.entropy(q, base), at + "H(Q)");
    assertClose(row.number(6), Divergences.crossEntropy(p, q, base), at + "H(P,Q)");
    assertClose(row.number(7), Divergences.crossEntropy(q, p, base), at + "H(Q,P)");
    assertClose(row.number(8), Divergences.klDivergence(p, q, base), at + "KL(P‖Q)");
    assertClose(row.number(9), Divergences.reverseKlDivergence(p, q, base), at + "KL(Q‖P)");
    assertClose(row.number(10), Divergences.jensenShannon(p, q, base), at + "JS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("softmax")
  void softmaxMatchesScipy(Row row) {
    double[] z = row.vector(1);
    assertClose(row.number(2), Softmax.logSumExp(z), row + ": logsumexp");
    double[] expected = row.vector(3);
    double[] actual = Softmax.softmax(z);
    double[] expectedLog = row.vector(4);
    double[] actualLog = Softmax.logSoftmax(z);
    for (int j = 0; j < z.length; j++) {
      assertEquals(expected[j], actual[j], 1e-15, row + ": softmax[" + j + "]");
      assertClose(expectedLog[j], actualLog[j], row + ": log_softmax[" + j + "]");
    }
  }
}
