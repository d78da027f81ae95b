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

/** Reading the tagged formats; expected votes are counted by hand from the fixtures. */
class TaggedFormatsTest {

  @TempDir Path dir;

  @Test
  void multiAnnotatorConllGivesTheHandCountedVotes() throws Exception {
    List<AnnotatedExample> ex = Fixtures.readAll(Fixtures.copy("multi.conll", dir),
        ReadOptions.defaults());
    assertEquals(4, ex.size());
    String sentence = "The cell phone company in Paris won .";
    // spans in order of start, then end: "The" (annotator 2), "The cell" (1), "Paris" (1, 2, 3)
    assertOccurrence(ex.get(0), "multi:0:0-1", sentence, "The", 0, 3,
        Map.of("ORG", 1, "O", 2), 3);
    assertOccurrence(ex.get(1), "multi:0:0-2", sentence, "The cell", 0, 8,
        Map.of("ORG", 1, "O", 2), 3);
    assertOccurrence(ex.get(2), "multi:0:5-6", sentence, "Paris", 26, 31,
        Map.of("LOC", 2, "PER", 1), 3);
    // annotator 3 did not see the second sentence ('?'), so two annotators count there
    assertOccurrence(ex.get(3), "multi:1:0-1", "Jordan smiled", "Jordan", 0, 6,
        Map.of("PER", 1, "LOC", 1), 2);
    assertEquals(Map.of("LOC", 2 / 3.0, "PER", 1 / 3.0), ex.get(2).labels());
  }

  @Test
  void dropOLeavesTheEntityTypesOnly() throws Exception {
    List<AnnotatedExample> ex = Fixtures.readAll(Fixtures.copy("multi.conll", dir),
        ReadOptions.defaults().withDropO(true));
    assertEquals(Map.of("ORG", 1.0), ex.get(0).labels());
    assertEquals(Map.of("ORG", 1), ex.get(0).votes());
    assertEquals(3, ex.get(0).annotators());
  }

  @Test
  void bioesTagsCloseAndOpenSpans() throws Exception {
    List<AnnotatedExample> ex = Fixtures.readAll(Fixtures.copy("bioes.conll", dir),
        ReadOptions.defaults());
    assertEquals(3, ex.size());
    assertEquals("New", ex.get(0).target());
    assertEquals("New York", ex.get(1).target());
    assertEquals("York", ex.get(2).target());
    for (AnnotatedExample e : ex) {
      assertEquals(Map.of("LOC", 1, "O", 1), e.votes());
    }
  }

  @Test
  void conll2003LayoutReadsTheChosenColumnAndNumbersDocuments() throws Exception {
    Path file = Fixtures.copy("conll2003.conll", dir);
    List<AnnotatedExample> ex = Fixtures.readAll(file, ReadOptions.defaults().withTagColumn(4));
    assertEquals(2, ex.size());
    assertOccurrence(ex.get(0), "conll2003:0:0-1", "Mercury sang .", "Mercury", 0, 7,
        Map.of("PER", 1), 1);
    assertEquals(Map.of("document", 0), ex.get(0).extra());
    assertOccurrence(ex.get(1), "conll2003:1:2-3", "The planet Mercury", "Mercury", 11, 18,
        Map.of("LOC", 1), 1);
    assertEquals(Map.of("document", 1), ex.get(1).extra());
    // the last column is the same here
    assertEquals(ex, Fixtures.readAll(file, ReadOptions.defaults().withTagColumn(-1)));
    // without --tag-column the POS column is not a tag: an error names line and column
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> Fixtures.readAll(file, ReadOptions.defaults()));
    assertEquals(3, e.line());
    assertEquals("column 2", e.field());
  }

  @Test
  void openNlpNameSamplesBecomeOneHotOccurrences() throws Exception {
    List<AnnotatedExample> ex = Fixtures.readAll(Fixtures.copy("names.opennlp", dir),
        ReadOptions.defaults());
    assertEquals(3, ex.size());
    String first = "Ada Lovelace wrote about the Analytical Engine .";
    assertOccurrence(ex.get(0), "names:0:0-2", first, "Ada Lovelace", 0, 12,
        Map.of("person", 1), 1);
    assertOccurrence(ex.get(1), "names:0:5-7", first, "Analytical Engine", 29, 46,
        Map.of("device", 1), 1);
    assertOccurrence(ex.get(2), "names:1:4-5", "The bank of the Thames flooded .", "Thames",
        16, 22, Map.of("location", 1), 1);
  }

  @Test
  void formatIsDetectedFromContentWhenTheExtensionSaysNothing() throws Exception {
    Path conll = dir.resolve("a.txt");
    Files.copy(Fixtures.copy("multi.conll", dir), conll);
    Path names = dir.resolve("b.txt");
    Files.copy(Fixtures.copy("names.opennlp", dir), names);
    Path jsonl = dir.resolve("c.data");
    Files.copy(Fixtures.copy("good.jsonl", dir), jsonl);
    assertEquals(CorpusFormat.CONLL, CorpusFiles.detectFormat(conll, 1000));
    assertEquals(CorpusFormat.OPENNLP, CorpusFiles.detectFormat(names, 1000));
    assertEquals(CorpusFormat.JSONL, CorpusFiles.detectFormat(jsonl, 1000));
  }

  @Test
  void badTagsAndNestingNameTheLineAndField() throws Exception {
    Path conll = dir.resolve("bad.conll");
    Files.writeString(conll, "a\tO\nb\tX-PER\n\nc\tB-LOC\td\n\ne\t?\tO\nf\tO\tO\n\ng\tB-PER\n");
    List<CorpusFormatException> errors = Fixtures.errors(conll, ReadOptions.defaults());
    assertEquals(3, errors.size(), errors.toString());
    assertEquals(2, errors.get(0).line());
    assertEquals("column 2", errors.get(0).field());
    assertTrue(errors.get(0).getMessage().contains("X-PER"));
    assertEquals(4, errors.get(1).line());
    assertEquals("column 3", errors.get(1).field());
    assertEquals(6, errors.get(2).line());
    assertTrue(errors.get(2).getMessage().contains("mixes '?'"));
    // the good sentence after the bad ones is still read
    assertEquals(1, Fixtures.readAll(conll, ReadOptions.defaults().withSkipInvalid(true)).size());

    Path names = dir.resolve("bad.opennlp");
    Files.writeString(names, "<START:a> x <START:b> y <END> <END>\n<END> z\n<START:a> open\n"
        + "<START:a> <END> empty\n");
    List<CorpusFormatException> nameErrors = Fixtures.errors(names, ReadOptions.defaults());
    assertEquals(List.of(1L, 2L, 3L, 4L), nameErrors.stream().map(e -> e.line()).toList());
    assertEquals("<START>", nameErrors.get(0).field());
    assertEquals("<END>", nameErrors.get(1).field());
  }

  private static void assertOccurrence(AnnotatedExample e, String id, String text, String target,
      int start, int end, Map<String, Integer> votes, int annotators) {
    assertEquals(id, e.id());
    assertEquals(text, e.text());
    assertEquals(target, e.target());
    assertEquals(start, e.start());
    assertEquals(end, e.end());
    assertEquals(votes, e.votes());
    assertEquals(annotators, e.annotators());
    int total = votes.values().stream().mapToInt(Integer::intValue).sum();
    for (Map.Entry<String, Integer> v : votes.entrySet()) {
      assertEquals(v.getValue() / (double) total, e.labels().get(v.getKey()), 1e-15);
    }
  }
}
