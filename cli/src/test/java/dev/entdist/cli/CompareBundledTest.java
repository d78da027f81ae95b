package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.corpora.BundledCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Iterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The main job end to end on the bundled corpus: {@code entdist compare --json} with its defaults
 * (regimes soft and onehot, seed 1, test fraction 0.2). One-hot labels must make the held-out
 * predictions sharper than soft labels do, and soft labels must bring them closer to the
 * annotated distributions.
 */
class CompareBundledTest {

  private static JsonNode result;
  private static int exitCode;

  @BeforeAll
  static void runCompare() throws Exception {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    exitCode = cl.execute("compare", "--json", "--quiet");
    result = Json.MAPPER.readTree(out.toString());
  }

  @Test
  void exitsZeroWithTheContractKeys() {
    assertEquals(0, exitCode);
    JsonNode split = result.get("split");
    assertEquals(1, split.get("seed").asLong());
    assertEquals(0.2, split.get("test_fraction").asDouble());
    assertEquals(BundledCorpus.load().size(), split.get("train").asInt() + split.get("test").asInt());
    for (String regime : new String[] {"soft", "onehot"}) {
      JsonNode r = result.get("regimes").get(regime);
      for (String key : new String[] {"examples", "mean_kl", "mean_reverse_kl", "mean_js",
          "cross_entropy", "top1", "mean_entropy_pred", "mean_entropy_ref", "ece", "brier",
          "chebyshev", "clark", "canberra", "cosine", "intersection", "words"}) {
        assertTrue(r.has(key), regime + " lacks " + key);
      }
    }
  }

  @Test
  void everyBundledWordIsShownWithADistributionPerRegime() {
    JsonNode reference = result.get("reference");
    for (String word : BundledCorpus.words()) {
      assertTrue(reference.has(word), "no reference for " + word);
      for (String regime : new String[] {"soft", "onehot"}) {
        JsonNode d = result.get("regimes").get(regime).get("words").get(word);
        double sum = 0;
        for (Iterator<JsonNode> it = d.elements(); it.hasNext(); ) {
          sum += it.next().asDouble();
        }
        assertEquals(1.0, sum, 1e-9, regime + " distribution of " + word);
      }
    }
  }

  @Test
  void oneHotLabelsGiveSharperPredictionsAndSoftLabelsAreCloserToTheReference() {
    JsonNode soft = result.get("regimes").get("soft");
    JsonNode onehot = result.get("regimes").get("onehot");
    assertTrue(onehot.get("mean_entropy_pred").asDouble() < soft.get("mean_entropy_pred").asDouble(),
        "one-hot predictions should have lower entropy");
    assertTrue(soft.get("mean_kl").asDouble() < onehot.get("mean_kl").asDouble(),
        "soft labels should give a lower mean KL(ref||pred)");
  }

  /** The acceptance of issue 16: the soft − onehot mean-KL interval lies entirely below 0. */
  @Test
  void theSoftMinusOneHotMeanKlIntervalIsEntirelyBelowZero() {
    JsonNode kl = null;
    for (JsonNode d : result.get("differences")) {
      if (d.get("a").asText().equals("soft") && d.get("b").asText().equals("onehot")
          && d.get("metric").asText().equals("mean_kl")) {
        kl = d;
      }
    }
    assertTrue(kl != null, "no soft - onehot mean_kl difference");
    double soft = result.get("regimes").get("soft").get("mean_kl").asDouble();
    double onehot = result.get("regimes").get("onehot").get("mean_kl").asDouble();
    assertEquals(soft - onehot, kl.get("difference").asDouble(), 1e-12);
    double lo = kl.get("ci95").get(0).asDouble();
    double hi = kl.get("ci95").get(1).asDouble();
    assertTrue(lo <= kl.get("difference").asDouble() && kl.get("difference").asDouble() <= hi);
    assertTrue(hi < 0, "interval [" + lo + ", " + hi + "]");
    JsonNode ci = result.get("regimes").get("soft").get("ci95").get("mean_kl");
    assertTrue(ci.get(0).asDouble() <= soft && soft <= ci.get(1).asDouble());
    assertEquals(1000, result.get("bootstrap").get("resamples").asInt());
    assertEquals(0, result.get("warnings").size(), result.get("warnings").toString());
  }
}
