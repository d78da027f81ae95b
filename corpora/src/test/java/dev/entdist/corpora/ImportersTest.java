package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Label Studio and doccano importers. */
class ImportersTest {

  @TempDir Path dir;

  private static List<Annotation> answers(String... whoAndLabel) {
    List<Annotation> out = new java.util.ArrayList<>();
    for (int i = 0; i < whoAndLabel.length; i += 2) {
      out.add(new Annotation(whoAndLabel[i], whoAndLabel[i + 1]));
    }
    return out;
  }

  /**
   * Task 101 counts code points (the emoji before Ada is one), task 102 UTF-16 units (the emoji
   * is two); annotator 3 marked nothing and votes O; annotator 4 cancelled and does not count.
   */
  @Test
  void labelStudioExportBecomesAnnotatorLevelOccurrences() throws Exception {
    Path file = Fixtures.copy("label-studio.json", dir);
    assertEquals(CorpusFormat.LABEL_STUDIO, CorpusFiles.formatOf(file.toString(),
        ReadOptions.defaults()));
    List<AnnotatedExample> got = Fixtures.readAll(file, ReadOptions.defaults());
    assertEquals(4, got.size());

    AnnotatedExample ada = got.get(0);
    assertEquals("Ada", ada.target());
    assertEquals(8, ada.start());
    assertEquals("101:8-11", ada.id());
    assertEquals(answers("1", "PER", "2", "PER", "3", "O"), ada.annotations());
    assertEquals(Map.of("PER", 2, "O", 1), ada.votes());
    assertEquals(2 / 3.0, ada.labels().get("PER"), 1e-12);
    assertEquals(3, ada.annotators());
    assertEquals("101", ada.extra().get("task"));

    AnnotatedExample paris = got.get(1);
    assertEquals("Paris", paris.target());
    assertEquals(answers("1", "LOC", "2", "ORG", "3", "O"), paris.annotations());

    AnnotatedExample kew = got.get(2);
    assertEquals("Kew", kew.target());
    assertEquals(9, kew.start());
    assertEquals(answers("1", "LOC", "5", "O"), kew.annotations());
    AnnotatedExample gardens = got.get(3);
    assertEquals("Kew Gardens", gardens.target());
    assertEquals(answers("1", "O", "5", "LOC"), gardens.annotations());
  }

  @Test
  void labelStudioRefusesASpanNeitherReadingMatchesNamingTaskAndResult() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "[{\"id\": 7, \"data\": {\"text\": \"Tea 🍵 at Kew.\"},"
        + " \"annotations\": [{\"completed_by\": 1, \"result\": [{\"id\": \"xYz\","
        + " \"type\": \"labels\", \"value\": {\"start\": 2, \"end\": 5, \"text\": \"Kew\","
        + " \"labels\": [\"LOC\"]}}]}]}]");
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> Fixtures.readAll(file, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("task 7") && e.getMessage().contains("xYz")
        && e.getMessage().contains("neither"), e.getMessage());
  }

  @Test
  void labelStudioNoneLabelAndDropO() throws Exception {
    Path file = Fixtures.copy("label-studio.json", dir);
    List<AnnotatedExample> none = Fixtures.readAll(file,
        ReadOptions.defaults().withNoneLabel("NONE"));
    assertEquals(answers("1", "PER", "2", "PER", "3", "NONE"), none.get(0).annotations());
    List<AnnotatedExample> dropped = Fixtures.readAll(file, ReadOptions.defaults().withDropO(true));
    assertEquals(Map.of("PER", 1.0), dropped.get(0).labels());
    assertEquals(answers("1", "PER", "2", "PER"), dropped.get(0).annotations());
  }

  @Test
  void doccanoDirectoryHasOneFilePerAnnotator() throws Exception {
    Path export = Files.createDirectories(dir.resolve("export"));
    Files.writeString(export.resolve("alice.jsonl"),
        "{\"id\": 1, \"text\": \"Ada met Bo in Rome.\", \"label\": [[0, 3, \"PER\"],"
            + " [14, 18, \"LOC\"]]}\n"
            + "{\"id\": 2, \"text\": \"Quiet day.\", \"label\": []}\n");
    Files.writeString(export.resolve("bob.jsonl"),
        "{\"id\": 1, \"text\": \"Ada met Bo in Rome.\", \"entities\": [{\"id\": 9,"
            + " \"start_offset\": 8, \"end_offset\": 10, \"label\": \"PER\"},"
            + " {\"start_offset\": 14, \"end_offset\": 18, \"label\": \"ORG\"}], \"relations\": []}\n");
    assertEquals(CorpusFormat.DOCCANO, CorpusFiles.formatOf(export.toString(),
        ReadOptions.defaults()));
    List<AnnotatedExample> got = CorpusFiles.read(export.toString(), ReadOptions.defaults())
        .examples();
    assertEquals(List.of("Ada", "Bo", "Rome"), got.stream().map(AnnotatedExample::target).toList());
    assertEquals(answers("alice", "PER", "bob", "O"), got.get(0).annotations());
    assertEquals(answers("alice", "O", "bob", "PER"), got.get(1).annotations());
    assertEquals(answers("alice", "LOC", "bob", "ORG"), got.get(2).annotations());
    assertEquals("1:14-18", got.get(2).id());
  }

  @Test
  void doccanoAnnotatorFieldInOneFileAndCodePointOffsets() throws Exception {
    Path file = dir.resolve("all.jsonl");
    Files.writeString(file,
        "{\"text\": \"🙂 Ada\", \"label\": [[2, 5, \"PER\"]], \"annotator\": \"a\"}\n"
            + "{\"text\": \"🙂 Ada\", \"label\": [[2, 5, \"ORG\"]], \"annotator\": 7}\n");
    List<AnnotatedExample> got = CorpusFiles.read(file.toString(),
        ReadOptions.defaults().withFormat(CorpusFormat.DOCCANO)).examples();
    assertEquals(1, got.size());
    assertEquals("Ada", got.get(0).target());
    assertEquals(answers("a", "PER", "7", "ORG"), got.get(0).annotations());
  }

  @Test
  void doccanoErrorsNameFileLineAndField() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"text\": \"Ada\", \"label\": [[0, 9, \"PER\"]]}\n"
        + "{\"text\": \"Bo\", \"label\": [\"POSITIVE\"]}\n");
    List<CorpusFormatException> errors = Fixtures.errors(file,
        ReadOptions.defaults().withFormat(CorpusFormat.DOCCANO));
    assertEquals(2, errors.size());
    assertTrue(errors.get(0).getMessage().contains("bad.jsonl") && errors.get(0).getMessage()
        .contains("label[0]"), errors.get(0).getMessage());
    assertTrue(errors.get(1).getMessage().contains("text-classification"),
        errors.get(1).getMessage());
  }

  @Test
  void theImportedAnswersSurviveJsonlAndConll() throws Exception {
    List<AnnotatedExample> original = Fixtures.readAll(Fixtures.copy("label-studio.json", dir),
        ReadOptions.defaults());
    Path jsonl = dir.resolve("ls.jsonl");
    CorpusFiles.write(jsonl, original, CorpusFormat.JSONL, false);
    assertEquals(original, Fixtures.readAll(jsonl, ReadOptions.defaults()));
    assertThrows(IllegalArgumentException.class,
        () -> CorpusFiles.writer(dir.resolve("x.json"), CorpusFormat.LABEL_STUDIO, false));
  }
}
