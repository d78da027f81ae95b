package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@code entdist predict} on unlabelled text and label-free JSONL. */
class PredictTextTest {

  @TempDir static Path dir;
  private static Path modelFile;

  @BeforeAll
  static void smallModel() throws Exception {
    List<AnnotatedExample> examples = new ArrayList<>();
    for (String word : BundledCorpus.words()) {
      examples.addAll(BundledCorpus.load(word).examples().subList(0, 6));
    }
    Path corpus = dir.resolve("small.jsonl");
    CorpusFiles.write(corpus, examples, CorpusFormat.JSONL, false);
    modelFile = dir.resolve("small.model");
    CliRun run = CliRun.of("train", "--corpus", corpus.toString(), "--out",
        modelFile.toString(), "--hash-bits", "12", "--max-iter", "30", "--quiet");
    assertEquals(0, run.code(), run::toString);
  }

  private static CliRun withStdin(String input, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(saved);
    }
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(Json.MAPPER.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void plainTextFromStdinGivesOneLinePerOccurrenceInDocumentOrder() throws Exception {
    String[] docs = {
      "My cell died, so I need a charger for my phone.",
      "",
      "Under the microscope the Cells divided; the Mouse ran off."
    };
    CliRun run = withStdin(String.join("\n", docs) + "\n", "predict", "--model",
        modelFile.toString(), "--text", "-", "--quiet");
    assertEquals(0, run.code(), run::toString);
    List<JsonNode> out = lines(run.out());
    int labels = dev.entdist.pipeline.TextModel.load(modelFile).labels().size();
    assertEquals(List.of("cell", "cells", "mouse"),
        out.stream().map(n -> n.get("surface").asText().toLowerCase()).toList());
    assertEquals(List.of("1", "3", "3"), out.stream().map(n -> n.get("doc").asText()).toList());
    for (JsonNode n : out) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      assertEquals(List.of("doc", "start", "end", "surface", "word", "known_word",
          "distribution", "entropy"), keys);
      String doc = docs[Integer.parseInt(n.get("doc").asText()) - 1];
      int from = doc.offsetByCodePoints(0, n.get("start").asInt());
      int to = doc.offsetByCodePoints(0, n.get("end").asInt());
      assertEquals(n.get("surface").asText(), doc.substring(from, to));
      assertTrue(n.get("known_word").asBoolean());
      double sum = 0;
      double entropy = 0;
      double previous = 1;
      for (Iterator<JsonNode> it = n.get("distribution").elements(); it.hasNext(); ) {
        double p = it.next().asDouble();
        assertTrue(p <= previous, "most probable first");
        previous = p;
        sum += p;
        entropy -= p > 0 ? p * Math.log(p) : 0;
      }
      assertEquals(labels, n.get("distribution").size(), "every label");
      assertEquals(1.0, sum, 1e-9);
      assertEquals(entropy, n.get("entropy").asDouble(), 1e-9);
    }
    assertEquals("cell", out.get(1).get("word").asText());
  }

  @Test
  void jsonlDocumentsNeedNoLabelsAndAMarkedSpanIsTheOnlyOccurrence() throws Exception {
    Path in = dir.resolve("docs.jsonl");
    Files.writeString(in, String.join("\n",
        "{\"id\":\"a\",\"text\":\"The cell and the bank.\"}",
        "{\"text\":\"The cell and the bank.\",\"start\":17,\"end\":21,\"labels\":{\"x\":1}}",
        ""), StandardCharsets.UTF_8);
    Path outFile = dir.resolve("docs.pred.jsonl");
    CliRun run = CliRun.of("predict", "--model", modelFile.toString(), "--corpus",
        in.toString(), "--out", outFile.toString(), "--top", "2", "--quiet");
    assertEquals(0, run.code(), run::toString);
    List<JsonNode> out = lines(Files.readString(outFile));
    assertEquals(3, out.size());
    assertEquals(List.of("a", "a", "2"), out.stream().map(n -> n.get("doc").asText()).toList());
    assertEquals(2, out.get(0).get("distribution").size());
    JsonNode marked = out.get(2);
    assertEquals("bank", marked.get("surface").asText());
    assertEquals("2", marked.get("id").asText(), "a marked occurrence keeps the old keys");
    assertEquals("bank", marked.get("target").asText());
    assertFalse(out.get(0).has("id"));
  }

  @Test
  void wordsLimitAndExtendWhatIsLookedFor() throws Exception {
    CliRun run = withStdin("The zebra saw the cell and the bank.\n", "predict", "--model",
        modelFile.toString(), "--text", "-", "--words", "zebra,bank", "--quiet");
    assertEquals(0, run.code(), run::toString);
    List<JsonNode> out = lines(run.out());
    assertEquals(List.of("zebra", "bank"),
        out.stream().map(n -> n.get("word").asText()).toList());
    assertFalse(out.get(0).get("known_word").asBoolean());
  }

  @Test
  void aBadLineIsNamedOrSkippedAndCounted() throws Exception {
    Path in = dir.resolve("bad.jsonl");
    Files.writeString(in, "{\"text\":\"The cell.\"}\n{\"id\":\"no-text\"}\n"
        + "{\"text\":\"The bank.\"}\n", StandardCharsets.UTF_8);
    CliRun fail = CliRun.of("predict", "--model", modelFile.toString(), "--corpus",
        in.toString(), "--quiet");
    assertEquals(1, fail.code(), fail::toString);
    assertTrue(fail.err().contains(in.toString()) && fail.err().contains(":2:")
        && fail.err().contains("text"), fail.err());
    assertEquals(1, fail.err().strip().lines().count(), "one line, no stack trace");
    CliRun skip = CliRun.of("predict", "--model", modelFile.toString(), "--corpus",
        in.toString(), "--skip-invalid");
    assertEquals(0, skip.code(), skip::toString);
    assertEquals(2, lines(skip.out()).size());
    assertTrue(skip.err().contains("skipped 1 invalid line"), skip.err());
  }

  @Test
  void aFailedRunLeavesNoPartialOutput() throws Exception {
    Path in = dir.resolve("bad-late.jsonl");
    Files.writeString(in, "{\"text\":\"The cell.\"}\nnot json\n", StandardCharsets.UTF_8);
    Path outFile = dir.resolve("never.jsonl");
    CliRun fail = CliRun.of("predict", "--model", modelFile.toString(), "--corpus",
        in.toString(), "--out", outFile.toString(), "--quiet");
    assertEquals(1, fail.code(), fail::toString);
    assertFalse(Files.exists(outFile));
  }
}
