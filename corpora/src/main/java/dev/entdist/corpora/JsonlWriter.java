package dev.entdist.corpora;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes JSONL, one line per occurrence, streaming each object through one Jackson generator:
 * the fields in the documented order ({@code id}, {@code text}, {@code target}, {@code start},
 * {@code end}, {@code labels}, {@code votes} when there are any, {@code n_annotators}, {@code
 * annotations} when there are any), then the extra fields by name. An extra field with the name
 * of one of these takes its place.
 */
final class JsonlWriter implements CorpusWriter {

  private static final Set<String> WRITTEN =
      Set.of("id", "text", "target", "start", "end", "labels", "votes", "n_annotators",
          "annotations");

  private final Writer out;
  private JsonGenerator generator;

  JsonlWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(AnnotatedExample example) throws IOException {
    if (generator == null) {
      generator = JsonlFormat.generator(out);
    }
    writeObject(example, generator);
    generator.writeRaw('\n');
  }

  /** Hands what the generator holds to the output, without flushing or closing the output. */
  void flush() throws IOException {
    if (generator != null) {
      generator.flush();
    }
  }

  @Override
  public long omitted() {
    return 0;
  }

  @Override
  public void finish() throws IOException {
    flush();
    out.close();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Writes one occurrence as one JSON object (see the class description for the order). */
  static void writeObject(AnnotatedExample e, JsonGenerator g) throws IOException {
    Map<String, Object> extra = e.extra();
    boolean shadowed = false;
    for (String name : extra.keySet()) {
      shadowed |= WRITTEN.contains(name);
    }
    g.writeStartObject();
    if (shadowed) {
      writeShadowed(e, g);
    } else {
      g.writeStringField("id", e.id());
      g.writeStringField("text", e.text());
      g.writeStringField("target", e.target());
      g.writeNumberField("start", e.start());
      g.writeNumberField("end", e.end());
      writeLabels(e, g);
      if (!e.votes().isEmpty()) {
        writeVotes(e, g);
      }
      g.writeNumberField("n_annotators", e.annotators());
      if (e.hasAnnotations()) {
        writeAnnotations(e, g);
      }
    }
    for (Map.Entry<String, Object> f : extra.entrySet()) {
      if (!WRITTEN.contains(f.getKey()) || !written(e, f.getKey())) {
        g.writeFieldName(f.getKey());
        writeValue(f.getValue(), g);
      }
    }
    g.writeEndObject();
  }

  /** The rare occurrence with an extra field named like a field of its own. */
  private static void writeShadowed(AnnotatedExample e, JsonGenerator g) throws IOException {
    for (String name : List.of("id", "text", "target", "start", "end", "labels", "votes",
        "n_annotators", "annotations")) {
      if (!written(e, name)) {
        continue;
      }
      if (e.extra().containsKey(name)) {
        g.writeFieldName(name);
        writeValue(e.extra().get(name), g);
        continue;
      }
      switch (name) {
        case "id" -> g.writeStringField("id", e.id());
        case "text" -> g.writeStringField("text", e.text());
        case "target" -> g.writeStringField("target", e.target());
        case "start" -> g.writeNumberField("start", e.start());
        case "end" -> g.writeNumberField("end", e.end());
        case "labels" -> writeLabels(e, g);
        case "votes" -> writeVotes(e, g);
        case "n_annotators" -> g.writeNumberField("n_annotators", e.annotators());
        default -> writeAnnotations(e, g);
      }
    }
  }

  /** Whether the occurrence's own field {@code name} is written (votes and answers may not be). */
  private static boolean written(AnnotatedExample e, String name) {
    return switch (name) {
      case "votes" -> !e.votes().isEmpty();
      case "annotations" -> e.hasAnnotations();
      default -> true;
    };
  }

  private static void writeLabels(AnnotatedExample e, JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("labels");
    for (Map.Entry<String, Double> p : e.labels().entrySet()) {
      g.writeNumberField(p.getKey(), p.getValue());
    }
    g.writeEndObject();
  }

  private static void writeVotes(AnnotatedExample e, JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("votes");
    for (Map.Entry<String, Integer> c : e.votes().entrySet()) {
      g.writeNumberField(c.getKey(), c.getValue());
    }
    g.writeEndObject();
  }

  private static void writeAnnotations(AnnotatedExample e, JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("annotations");
    for (Annotation a : e.annotations()) {
      g.writeStartObject();
      g.writeStringField("annotator", a.annotator());
      g.writeStringField("label", a.label());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /**
   * Writes an extra field's value: the plain values the reader makes ({@link JsonValues}) are
   * streamed; anything else goes through Jackson's tree model, as it always did.
   */
  private static void writeValue(Object v, JsonGenerator g) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object element : list) {
        writeValue(element, g);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map && stringKeys(map)) {
      g.writeStartObject();
      for (Map.Entry<?, ?> f : map.entrySet()) {
        g.writeFieldName((String) f.getKey());
        writeValue(f.getValue(), g);
      }
      g.writeEndObject();
    } else {
      g.writeTree(JsonlFormat.tree(v));
    }
  }

  private static boolean stringKeys(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
