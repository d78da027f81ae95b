package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.io.OutputTarget;
import dev.entdist.io.OutputTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JSONL lines that used to be read wrongly without a word: a second object or stray text after the
 * first, a duplicated key, labels that contradict the votes, label names that break TSV files,
 * lone surrogates. Each is refused, naming the line and the field.
 */
class StrictJsonlTest {

  private static final String GOOD = "{\"id\":\"a\",\"text\":\"my cell died\",\"target\":\"cell\","
      + "\"start\":3,\"end\":7,\"labels\":{\"phone\":0.5,\"prison\":0.5}}";

  @TempDir Path dir;

  private static CorpusFormatException refused(String line) {
    return assertThrows(CorpusFormatException.class,
        () -> JsonlFormat.parseLine(line, "c.jsonl", 7));
  }

  @Test
  void theGoodLineIsRead() throws Exception {
    assertEquals(0.5, JsonlFormat.parseLine(GOOD, "c.jsonl", 1).labels().get("phone"));
  }

  @Test
  void aSecondObjectOnTheLineIsRefused() {
    CorpusFormatException e = refused(GOOD + "{\"id\":\"b\"}");
    assertEquals(7, e.line());
    assertTrue(e.getMessage().contains("holds more after the JSON object"), e.getMessage());
  }

  @Test
  void strayTextAfterTheObjectIsRefused() {
    CorpusFormatException e = refused(GOOD + " garbage");
    assertTrue(e.getMessage().contains("holds more after the JSON object"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"start\":3,\"start\":4|start",
      "\"labels\":{\"phone\":1.0},\"labels\":{\"prison\":1.0}|labels",
      "\"labels\":{\"phone\":0.5,\"phone\":0.5}|labels.phone"})
  void aDuplicatedKeyIsRefusedByItsPath(String duplicate, String field) {
    String line = "{\"id\":\"a\",\"text\":\"my cell died\",\"target\":\"cell\",\"end\":7,"
        + "\"labels\":{\"phone\":1.0}," + duplicate + "}";
    line = line.replace("\"labels\":{\"phone\":1.0}," + duplicate.substring(0, 8),
        duplicate.substring(0, 8));
    CorpusFormatException e = refused(line);
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    assertFalse(e.getMessage().contains("sum to"), e.getMessage());
  }

  @Test
  void labelsThatContradictTheVotesAreRefused() {
    CorpusFormatException e = refused(GOOD.replace("}}",
        "},\"votes\":{\"phone\":3,\"biology\":2}}"));
    assertEquals("labels", e.field());
    assertTrue(e.getMessage().contains("'biology'") && e.getMessage().contains("contradict"),
        e.getMessage());
  }

  @Test
  void labelsThatWeighTheVotesDifferentlyAreKept() throws Exception {
    // Judged distributions may differ from the raw vote shares; only a voted label at zero
    // contradicts them.
    JsonlFormat.parseLine(GOOD.replace("}}", "},\"votes\":{\"phone\":3,\"prison\":1}}"),
        "c.jsonl", 1);
  }

  @ParameterizedTest
  @CsvSource({"'ph\tone'", "'ph\none'", "'ph\rone'", "'ph\u0001one'"})
  void labelNamesWithControlCharactersAreRefused(String name) {
    String escaped = name.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\u0001", "\\u0001");
    CorpusFormatException e = refused(GOOD.replace("\"phone\"", "\"" + escaped + "\""));
    assertEquals(7, e.line());
    assertTrue(e.getMessage().startsWith("c.jsonl:7: field 'labels.ph"), e.getMessage());
    assertTrue(e.getMessage().contains("control character"), e.getMessage());
    CorpusFormatException votes = refused(GOOD.replace("}}",
        "},\"votes\":{\"" + escaped + "\":1}}"));
    assertTrue(votes.field().startsWith("votes.ph"), votes.getMessage());
  }

  @Test
  void loneSurrogatesAreRefusedNotWrittenBackAsQuestionMarks() {
    CorpusFormatException text = refused(GOOD.replace("my cell died", "my cell died \\ud800"));
    assertEquals("text", text.field());
    assertTrue(text.getMessage().contains("lone surrogate"), text.getMessage());
    CorpusFormatException extra = refused(GOOD.replace("}}", "},\"note\":[\"\\udc00\"]}"));
    assertEquals("note[0]", extra.field());
    // A proper pair is a character and is kept.
    assertEquals(-1, JsonlFormat.loneSurrogate("\ud83d\ude00"));
  }

  @Test
  void anEmptySplitSideIsRefused() {
    List<AnnotatedExample> all = List.of(
        AnnotatedExample.of("a", "one cell", "cell", 4, 8, java.util.Map.of("x", 1.0)),
        AnnotatedExample.of("b", "two cell", "cell", 4, 8, java.util.Map.of("x", 1.0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusSplit.bySentence(all, 1e-9, 1).requireBothSides(1e-9));
    assertTrue(e.getMessage().contains("test side would be empty"), e.getMessage());
    CorpusSplit.bySentence(all, 0.5, 1).requireBothSides(0.5);
  }

  @Test
  void splitOutputsThatAreInputsAreRefusedAndTheInputKept() throws Exception {
    Path input = dir.resolve("train.jsonl");
    Files.writeString(input, GOOD + "\n");
    List<AnnotatedExample> one = List.of(JsonlFormat.parseLine(GOOD, "x", 1));
    OutputTargetException e = assertThrows(OutputTargetException.class,
        () -> CorpusFiles.writeBoth(OutputTarget.of(input), one,
            OutputTarget.of(dir.resolve("test.jsonl")), one, CorpusFormat.JSONL, false,
            List.of(input)));
    assertTrue(e.getMessage().contains("it is the input"), e.getMessage());
    assertEquals(GOOD + "\n", Files.readString(input));
    assertFalse(Files.exists(dir.resolve("test.jsonl")));
    CorpusFiles.writeBoth(OutputTarget.of(dir.resolve("a.jsonl")), one,
        OutputTarget.of(dir.resolve("b.jsonl")), one, CorpusFormat.JSONL, false, List.of(input));
    assertEquals(one, Fixtures.readAll(dir.resolve("b.jsonl"), ReadOptions.defaults()));
  }
}
