package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The streaming JSONL writer: field order, extra fields of every kind, one object a line. */
class JsonlWriterTest {

  private static final ObjectMapper TREE = new ObjectMapper();

  private static AnnotatedExample with(Map<String, Object> extra, Map<String, Integer> votes,
      List<Annotation> answers) {
    return new AnnotatedExample("a", "a cell", "cell", 2, 6, Map.of("x", 0.25, "y", 0.75), votes,
        3, extra, answers);
  }

  @Test
  void ownFieldsComeInTheDocumentedOrderThenExtraFieldsByName() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("zeta", List.of(1, 2.5, "s"));
    extra.put("alpha", null);
    AnnotatedExample e = with(extra, Map.of("x", 1, "y", 2), List.of(new Annotation("w1", "y"),
        new Annotation("w0", "x"), new Annotation("w2", "y")));
    assertEquals("{\"id\":\"a\",\"text\":\"a cell\",\"target\":\"cell\",\"start\":2,\"end\":6,"
        + "\"labels\":{\"x\":0.25,\"y\":0.75},\"votes\":{\"x\":1,\"y\":2},\"n_annotators\":3,"
        + "\"annotations\":[{\"annotator\":\"w1\",\"label\":\"y\"},{\"annotator\":\"w0\","
        + "\"label\":\"x\"},{\"annotator\":\"w2\",\"label\":\"y\"}],\"alpha\":null,"
        + "\"zeta\":[1,2.5,\"s\"]}", JsonlFormat.toLine(e));
  }

  @Test
  void anExtraFieldNamedLikeAnOwnFieldTakesItsPlaceOrComesWithTheExtras() {
    Map<String, Object> extra = Map.of("id", "shadow", "votes", Map.of("k", 1), "zz", 1);
    assertEquals("{\"id\":\"shadow\",\"text\":\"a cell\",\"target\":\"cell\",\"start\":2,"
        + "\"end\":6,\"labels\":{\"x\":0.25,\"y\":0.75},\"n_annotators\":3,\"votes\":{\"k\":1},"
        + "\"zz\":1}", JsonlFormat.toLine(with(extra, Map.of(), List.of())));
  }

  /** Values the JSONL reader never makes are written as Jackson's tree model renders them. */
  @Test
  void otherValuesAreWrittenAsTheTreeModelWritesThem() throws Exception {
    Map<Integer, String> numberKeys = new TreeMap<>(Map.of(2, "two", 1, "one"));
    Map<String, Object> extra = Map.of("decimal", new BigDecimal("1.50"), "float", 1.5f,
        "set", new TreeSet<>(List.of("b", "a")), "keys", numberKeys,
        "nested", List.of(Map.of("d", new BigDecimal("2.0"))));
    String line = JsonlFormat.toLine(with(extra, Map.of(), List.of()));
    for (Map.Entry<String, Object> f : new TreeMap<>(extra).entrySet()) {
      String expected = "\"" + f.getKey() + "\":" + TREE.writeValueAsString(
          TREE.valueToTree(f.getValue()));
      assertTrue(line.contains(expected), expected + " in " + line);
    }
  }

  @Test
  void everyOccurrenceIsOneLineWithNothingBetweenThem() throws Exception {
    List<AnnotatedExample> examples = List.of(with(Map.of(), Map.of(), List.of()),
        with(Map.of("n", 1), Map.of("y", 1), List.of(new Annotation("w", "y"))),
        AnnotatedExample.of("b", "x cell", "cell", 2, 6, Map.of("x", 1.0)));
    StringWriter out = new StringWriter();
    JsonlFormat.write(examples, out);
    StringWriter streamed = new StringWriter();
    try (CorpusWriter w = CorpusFiles.writer(streamed, CorpusFormat.JSONL, false, "x")) {
      for (AnnotatedExample e : examples) {
        w.write(e);
      }
      w.finish();
    }
    StringBuilder expected = new StringBuilder();
    for (AnnotatedExample e : examples) {
      expected.append(JsonlFormat.toLine(e)).append('\n');
    }
    assertEquals(expected.toString(), out.toString());
    assertEquals(expected.toString(), streamed.toString());
    assertEquals(examples, JsonlFormat.read(new java.io.StringReader(out.toString()), "x")
        .examples());
  }
}
