package dev.entdist.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.pipeline.Annotation;
import dev.entdist.pipeline.TextModel;
import dev.entdist.pipeline.WordDistribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of the JSON API, computed from typed requests; HTTP stays in {@link ModelServer}.
 * Every answer names the model that gave it ({@code "model"}).
 */
final class Api {

  private final Map<String, NamedModel> models = new LinkedHashMap<>();
  private final NamedModel first;

  Api(List<NamedModel> served) {
    for (NamedModel m : served) {
      models.put(m.name(), m);
    }
    first = served.get(0);
  }

  /** The answer to a query body: one object, or an array for a batch. */
  JsonNode query(byte[] body) {
    Requests.Batch<Requests.Query> batch = Requests.queries(body);
    List<JsonNode> out = new ArrayList<>(batch.items().size());
    for (int i = 0; i < batch.items().size(); i++) {
      Requests.Query q = batch.items().get(i);
      String at = batch.isBatch() ? "[" + i + "]: " : "";
      NamedModel m = model(q.model(), at);
      WordDistribution d = answer(at, () -> q.context() == null ? m.model().query(q.word())
          : m.model().query(q.word(), q.context(), q.occurrence()));
      ObjectNode o = JsonAnswers.query(d, q.top());
      o.put("model", m.name());
      out.add(o);
    }
    return result(out, batch.isBatch());
  }

  /** The answer to an annotate body: {@code {"model", "doc", "occurrences"}}, or an array. */
  JsonNode annotate(byte[] body) {
    Requests.Batch<Requests.Annotate> batch = Requests.annotations(body);
    List<JsonNode> out = new ArrayList<>(batch.items().size());
    for (int i = 0; i < batch.items().size(); i++) {
      Requests.Annotate r = batch.items().get(i);
      String at = batch.isBatch() ? "[" + i + "]: " : "";
      NamedModel m = model(r.model(), at);
      TextModel tm = m.model();
      List<Annotation> found = answer(at, () -> r.words() == null ? tm.annotate(r.text())
          : tm.annotate(r.text(), r.words()));
      String doc = r.doc() != null ? r.doc() : Integer.toString(i + 1);
      ObjectNode o = JsonAnswers.object();
      o.put("model", m.name());
      o.put("doc", doc);
      ArrayNode occurrences = o.putArray("occurrences");
      for (Annotation a : found) {
        occurrences.add(JsonAnswers.occurrence(doc, a, r.top()));
      }
      out.add(o);
    }
    return result(out, batch.isBatch());
  }

  /** {@code {"models": [{"model", "labels", "words", "provenance"}, ...]}}, the default first. */
  JsonNode describe() {
    ObjectNode o = JsonAnswers.object();
    ArrayNode list = o.putArray("models");
    for (NamedModel m : models.values()) {
      ObjectNode d = JsonAnswers.object();
      d.put("model", m.name());
      d.setAll(JsonAnswers.model(m.model()));
      list.add(d);
    }
    return o;
  }

  /** {@code {"status": "ok", "models": [names]}}. */
  JsonNode health() {
    ObjectNode o = JsonAnswers.object();
    o.put("status", "ok");
    ArrayNode names = o.putArray("models");
    models.keySet().forEach(names::add);
    return o;
  }

  /** Loads what every model needs to read text (its OpenNLP models), so requests can be answered. */
  void prepare() {
    for (NamedModel m : models.values()) {
      m.model().prepareAnalysis();
    }
  }

  /**
   * Analyses one sentence with every model, so that the first requests do not pay for loading
   * classes and compiling code; the answers do not depend on it.
   */
  void warmUp() {
    for (NamedModel m : models.values()) {
      m.model().annotate("A sentence to load the analysers.");
    }
  }

  private NamedModel model(String name, String at) {
    if (name == null) {
      return first;
    }
    NamedModel m = models.get(name);
    if (m == null) {
      throw BadRequest.of(at + "model: no model called '" + name + "'; this server has "
          + String.join(", ", models.keySet()));
    }
    return m;
  }

  /** A user error of the pipeline (a word not in its context) as a 400 naming the element. */
  private static <T> T answer(String at, java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (dev.entdist.pipeline.PipelineException | IllegalArgumentException e) {
      throw BadRequest.of(at + e.getMessage());
    }
  }

  private static JsonNode result(List<JsonNode> answers, boolean isBatch) {
    if (!isBatch) {
      return answers.get(0);
    }
    ArrayNode a = JsonAnswers.object().arrayNode();
    a.addAll(answers);
    return a;
  }
}
