package dev.entdist.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.pipeline.Annotation;
import dev.entdist.pipeline.PredictionLine;
import dev.entdist.pipeline.TextModel;
import dev.entdist.pipeline.WordDistribution;
import dev.entdist.trainer.Provenance;
import java.util.Map;

/**
 * The JSON of a model's answers, shared by the command line ({@code query --json}, {@code
 * predict}) and the HTTP server, so that both speak the same keys: snake_case, distributions as
 * label → probability with the most probable label first, entropies in nats, and a value that is
 * not finite written as the string {@code "Infinity"}, {@code "-Infinity"} or {@code "NaN"}.
 */
public final class JsonAnswers {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonAnswers() {}

  /** A new empty object to fill. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * A query answer, the keys of {@code entdist query --json}: {@code word}, {@code distribution}
   * (the {@code top} most probable labels, all when {@code top} is null), {@code entropy_nats} and
   * its alias {@code entropy}, {@code known_word}, and with a context {@code context} and {@code
   * occurrence}. The entropy is that of the whole distribution, whatever {@code top} shows.
   */
  public static ObjectNode query(WordDistribution d, Integer top) {
    ObjectNode o = object();
    o.put("word", d.word());
    putDistribution(o, d.sortedDescending(), top);
    double h = d.entropy();
    put(o, "entropy_nats", h);
    put(o, "entropy", h);
    o.put("known_word", d.knownWord());
    if (d.context() != null) {
      o.put("context", d.context());
      o.put("occurrence", d.occurrence());
    }
    return o;
  }

  /**
   * One occurrence found in a document, the keys of an {@code entdist predict} line: {@code doc},
   * {@code start}, {@code end} (code points), {@code surface}, {@code word}, {@code known_word},
   * {@code distribution} (the {@code top} most probable labels, all when null) and {@code
   * entropy} (nats, of the whole distribution). Rendered by {@link PredictionLine}, which the
   * command line and the Spark job write predict lines with.
   */
  public static ObjectNode occurrence(String doc, Annotation a, Integer top) {
    return PredictionLine.occurrence(doc, a, top);
  }

  /** What a model is: its labels, its training words and its provenance. */
  public static ObjectNode model(TextModel model) {
    ObjectNode o = object();
    ArrayNode labels = o.putArray("labels");
    model.labels().forEach(labels::add);
    ArrayNode words = o.putArray("words");
    model.words().forEach(words::add);
    o.set("provenance", provenance(model.provenance()));
    return o;
  }

  /** The provenance of a model, as {@code entdist model info --json} prints it. */
  public static ObjectNode provenance(Provenance p) {
    ObjectNode pn = object();
    pn.put("corpus_checksum", p.corpusChecksum());
    pn.put("regime", p.regime());
    put(pn, "lambda", p.lambda());
    pn.put("seed", p.seed());
    pn.put("optimizer", p.optimizer());
    pn.put("iterations", p.iterations());
    put(pn, "final_objective", p.finalObjective());
    pn.put("converged", p.converged());
    pn.put("entdist_version", p.entdistVersion());
    ObjectNode deps = pn.putObject("dependency_versions");
    p.dependencyVersions().forEach(deps::put);
    pn.put("date", p.date());
    return pn;
  }

  /** Puts a double; a value that is not finite becomes a string, so the JSON stays valid. */
  public static void put(ObjectNode o, String key, double value) {
    PredictionLine.put(o, key, value);
  }

  private static void putDistribution(ObjectNode o, Map<String, Double> sorted, Integer top) {
    ObjectNode d = o.putObject("distribution");
    int n = 0;
    for (Map.Entry<String, Double> e : sorted.entrySet()) {
      if (top != null && n++ >= top) {
        break;
      }
      put(d, e.getKey(), e.getValue());
    }
  }
}
