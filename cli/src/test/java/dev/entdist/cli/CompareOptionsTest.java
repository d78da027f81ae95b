package dev.entdist.cli;

import dev.entdist.pipeline.RepeatedComparison;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} beyond its defaults, on two small hand-made corpora (see
 * compare_fixtures.py): {@code --repeats}, {@code --chart}, {@code --inventory}, the one-hot
 * summary and the refusal of {@code votes} without votes. Trained with {@code --max-iter 30}.
 */
class CompareOptionsTest {

  @TempDir static Path dir;

  private static Path soft;
  private static Path onehot;
  private static CliRun repeated;
  private static Path chart;

  @BeforeAll
  static void fixtures() throws Exception {
    soft = copy("compare-soft.jsonl");
    onehot = copy("compare-onehot.jsonl");
    chart = dir.resolve("out/chart.png");
    repeated = CliRun.of("compare", "--corpus", soft.toString(), "--repeats", "2",
        "--max-iter", "30", "--test-fraction", "0.25", "--chart", chart.toString(), "--json",
        "--quiet");
  }

  private static Path copy(String name) throws Exception {
    Path p = dir.resolve(name);
    try (InputStream in = CompareOptionsTest.class.getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void repeatsAddAStandardDeviationBesideEveryMetric() throws Exception {
    assertEquals(0, repeated.code(), repeated.err());
    JsonNode j = Json.MAPPER.readTree(repeated.out());
    assertEquals(2, j.get("split").get("repeats").asInt());
    JsonNode splits = j.get("split").get("splits");
    assertEquals(1, splits.get(0).get("seed").asLong());
    assertEquals(2, splits.get(1).get("seed").asLong());
    for (String regime : new String[] {"soft", "onehot"}) {
      JsonNode r = j.get("regimes").get(regime);
      for (String key : new String[] {"examples", "mean_kl", "mean_reverse_kl", "mean_js",
          "cross_entropy", "top1", "mean_entropy_pred", "mean_entropy_ref", "ece", "brier",
          "chebyshev", "clark", "canberra", "cosine", "intersection"}) {
        assertTrue(r.has(key), regime + " lacks " + key);
        assertTrue(r.has(key + "_std"), regime + " lacks " + key + "_std");
      }
      double std = r.get("mean_kl_std").asDouble();
      assertTrue(std >= 0 && Double.isFinite(std), "std " + std);
      for (Iterator<Map.Entry<String, JsonNode>> it = r.get("words").fields(); it.hasNext(); ) {
        double sum = 0;
        for (JsonNode p : it.next().getValue()) {
          sum += p.asDouble();
        }
        assertEquals(1.0, sum, 1e-9, "a mean of distributions is a distribution");
      }
    }
  }

  @Test
  void theChartIsAPngOfTheDocumentedSize() throws Exception {
    assertEquals(0, repeated.code(), repeated.err());
    BufferedImage image = ImageIO.read(chart.toFile());
    assertNotNull(image, "not a readable image: " + chart);
    assertEquals(CompareChart.WIDTH, image.getWidth());
    assertEquals(CompareChart.HEIGHT, image.getHeight());
    try (var files = Files.list(chart.getParent())) {
      assertEquals(List.of(chart), files.toList(), "no temporary file may survive");
    }
  }

  @Test
  void theChartHasThePermissionsOfAFreshlyCreatedFile() throws Exception {
    assertEquals(0, repeated.code(), repeated.err());
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
        "the file system has no POSIX permissions");
    Path fresh = Files.createFile(dir.resolve("fresh-for-chart"));
    assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(chart));
  }

