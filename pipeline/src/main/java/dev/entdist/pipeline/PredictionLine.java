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
   * The JSONL line of {@code a} found in {@code d}.
   *
   * @param top keep the {@code top} most probable labels, or all when {@code null}
   */
  public static String jsonl(Document d, Annotation a, Integer top) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("doc", d.id());
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

  /** A double, infinite values as strings (so the line stays valid JSON). */
  private static void put(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.put(key, Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
  }
}
