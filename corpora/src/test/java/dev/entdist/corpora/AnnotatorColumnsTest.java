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

/** Annotator names in CoNLL ({@code # annotators:}) and annotator-level JSONL. */
class AnnotatorColumnsTest {

  @TempDir Path dir;

  private static List<Annotation> answers(String... whoAndLabel) {
    List<Annotation> out = new java.util.ArrayList<>();
    for (int i = 0; i < whoAndLabel.length; i += 2) {
      out.add(new Annotation(whoAndLabel[i], whoAndLabel[i + 1]));
    }
    return out;
  }

  @Test
  void theHeaderNamesTheColumnsUntilTheNextHeader() throws Exception {
    Path file = dir.resolve("named.conll");
    Files.writeString(file, "# annotators: ann bo cy\n"
        + "Paris B-LOC B-LOC B-PER\nwon O O O\n\n"
        + "Rome B-LOC O ?\n\n"
        + "# annotators: dee eve\n"
        + "Ada B-PER B-ORG\n\n");
    List<AnnotatedExample> got = Fixtures.readAll(file, ReadOptions.defaults());
    assertEquals(answers("ann", "LOC", "bo", "LOC", "cy", "PER"), got.get(0).annotations());
    assertEquals(answers("ann", "LOC", "bo", "O"), got.get(1).annotations());
    assertEquals(answers("dee", "PER", "eve", "ORG"), got.get(2).annotations());
    assertEquals(Map.of("PER", 1, "ORG", 1), got.get(2).votes());
  }

  @Test
  void withoutAHeaderSeveralColumnsAreNamedByNumberAndOneColumnHasNoAnswers() throws Exception {
    Path multi = dir.resolve("multi.conll");
    Files.writeString(multi, "Paris B-LOC O\n\n");
    assertEquals(answers("2", "LOC", "3", "O"),
        Fixtures.readAll(multi, ReadOptions.defaults()).get(0).annotations());
    assertEquals(List.of(), Fixtures.readAll(multi, ReadOptions.defaults().withTagColumn(2))
        .get(0).annotations());
  }

  @Test
  void aHeaderThatDoesNotCountTheColumnsIsRefusedNamingItsLine() throws Exception {
    Path file = dir.resolve("bad.conll");
    Files.writeString(file, "# annotators: a b\nParis B-LOC B-LOC B-PER\n\n");
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> Fixtures.readAll(file, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("annotators") && e.getMessage().contains("line 1"),
        e.getMessage());
  }

  @Test
  void namedAnswersSurviveJsonlToConllAndBack() throws Exception {
    Path jsonl = dir.resolve("crowd.jsonl");
    Files.writeString(jsonl, "{\"id\":\"x\",\"text\":\"Ada met Bo\",\"target\":\"Ada\",\"start\":0,"
        + "\"end\":3,\"annotations\":[{\"annotator\":\"a17\",\"label\":\"PER\"},"
        + "{\"annotator\":\"b2\",\"label\":\"ORG\"}]}\n"
        + "{\"id\":\"y\",\"text\":\"Ada met Bo\",\"target\":\"Bo\",\"start\":8,\"end\":10,"
        + "\"annotations\":[{\"annotator\":\"a17\",\"label\":\"PER\"},"
        + "{\"annotator\":\"b2\",\"label\":\"O\"}]}\n");
    List<AnnotatedExample> original = Fixtures.readAll(jsonl, ReadOptions.defaults());
    Path conll = dir.resolve("crowd.conll");
    CorpusFiles.write(conll, original, CorpusFormat.CONLL, false);
    assertTrue(Files.readString(conll).startsWith("# annotators: a17 b2\n"),
        Files.readString(conll));
    List<AnnotatedExample> back = Fixtures.readAll(conll, ReadOptions.defaults());
    for (int i = 0; i < original.size(); i++) {
      assertEquals(original.get(i).annotations(), back.get(i).annotations());
      assertEquals(original.get(i).labels(), back.get(i).labels());
    }
  }

  @Test
  void jsonlVotesMustAgreeWithTheAnswers() throws Exception {
    Path file = dir.resolve("disagree.jsonl");
    Files.writeString(file, "{\"text\":\"a bank\",\"target\":\"bank\",\"start\":2,\"end\":6,"
        + "\"votes\":{\"river\":2},\"annotations\":[{\"annotator\":\"a\",\"label\":\"river\"}]}\n");
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> Fixtures.readAll(file, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("'votes'"), e.getMessage());
  }
}