  @Test
  void aOneHotCorpusSaysSoftAndOnehotCoincideAndSuggestsTypeSoft() {
    CliRun text = CliRun.of("compare", "--corpus", onehot.toString(), "--max-iter", "30",
        "--test-fraction", "0.25", "--quiet");
    assertEquals(0, text.code(), text.err());
    String flat = text.out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("soft and onehot regimes train on the same targets and coincide"),
        text.out());
    assertTrue(flat.contains("--regimes onehot,type-soft"), text.out());
    assertFalse(flat.contains("Soft labels bring"), "no comparison claim on identical regimes");
  }

  @Test
  void onAOneHotCorpusSoftAndOnehotLearnTheSame() throws Exception {
    CliRun run = CliRun.of("compare", "--corpus", onehot.toString(), "--max-iter", "30",
        "--test-fraction", "0.25", "--json", "--quiet");
    assertEquals(0, run.code(), run.err());
    JsonNode r = Json.MAPPER.readTree(run.out()).get("regimes");
    assertEquals(r.get("soft").get("mean_kl").asDouble(), r.get("onehot").get("mean_kl")
        .asDouble());
    assertEquals(r.get("soft").get("words"), r.get("onehot").get("words"));
  }

  @Test
  void compareOpensItsCorpusLikeTheOtherCommands() throws Exception {
    Path gz = dir.resolve("compare-soft.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(soft, out);
    }
    String[] options = {"--regimes", "soft", "--max-iter", "10", "--test-fraction", "0.25",
        "--json", "--quiet"};
    CliRun plain = CliRun.of(concat(new String[] {"compare", "--corpus", soft.toString()},
        options));
    CliRun gzipped = CliRun.of(concat(new String[] {"compare", "--corpus", gz.toString()},
        options));
    assertEquals(0, gzipped.code(), gzipped::toString);
    assertEquals(Json.MAPPER.readTree(plain.out()).get("regimes"),
        Json.MAPPER.readTree(gzipped.out()).get("regimes"));

    CliRun missing = CliRun.of("compare", "--corpus", dir.resolve("none.jsonl").toString());
    assertEquals(1, missing.code(), missing::toString);
    assertEquals("entdist: no such file: " + dir.resolve("none.jsonl"), missing.err().strip());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void votesOnACorpusWithoutVotesFailsWithOneClearLine() {
    CliRun run = CliRun.of("compare", "--corpus", onehot.toString(), "--regimes", "soft,votes");
    assertEquals(1, run.code());
    assertTrue(run.err().startsWith("entdist: regime 'votes' needs vote counts"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void restrictedInventoriesKeepMostMassOnEachWordsLabels() throws Exception {
    CliRun run = CliRun.of("compare", "--corpus", soft.toString(), "--inventory",
        "restrict:0.01", "--regimes", "soft", "--max-iter", "30", "--test-fraction", "0.25",
        "--json", "--quiet");
    assertEquals(0, run.code(), run.err());
    JsonNode words = Json.MAPPER.readTree(run.out()).get("regimes").get("soft").get("words");
    // bat's inventory is {animal, sports}: the two spring labels share δ = 0.01 at most.
    JsonNode bat = words.get("bat");
    assertEquals(1.0, bat.get("animal").asDouble() + bat.get("sports").asDouble(), 0.01 + 1e-9);
    assertTrue(bat.get("season").asDouble() + bat.get("water").asDouble() <= 0.01 + 1e-9);
  }

  @Test
  void aBadInventoryOrRepeatIsAUsageError() {
    assertEquals(2, CliRun.of("compare", "--inventory", "sometimes").code());
    assertEquals(2, CliRun.of("compare", "--repeats", "0").code());
    assertEquals(2, CliRun.of("compare", "--regimes", "soft,bogus").code());
  }

  @Test
  void meanAndSampleStandardDeviationFollowTheirDefinitions() {
    assertEquals(2.0, RepeatedComparison.mean(List.of(1.0, 3.0)));
    assertEquals(Math.sqrt(2.0), RepeatedComparison.std(List.of(1.0, 3.0)), 1e-15);
    assertTrue(Double.isNaN(RepeatedComparison.std(List.of(1.0))), "one run has no spread");
    assertEquals(Double.POSITIVE_INFINITY,
        RepeatedComparison.mean(List.of(1.0, Double.POSITIVE_INFINITY)));
    assertTrue(Double.isNaN(RepeatedComparison.std(List.of(1.0, Double.POSITIVE_INFINITY))));
  }
}
