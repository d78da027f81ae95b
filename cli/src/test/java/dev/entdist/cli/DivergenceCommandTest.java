package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code entdist divergence}, run in-process: JSON against SciPy, the lesson, the errors. */
class DivergenceCommandTest {

  private static final String[] KEYS = {"kl_pq", "kl_qp", "cross_entropy_pq",
    "cross_entropy_qp", "entropy_p", "entropy_q", "js"};

  /** Exit code, stdout and stderr of one run. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** The rows of reference/divergence_cli.tsv, written by divergence_cli.py beside it. */
  static Stream<String[]> reference() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = DivergenceCommandTest.class.getResourceAsStream(
        "reference/divergence_cli.tsv")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.lines().filter(l -> !l.startsWith("#") && !l.startsWith("p\t"))
          .forEach(l -> rows.add(l.split("\t")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(11, rows.size());
    return rows.stream();
  }

  @ParameterizedTest(name = "--p {0} --q {1} --base {2}")
  @MethodSource("reference")
  void jsonMatchesScipyTo1e12(String p, String q, String base, String klPq, String klQp,
      String cePq, String ceQp, String hP, String hQ, String js) throws IOException {
    Run run = run("divergence", "--p", p, "--q", q, "--base", base, "--json");
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    assertEquals(1, run.out().strip().lines().count(), "one JSON object on one line");
    JsonNode o = Json.MAPPER.readTree(run.out());
    assertEquals(base, o.get("base").asText());
    String[] expected = {klPq, klQp, cePq, ceQp, hP, hQ, js};
    for (int i = 0; i < KEYS.length; i++) {
      JsonNode v = o.get(KEYS[i]);
      if (expected[i].equals("Infinity")) {
        assertEquals("Infinity", v.asText(), KEYS[i] + " is the string \"Infinity\"");
        assertTrue(v.isTextual());
      } else {
        double e = Double.parseDouble(expected[i]);
        assertTrue(v.isNumber(), KEYS[i] + " is a number");
        assertEquals(e, v.asDouble(), 1e-12 * Math.max(1, Math.abs(e)), KEYS[i]);
      }
    }
  }

  @Test
  void theExplanationReadsLikeALesson() {
    Run run = run("divergence", "--p", "0.9,0.1", "--q", "0.1,0.9", "--explain");
    assertEquals(0, run.exit(), run.err());
    String out = run.out();
    for (String expected : new String[] {
      "KL divergence as a weighted score difference",
      "s(x) = ln(1/x)",
      "sum p*s(p) = 0.3251 is the entropy H(P)",
      "sum p*s(q) = 2.0829 is the cross-entropy H(P,Q)",
      "KL(P||Q) = sum p*s(q) - sum p*s(p) = 2.0829 - 0.3251 = 1.7578 nats",
      "2.5359 bits",
      "One-hot labels",
      "-ln q(1) = -ln 0.1000 = 2.3026",
      "Asymmetry",
      "KL(Q||P) = 1.7578",
      "KL(P||Q) = 0.3681 but KL(Q||P) = 0.5108",
      "JS(P,Q) = 0.3681 <= ln 2 = 0.6931",
      "Entropy bounds",
      "0 <= H <= ln N = 0.6931 for N = 2 outcomes",
      "Why the log?",
      "reporting Q = (1, 0)",
      "-0.08 <= 0",
    }) {
      assertTrue(out.replaceAll("\\s+", " ").contains(expected),
          "missing '" + expected + "' in:\n" + out);
    }
  }

  @Test
  void theQuadraticScoreIsProperOnTwoOutcomesAndTheLessonSaysSo() {
    Run run = run("divergence", "--p", "0.7,0.3", "--q", "0.4,0.6", "--score", "quadratic",
        "--explain");
    assertEquals(0, run.exit(), run.err());
    String out = run.out().replaceAll("\\s+", " ");
    assertTrue(out.contains("no pair P != Q on two outcomes has a difference <= 0"), out);
    assertTrue(out.contains("On three outcomes it fails"), out);
  }

  @Test
  void theTableListsEveryMeasureWithLabels() {
    Run run = run("divergence", "--p", "0.8,0.2", "--q", "0.5,0.5", "--labels", "cat,dog",
        "--base", "2");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("(cat 0.8, dog 0.2)"), run.out());
    for (String name : new String[] {"entropy H(P)", "entropy H(Q)", "cross-entropy H(P,Q)",
        "cross-entropy H(Q,P)", "KL(P||Q)", "KL(Q||P)", "Jensen-Shannon JS(P,Q)", "bits"}) {
      assertTrue(run.out().contains(name), name + " in\n" + run.out());
    }
    assertTrue(run.out().contains("1.0000000000"), "H(Q) = 1 bit\n" + run.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--p|0.5,-0.1,0.6|--q|0.2,0.3,0.5|1|--p: value at index 1 is -0.1",
    "--p|0.5,0.5|--q|0.2,0.3,0.5|1|--p has 2 values but --q has 3",
    "--p|0.5,0.6|--q|0.5,0.5|1|sum to 1.1",
    "--p|0.5,0.5|--q|0.5,NaN|1|NaN",
    "--p|0.5,abc|--q|0.5,0.5|2|--p: value at index 1 is 'abc', not a number",
    "--p|0.5,,0.5|--q|0.5,0.5|2|not a number",
  })
  void badInputExitsWithOneClearLine(String o1, String v1, String o2, String v2, int exit,
      String message) {
    Run run = run("divergence", o1, v1, o2, v2);
    assertEquals(exit, run.exit(), run.err());
    assertEquals("", run.out());
    assertEquals(1, run.err().strip().lines().count(), "one line:\n" + run.err());
    assertTrue(run.err().contains(message), run.err());
    assertTrue(run.err().startsWith("entdist: "), run.err());
  }

  @Test
  void usageErrorsExit2() {
    Run base = run("divergence", "--p", "0.5,0.5", "--q", "0.5,0.5", "--base", "3");
    assertEquals(2, base.exit());
    assertTrue(base.err().contains("unknown log base '3'"), base.err());
    assertEquals(1, base.err().strip().lines().count(), base.err());
    assertEquals(2, run("divergence", "--p", "0.5,0.5").exit(), "--q is required");
    assertEquals(2, run("divergence", "--p", "1", "--q", "1", "--score", "cubic").exit());
  }

  @Test
  void labelsMustMatchTheOutcomes() {
    Run run = run("divergence", "--p", "0.5,0.5", "--q", "0.5,0.5", "--labels", "a,b,c");
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("--labels has 3 names but --p has 2 values"), run.err());
    Run twice = run("divergence", "--p", "0.5,0.5", "--q", "0.5,0.5", "--labels", "a,a");
    assertEquals(1, twice.exit());
    assertTrue(twice.err().contains("not distinct"), twice.err());
  }

  @Test
  void helpDescribesEveryOption() {
    Run run = run("divergence", "--help");
    assertEquals(0, run.exit());
    for (String option : new String[] {"--p", "--q", "--labels", "--base", "--explain",
        "--json", "--score"}) {
      assertTrue(run.out().contains(option), option);
    }
  }
}
