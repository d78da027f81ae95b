package dev.entdist.corpora;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value from a streaming parser straight into plain Java values: {@code String},
 * {@code Integer}, {@code Long} or {@code BigInteger} (the smallest that holds an integer),
 * {@code Double}, {@code Boolean}, {@code null}, {@code LinkedHashMap} (keys in the order of the
 * input) and {@code ArrayList} — the values Jackson's data binding gives for {@code Object.class},
 * without building a tree first. On the way it notes the first key or string that holds a lone
 * UTF-16 surrogate, and where.
 */
final class JsonValues {

  private String surrogateField;
  private String surrogateMessage;

  /**
   * The value that starts at {@code token} (the parser's current token), read to its end.
   *
   * @throws IOException when the parser finds invalid JSON (a duplicated key, with strict
   *     duplicate detection)
   */
  Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        // nextFieldName(), as Jackson's tree reader uses it, words syntax errors as it does.
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
          if (surrogateMessage == null && JsonlFormat.loneSurrogate(key) >= 0) {
            surrogateField = path(parser.getParsingContext().getParent());
            surrogateMessage = "has a key holding a lone surrogate, which is not a Unicode"
                + " character";
          }
          object.put(key, read(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(read(parser, t));
        }
        return array;
      }
      case VALUE_STRING: {
        String text = parser.getText();
        if (surrogateMessage == null) {
          int at = JsonlFormat.loneSurrogate(text);
          if (at >= 0) {
            surrogateField = path(parser.getParsingContext());
            surrogateMessage = "holds a lone surrogate \\u"
                + String.format("%04X", (int) text.charAt(at)) + " at character " + at
                + ", which is not a Unicode character";
          }
        }
        return text;
      }
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalStateException("unexpected JSON token " + token);
    }
  }

  /** Whether a key or string read so far holds a lone surrogate. */
  boolean foundLoneSurrogate() {
    return surrogateMessage != null;
  }

  /**
   * The field of the first lone surrogate: the path of the string, or of the object whose key
   * holds it ({@code null} for a key of the outermost object).
   */
  String loneSurrogateField() {
    return surrogateField;
  }

  /** What is wrong with the first lone surrogate. */
  String loneSurrogateMessage() {
    return surrogateMessage;
  }

  /**
   * The path of the value the context is at, as {@code labels.x}, {@code tags[2]} or {@code
   * a[0].b}; {@code null} outside the outermost object.
   */
  private static String path(JsonStreamContext context) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(c);
    }
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (int i = chain.size() - 1; i >= 0; i--) {
      JsonStreamContext c = chain.get(i);
      if (c.inArray()) {
        sb.append('[').append(c.getCurrentIndex()).append(']');
        any = true;
      } else if (c.getCurrentName() != null) {
        sb.append(any ? "." : "").append(c.getCurrentName());
        any = true;
      }
    }
    return any ? sb.toString() : null;
  }
}
