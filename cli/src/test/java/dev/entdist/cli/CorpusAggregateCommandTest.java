package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code entdist corpus aggregate} and the annotator-level figures of {@code corpus stats}. */
class CorpusAggregateCommandTest {

  @TempDir Path dir;

  /** A small seeded crowd: 60 occurrences, 5 annotators (the last answers at random). */
  private Path crowd() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    String[] labels = {"bank", "river"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      int truth = random.nextInt(2);
      sb.append("{\"id\":\"o").append(i).append("\",\"text\":\"the bank ").append(i)
          .append("\",\"target\":\"bank\",\"start\":4,\"end\":8,\"annotations\":[");
      for (int a = 0; a < 5; a++) {
        int label = a == 4 || random.nextDouble() < 0.2 ? random.nextInt(2) : truth;
        sb.append(a == 0 ? "" : ",").append("{\"annotator\":\"w").append(a)
            .append("\",\"label\":\"").append(labels[label]).append("\"}");
      }
      sb.append("]}\n");
    }
    Path file = dir.resolve("crowd.jsonl");
    Files.writeString(file, sb.toString());
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"majority", "dawid-skene", "one-coin", "mace"})
  void everyRowSumsToOneAndKeepsItsAnswers(String method) throws Exception {
    Path in = crowd();
    Path out = dir.resolve("out-" + method + ".jsonl");
    Path who = dir.resolve("who-" + method + ".jsonl");
    CliRun r = CliRun.of("corpus", "aggregate", "--corpus", in.toString(), "--method", method,
        "--out", out.toString(), "--annotators", who.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(method, j.get("method").asText());
    assertEquals(60, j.get("items").asInt());
    assertEquals(5, j.get("annotators").asInt());
    assertEquals(300, j.get("answers").asInt());
    assertTrue(j.has("iterations") && j.has("log_likelihood") && j.has("converged"), r.out());
    List<AnnotatedExample> before = CorpusFiles.read(in.toString(), ReadOptions.defaults())
        .examples();
    List<AnnotatedExample> after = CorpusFiles.read(out.toString(), ReadOptions.defaults())
        .examples();
    assertEquals(before.size(), after.size());
    for (int i = 0; i < after.size(); i++) {
      double sum = after.get(i).labels().values().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(1.0, sum, 1e-9);
      assertEquals(before.get(i).annotations(), after.get(i).annotations());
      assertEquals(before.get(i).votes(), after.get(i).votes());
    }
    List<String> rows = Files.readAllLines(who);
    assertEquals(5, rows.size());
    JsonNode spammer = Json.MAPPER.readTree(rows.get(4));
    assertEquals("w4", spammer.get("annotator").asText());
    assertEquals(2, spammer.get("confusion").size());
    assertEquals(method.equals("mace"), spammer.has("spam_probability"));
  }

  @Test
  void majorityGivesTheVoteProportions() throws Exception {
    Path in = crowd();
    Path out = dir.resolve("mv.jsonl");
    assertEquals(0, CliRun.of("corpus", "aggregate", "--corpus", in.toString(), "--method",
        "majority", "--out", out.toString(), "--quiet").code());
    List<AnnotatedExample> before = CorpusFiles.read(in.toString(), ReadOptions.defaults())
        .examples();
    List<AnnotatedExample> after = CorpusFiles.read(out.toString(), ReadOptions.defaults())
        .examples();
    for (int i = 0; i < after.size(); i++) {
      for (var e : before.get(i).labels().entrySet()) {
        assertEquals(e.getValue(), after.get(i).labels().get(e.getKey()), 1e-12);
      }
    }
  }

  @Test
  void aCorpusWithoutAnswersIsBadDataAndABadMethodAUsageError() throws Exception {
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, "{\"text\":\"a bank\",\"target\":\"bank\",\"start\":2,\"end\":6,"
        + "\"labels\":{\"x\":1}}\n");
    CliRun r = CliRun.of("corpus", "aggregate", "--corpus", plain.toString(), "--out",
        dir.resolve("o.jsonl").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("annotations") && r.err().strip().lines().count() == 1, r.err());
    assertFalse(Files.exists(dir.resolve("o.jsonl")));
    assertEquals(2, CliRun.of("corpus", "aggregate", "--corpus", plain.toString(), "--out",
        dir.resolve("o.jsonl").toString(), "--method", "median").code());
    assertEquals(2, CliRun.of("corpus", "convert", plain.toString(), "--to", "label-studio",
        "--out", dir.resolve("o.json").toString()).code());
  }

  @Test
  void statsReportAnnotatorsAndBothAgreementFigures() throws Exception {
    Path in = crowd();
    CliRun r = CliRun.of("corpus", "stats", in.toString(), "--json", "--per-word");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(5, j.get("annotators").asInt());
    assertEquals(60, j.get("answers_per_annotator").get("w0").asInt());
    assertTrue(j.get("agreement").get("krippendorff_alpha").isNumber());
    assertTrue(j.get("per_word").get("bank").get("agreement").get("fleiss_kappa").isNumber());
    CliRun text = CliRun.of("corpus", "stats", in.toString());
    assertTrue(text.out().contains("Krippendorff's alpha") && text.out().contains("5 named"
        + " annotators"), text.out());
  }

  @Test
  void aBadLineIsNamedByFileLineAndFieldOrSkippedAndCounted() throws Exception {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(crowd()));
    lines.set(4, lines.get(4).replace("\"label\":\"bank\"", "\"label\":7")
        .replace("\"label\":\"river\"", "\"label\":7"));
    lines.set(8, lines.get(8).substring(0, 40));
    Path in = Files.write(dir.resolve("bad.jsonl"), lines);
    Path out = dir.resolve("out.jsonl");
    CliRun stop = CliRun.of("corpus", "aggregate", "--corpus", in.toString(), "--out",
        out.toString());
    assertEquals(1, stop.code(), stop::toString);
    assertTrue(stop.err().contains(in + ":5: field 'annotations[0].label'"), stop.err());
    assertFalse(Files.exists(out));
    CliRun skip = CliRun.of("corpus", "aggregate", "--corpus", in.toString(), "--out",
        out.toString(), "--skip-invalid", "--json");
    assertEquals(0, skip.code(), skip::toString);
    assertEquals(2, Json.MAPPER.readTree(skip.out()).get("skipped").asInt());
    assertTrue(skip.err().contains("skipped 2 invalid record(s)") && skip.err().contains(":5:"),
        skip.err());
    List<AnnotatedExample> kept = CorpusFiles.read(out.toString(), ReadOptions.defaults())
        .examples();
    assertEquals(58, kept.size());
    assertFalse(kept.stream().anyMatch(e -> e.id().equals("o4") || e.id().equals("o8")));
  }

  /**
   * What aggregation does not compute is written back as it was read: the answers (annotator ids
   * given as numbers become strings), the votes and every unknown field; aggregating the output
   * again gives the same bytes.
   */
  @Test
  void answersAndUnknownFieldsSurviveAndAggregatingTwiceChangesNothing() throws Exception {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(crowd()));
    lines.set(0, lines.get(0).replace("{\"id\":\"o0\",", "{\"id\":\"o0\",\"meta\":{\"src\":"
        + "\"batch \\u00e9 1\",\"scores\":[1,2.5,null,true,12345678901]},\"batch\":3,"));
    lines.set(1, lines.get(1).replace("\"annotator\":\"w0\"", "\"annotator\":17"));
    Path in = Files.write(dir.resolve("extra.jsonl"), lines);
    Path once = dir.resolve("once.jsonl");
    Path twice = dir.resolve("twice.jsonl");
    assertEquals(0, CliRun.of("corpus", "aggregate", "--corpus", in.toString(), "--out",
        once.toString(), "--quiet").code());
    assertEquals(0, CliRun.of("corpus", "aggregate", "--corpus", once.toString(), "--out",
        twice.toString(), "--quiet").code());
    assertEquals(Files.readString(once), Files.readString(twice));
    String first = Files.readAllLines(once).get(0);
    assertTrue(first.endsWith(",\"batch\":3,\"meta\":{\"src\":\"batch \u00e9 1\","
        + "\"scores\":[1,2.5,null,true,12345678901]}}"), first);
    List<AnnotatedExample> before = CorpusFiles.read(in.toString(), ReadOptions.defaults())
        .examples();
    List<AnnotatedExample> after = CorpusFiles.read(once.toString(), ReadOptions.defaults())
        .examples();
    assertEquals("17", after.get(1).annotations().get(0).annotator());
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i).annotations(), after.get(i).annotations());
      assertEquals(before.get(i).votes(), after.get(i).votes());
      assertEquals(before.get(i).extra(), after.get(i).extra());
    }
  }
}
