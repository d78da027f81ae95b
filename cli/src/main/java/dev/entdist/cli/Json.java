package dev.entdist.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * JSON output of every {@code --json} command: snake_case keys chosen by the caller, one object
 * per line, and an infinite value written as the string {@code "Infinity"} (NaN as {@code "NaN"})
 * so the output stays valid JSON.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule().addSerializer(Double.class, new DoubleSerializer()));

  private Json() {}

  /** A new empty object to fill. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts a double, infinite values as strings. */
  static void put(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.put(key, Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
  }

  /** Writes one value as a line. */
  static void println(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class DoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    DoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double v, com.fasterxml.jackson.core.JsonGenerator g,
        com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
      if (Double.isFinite(v)) {
        g.writeNumber(v);
      } else {
        g.writeString(v.isNaN() ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
      }
    }
  }
}
