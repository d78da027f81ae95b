package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundTripTest {

  @TempDir Path dir;

  @Test
  void jsonlToJsonlKeepsEverythingIncludingUnknownFields() throws Exception {
    Path in = Fixtures.copy("good.jsonl", dir);
    List<AnnotatedExample> first = Fixtures.readAll(in, ReadOptions.defaults());
    assertEquals(Map.of("source", "hand-written", "tags", java.util.Arrays.asList("a", 1, null),
        "meta", Map.of("k", 2.5)), first.get(2).extra());
    Path out = dir.resolve("out/copy.jsonl");
    CorpusFiles.write(out, first, CorpusFormat.JSONL, false);
    List<AnnotatedExample> second = Fixtures.readAll(out, ReadOptions.defaults());
    assertEquals(first, second);
    Path again = dir.resolve("again.jsonl");
    CorpusFiles.write(again, second, CorpusFormat.JSONL, false);
    assertEquals(Files.readString(out), Files.readString(again));
  }

  /** fixture, format, read options: tagged → JSONL → tagged gives the same occurrences. */
  @ParameterizedTest
  @CsvSource({"multi.conll, CONLL, false", "multi.conll, CONLL, true", "bioes.conll, CONLL, false",
      "names.opennlp, OPENNLP, false", "names.opennlp, CONLL, false"})
  void taggedFilesSurviveAConversionThroughJsonl(String fixture, CorpusFormat format,
      boolean dropO) throws Exception {
    ReadOptions options = ReadOptions.defaults().withDropO(dropO);
    List<AnnotatedExample> original = Fixtures.readAll(Fixtures.copy(fixture, dir), options);
    String base = fixture.substring(0, fixture.indexOf('.'));
    Path jsonl = dir.resolve("j/" + base + ".jsonl");
    CorpusFiles.write(jsonl, original, CorpusFormat.JSONL, false);
    Path back = dir.resolve("t/" + base + "." + format.spelling());
    CorpusFiles.write(back, Fixtures.readAll(jsonl, ReadOptions.defaults()), format, false);
    assertEquals(original, Fixtures.readAll(back, options));
  }

  @Test
  void conll2003KeepsItsDocuments() throws Exception {
    ReadOptions options = ReadOptions.defaults().withTagColumn(4);
    List<AnnotatedExample> original = Fixtures.readAll(Fixtures.copy("conll2003.conll", dir),
        options);
    Path back = dir.resolve("t/conll2003.conll");
    CorpusFiles.write(back, original, CorpusFormat.CONLL, false);
    assertEquals(original, Fixtures.readAll(back, ReadOptions.defaults()));
  }

  @Test
  void softLabelsAreRefusedByOneLabelFormatsUnlessArgmaxIsAsked() throws Exception {
    List<AnnotatedExample> soft = Fixtures.readAll(Fixtures.copy("good.jsonl", dir),
        ReadOptions.defaults());
    Path out = dir.resolve("soft.opennlp");
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> CorpusFiles.write(out, soft, CorpusFormat.OPENNLP, false));
    assertTrue(e.getMessage().contains("'c-1'") && e.getMessage().contains("--argmax"),
        e.getMessage());
    assertEquals("labels", e.field());
    assertFalse(Files.exists(out), "nothing half-written survives");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    CorpusFiles.write(out, soft, CorpusFormat.OPENNLP, true);
    List<AnnotatedExample> hard = Fixtures.readAll(out, ReadOptions.defaults());
    assertEquals(soft.size(), hard.size());
    for (int i = 0; i < soft.size(); i++) {
      assertEquals(soft.get(i).target(), hard.get(i).target());
      String argmax = null;
      for (Map.Entry<String, Double> l : soft.get(i).labels().entrySet()) {
        if (argmax == null || l.getValue() > soft.get(i).labels().get(argmax)) {
          argmax = l.getKey();
        }
      }
      assertEquals(Map.of(argmax, 1.0), hard.get(i).labels());
    }
    // whitespace-separated words stay as they are
    assertEquals("She charged her cell overnight.", hard.get(0).text());
    assertEquals("The Bank raised rates; the bank of the river flooded.", hard.get(3).text());
  }

  @Test
  void aSpanEdgeInsideAWordSplitsIt() throws Exception {
    AnnotatedExample e = AnnotatedExample.of("p", "It was his cell.", "cell", 11, 15,
        Map.of("facility", 1.0));
    Path out = dir.resolve("p.conll");
    CorpusFiles.write(out, List.of(e), CorpusFormat.CONLL, false);
    AnnotatedExample back = Fixtures.readAll(out, ReadOptions.defaults()).get(0);
    assertEquals("It was his cell .", back.text());
    assertEquals("cell", back.target());
    assertEquals(e.labels(), back.labels());
  }

  @Test
  void votesWithLabelsMatchingThemBecomeOneColumnPerAnnotator() throws Exception {
    AnnotatedExample votes = new AnnotatedExample("v", "a cell here", "cell", 2, 6,
        Map.of("device", 0.5, "biology", 0.25, "O", 0.25),
        Map.of("device", 2, "biology", 1, "O", 1), 4, Map.of());
    Path out = dir.resolve("v.conll");
    CorpusFiles.write(out, List.of(votes), CorpusFormat.CONLL, false);
    assertEquals("a\tO\tO\tO\tO\ncell\tB-device\tB-device\tB-biology\tO\nhere\tO\tO\tO\tO\n\n",
        Files.readString(out));
    AnnotatedExample back = Fixtures.readAll(out, ReadOptions.defaults()).get(0);
    assertEquals(votes.labels(), back.labels());
    assertEquals(votes.votes(), back.votes());
  }

  @Test
  void overlappingNamesCannotBeWrittenAsOpenNlp() throws Exception {
    List<AnnotatedExample> overlapping = Fixtures.readAll(Fixtures.copy("bioes.conll", dir),
        ReadOptions.defaults().withDropO(true));
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> CorpusFiles.write(dir.resolve("x.opennlp"), overlapping, CorpusFormat.OPENNLP,
            false));
    assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
  }
}
