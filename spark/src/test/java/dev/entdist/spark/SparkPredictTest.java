package dev.entdist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.corpora.Document;
import dev.entdist.corpora.DocumentReader;
import dev.entdist.pipeline.Annotation;
import dev.entdist.pipeline.PredictionLine;
import dev.entdist.pipeline.TextModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's predict writes exactly the local predict's lines, in order. */
class SparkPredictTest {

  @TempDir static Path dir;
  static Path model;

  /** Sentences written for this test, each with words of the small model. */
  private static final List<String> SENTENCES = List.of(
      "My cell phone died during the call, so I charged it.",
      "",
      "The bank raised its interest rates again this spring.",
      "We walked along the river bank and watched the herons.",
      "She wrote the parser in Java before lunch.",
      "Under the lens each cell showed a dark nucleus.",
      "No word of interest here at all.",
      "The prisoner paced his cell; the bank of lights hummed.",
      "Java coffee and a Java island trip.");

  @BeforeAll
  static void train() throws Exception {
    model = SmallModel.model(dir);
  }

  private static Path textFile(String name, int copies) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      lines.addAll(SENTENCES);
    }
    Path f = dir.resolve(name);
    Files.write(f, lines);
    return f;
  }

  /** What the local predict writes for {@code file}: its reader, its batch call, its lines. */
  private static List<String> local(Path file, DocumentReader.Kind kind) throws Exception {
    List<String> out = new ArrayList<>();
    try (TextModel m = TextModel.load(model);
        DocumentReader r = DocumentReader.open(file.toString(), kind, 1 << 20)) {
      List<Document> docs = new ArrayList<>();
      while (true) {
        Document d;
        try {
          d = r.next();
        } catch (CorpusFormatException e) {
          continue;
        }
        if (d == null) {
          break;
        }
        docs.add(d);
      }
      List<List<Annotation>> found = m.annotateAll(docs, m.words(), 2);
      for (int i = 0; i < docs.size(); i++) {
        for (Annotation a : found.get(i)) {
          out.add(PredictionLine.jsonl(docs.get(i), a, null));
        }
      }
    }
    return out;
  }

  private static List<String> parts(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
          .toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    return lines;
  }

  private static int run(StringWriter err, String... args) {
    TestSpark.session();
    picocli.CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void linesEqualLocalPredictAndTheModelLoadsOncePerJvm() throws Exception {
    Path text = textFile("docs.txt", 6);
    Path out = dir.resolve("pred");
    // A copy with its own provenance: bytes no other test has loaded in this JVM.
    Path fresh = dir.resolve("fresh.model");
    try (TextModel m = TextModel.load(model)) {
      m.withSource("sha256:" + System.nanoTime(), "soft").save(fresh);
    }
    int loadsBefore = ModelRef.loadsInThisJvm();
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "predict", "--model", fresh.toString(), "--text", text.toString(),
        "--out", out.toString(), "--partitions", "4"), err.toString());
    List<String> expected = local(text, DocumentReader.Kind.TEXT);
    assertFalse(expected.isEmpty());
    assertEquals(expected, parts(out));
    long partFiles;
    try (Stream<Path> files = Files.list(out)) {
      partFiles = files.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
    assertTrue(partFiles >= 4, "at least 4 partitions, got " + partFiles);
    assertEquals(1, ModelRef.loadsInThisJvm() - loadsBefore, "one load for 4 tasks");
  }

  @Test
  void aBadLineFailsTheJobNamingFileAndLine() throws Exception {
    Path jsonl = jsonl("bad.jsonl");
    StringWriter err = new StringWriter();
    assertEquals(1, run(err, "predict", "--model", model.toString(), "--corpus",
        jsonl.toString(), "--out", dir.resolve("bad-out").toString()));
    assertTrue(err.toString().contains(jsonl + ":3: field 'text'"), err.toString());
    assertFalse(Files.exists(dir.resolve("bad-out").resolve("_SUCCESS")));
  }

  @Test
  void skipInvalidSkipsAndCountsBadLines() throws Exception {
    Path jsonl = jsonl("skip.jsonl");
    Path out = dir.resolve("skip-out");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "predict", "--model", model.toString(), "--corpus",
        jsonl.toString(), "--out", out.toString(), "--skip-invalid"), err.toString());
    assertEquals(local(jsonl, DocumentReader.Kind.JSONL), parts(out));

    SparkPredict.Counters counters = new SparkPredict.Counters(TestSpark.context());
    List<String> lines = SparkPredict.predict(
        ModelRef.broadcast(TestSpark.context(), model.toString()),
        Inputs.lines(TestSpark.context(), jsonl.toString(), 2),
        new SparkPredict.Options(DocumentReader.Kind.JSONL, null, null, false, true),
        counters).collect();
    assertEquals(parts(out), lines);
    assertEquals(1, counters.skipped());
    assertTrue(counters.firstSkipped().startsWith(jsonl + ":3"), counters.firstSkipped());
  }

  /** JSONL documents, line 3 without a text. */
  private static Path jsonl(String name) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, List.of(
        "{\"id\": \"a\", \"text\": \"" + SENTENCES.get(0) + "\"}",
        "{\"id\": \"b\", \"text\": \"" + SENTENCES.get(2) + "\", \"start\": 4, \"end\": 8}",
        "{\"id\": \"c\", \"txt\": \"no text field\"}",
        "{\"text\": \"" + SENTENCES.get(7) + "\"}"));
    return f;
  }
}
