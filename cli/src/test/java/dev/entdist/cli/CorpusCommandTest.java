package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusStats;
import dev.entdist.corpora.ReadOptions;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusCommandTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path fixture(String name) throws Exception {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void statsJsonHasTheContractKeysAndTheLibraryFigures() throws Exception {
    Path good = fixture("good.jsonl");
    Run r = run("corpus", "stats", good.toString(), "--json", "--per-word");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    CorpusStats.Builder b = CorpusStats.builder();
    CorpusFiles.read(good.toString(), ReadOptions.defaults()).examples().forEach(b::add);
    CorpusStats s = b.build();
    assertEquals(5, j.get("examples").asLong());
    assertEquals(2, j.get("targets").asInt());
    List<String> labels = new ArrayList<>();
    j.get("labels").forEach(n -> labels.add(n.asText()));
    assertEquals(List.of("biology", "device", "facility", "location", "organization"), labels);
    assertEquals(s.meanEntropyNats(), j.get("mean_entropy_nats").asDouble());
    assertEquals(s.nonOneHotFraction(), j.get("non_onehot_fraction").asDouble());
    assertEquals(s.meanAnnotators(), j.get("mean_annotators").asDouble());
    assertEquals(2, j.get("agreement").get("items").asLong());
    assertEquals("cell", j.get("most_ambiguous").get(0).get("word").asText());
    assertTrue(j.get("per_word").get("bank").get("agreement").get("fleiss_kappa").isNull());
  }

  @Test
  void statsOverSeveralFilesCountsThemTogether() throws Exception {
    Run r = run("corpus", "stats", fixture("good.jsonl").toString(),
        fixture("multi.conll").toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(5 + 4, j.get("examples").asLong());
    assertEquals(2 + 4, j.get("targets").asInt());
  }

  @Test
  void statsOnTheBundledCorpusUsesWhateverThisBuildShips() {
    Run r = run("corpus", "stats", "bundled", "--json");
    if (BundledCorpus.isAvailable()) {
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("\"examples\":" + BundledCorpus.load().size()), r.out());
    } else {
      assertEquals(1, r.code());
      assertTrue(r.err().contains("bundled"), r.err());
    }
  }

  @Test
  void textStatsNameTheFigures() throws Exception {
    Run r = run("corpus", "stats", fixture("multi.conll").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("occurrences 4, words 4, labels 4: LOC, O, ORG, PER"), r.out());
    assertTrue(r.out().contains("Fleiss' kappa"), r.out());
  }

  @Test
  void validateReportsEveryBadLineAndExitsOne() throws Exception {
    Path broken = fixture("broken.jsonl");
    Run r = run("corpus", "validate", broken.toString(), "--max-line-length", "200");
    assertEquals(1, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(12, lines.length, r.out());
    for (int i = 0; i < 11; i++) {
      assertTrue(lines[i].startsWith(broken + ":" + (i + 2) + ":"), lines[i]);
    }
    assertTrue(lines[11].contains("INVALID, 2 occurrence(s), 11 bad record(s)"), lines[11]);

    Run limited = run("corpus", "validate", broken.toString(), "--max-line-length", "200",
        "--max-errors", "3", "--json");
    assertEquals(1, limited.code());
    JsonNode j = Json.MAPPER.readTree(limited.out());
    assertEquals(11, j.get("bad_records").asLong());
    assertEquals(3, j.get("errors").size());
    assertEquals("start", j.get("errors").get(1).get("field").asText());

    Run ok = run("corpus", "validate", fixture("good.jsonl").toString());
    assertEquals(0, ok.code(), ok.out());
  }

  @Test
  void aBadLineStopsOtherCommandsWithOneLineUnlessSkipped() throws Exception {
    Path broken = fixture("broken.jsonl");
    Run r = run("corpus", "stats", broken.toString(), "--max-line-length", "200");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("entdist: " + broken + ":2: invalid JSON"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());

    Run skipped = run("corpus", "stats", broken.toString(), "--max-line-length", "200",
        "--skip-invalid", "--json");
    assertEquals(0, skipped.code(), skipped.err());
    assertEquals(2, Json.MAPPER.readTree(skipped.out()).get("examples").asLong());
    assertEquals(11, Json.MAPPER.readTree(skipped.out()).get("skipped").asLong());
    assertTrue(skipped.err().contains("skipped 11 invalid record(s)"), skipped.err());
  }

  @Test
  void convertRefusesSoftLabelsForConllUnlessArgmax() throws Exception {
    Path good = fixture("good.jsonl");
    Path out = dir.resolve("good.conll");
    Run refused = run("corpus", "convert", good.toString(), "--to", "conll", "--out",
        out.toString());
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains("--argmax"), refused.err());
    assertFalse(Files.exists(out));

    Run ok = run("corpus", "convert", good.toString(), "--to", "conll", "--out", out.toString(),
        "--argmax");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.err().contains("most probable label"), ok.err());
    assertEquals(5, CorpusFiles.read(out.toString(), ReadOptions.defaults()).size());
  }

  @Test
  void convertingMultiAnnotatorConllGivesTheVoteDistributions() throws Exception {
    Path out = dir.resolve("multi.jsonl");
    Run r = run("corpus", "convert", fixture("multi.conll").toString(), "--to", "jsonl",
        "--out", out.toString(), "--drop-o", "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    List<AnnotatedExample> ex = CorpusFiles.read(out.toString(), ReadOptions.defaults())
        .examples();
    assertEquals(4, ex.size());
    assertEquals(Map.of("LOC", 2 / 3.0, "PER", 1 / 3.0), ex.get(2).labels());
    assertEquals(Map.of("ORG", 1.0), ex.get(0).labels());
    assertEquals(Map.of("LOC", 0.5, "PER", 0.5), ex.get(3).labels());
  }

  @Test
  void splitKeepsSentencesWholeAndRepeatsUnderItsSeed() throws Exception {
    Path good = fixture("good.jsonl");
    Path a = dir.resolve("a");
    Run r = run("corpus", "split", good.toString(), "--test-fraction", "0.5", "--seed", "3",
        "--out-dir", a.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    List<AnnotatedExample> train = CorpusFiles.read(a.resolve("train.jsonl").toString(),
        ReadOptions.defaults()).examples();
    List<AnnotatedExample> test = CorpusFiles.read(a.resolve("test.jsonl").toString(),
        ReadOptions.defaults()).examples();
    assertEquals(5, train.size() + test.size());
    Set<String> trainTexts = new HashSet<>();
    train.forEach(e -> trainTexts.add(e.text()));
    assertTrue(test.stream().noneMatch(e -> trainTexts.contains(e.text())));
    // 4 sentences, round(0.5 × 4) = 2 of them held out
    assertEquals(2, test.stream().map(AnnotatedExample::text).distinct().count());
    Path b = dir.resolve("b");
    run("corpus", "split", good.toString(), "--test-fraction", "0.5", "--seed", "3",
        "--out-dir", b.toString());
    assertEquals(Files.readString(a.resolve("test.jsonl")),
        Files.readString(b.resolve("test.jsonl")));
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path good = fixture("good.jsonl");
    assertEquals(2, run("corpus", "stats", good.toString(), "--format", "xml").code());
    assertEquals(2, run("corpus").code());
    assertEquals(2, run("corpus", "split", good.toString(), "--test-fraction", "1.5", "--seed",
        "1", "--out-dir", dir.toString()).code());
    assertEquals(2, run("corpus", "convert", good.toString(), "--out", "x").code());
    assertEquals(0, run("corpus", "stats", "--help").code());
  }
}
