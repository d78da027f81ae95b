package dev.entdist.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Document;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The line {@code predict} writes for one occurrence, in one place for every runner (the
 * command line, the Spark job): a JSON object with {@code doc}, {@code start}, {@code end},
 * {@code surface}, {@code word}, {@code known_word}, {@code distribution} (most probable first)
 * and {@code entropy}, plus {@code id} and {@code target} for a marked occurrence; or a row of
 * the peers' pred.tsv. Lines have no trailing newline.
 */
public final class PredictionLine {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PredictionLine() {}

  /**
   * The JSONL line of {@code a} found in {@code d}: {@link #occurrence}, plus {@code id} and
   * {@code target} when {@code d} is marked.
   *
   * @param top keep the {@code top} most probable labels, or all when {@code null}
   */
  public static String jsonl(Document d, Annotation a, Integer top) {
    ObjectNode o = occurrence(d.id(), a, top);
    if (d.marked()) {
      o.put("id", d.id());
      o.put("target", a.surface());
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One occurrence found in document {@code doc}, as {@code predict} lines and the server's
   * answers show it: {@code doc}, {@code start}, {@code end} (code points), {@code surface},
   * {@code word}, {@code known_word}, {@code distribution} (the {@code top} most probable labels,
   * all when {@code null}) and {@code entropy} (nats, of the whole distribution).
   */
  public static ObjectNode occurrence(String doc, Annotation a, Integer top) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("doc", doc);
    o.put("start", a.start());
    o.put("end", a.end());
    o.put("surface", a.surface());
    o.put("word", a.word());
    o.put("known_word", a.knownWord());
    ObjectNode dist = o.putObject("distribution");
    int n = 0;
    for (Map.Entry<String, Double> e : a.sortedDescending().entrySet()) {
      if (top != null && n++ >= top) {
        break;
      }
      put(dist, e.getKey(), e.getValue());
    }
    put(o, "entropy", a.entropy());
    return o;
  }

  /** The pred.tsv row of {@code a}: its probability of each label, in the model's order. */
  public static String tsv(Annotation a) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < a.distribution().size(); j++) {
      if (j > 0) {
        sb.append('\t');
      }
      sb.append(a.distribution().get(j));
    }
    return sb.toString();
  }

  /** Puts a double; a value that is not finite becomes a string, so the JSON stays valid. */
  public static void put(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.put(key, Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
  }
}
