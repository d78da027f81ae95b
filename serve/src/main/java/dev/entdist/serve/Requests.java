package dev.entdist.serve;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads request bodies into typed requests: a JSON object is one request, a JSON array of objects
 * is a batch. Every refusal names the element and the field ({@code [2].word: missing}); nothing
 * here trusts the client: the body is read only up to the size limit, unknown fields are refused
 * (a misspelt {@code contxt} would otherwise be silently ignored).
 */
final class Requests {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Bytes of an oversized body read and discarded so the client sees the 413, at most. */
  private static final long DRAIN_LIMIT = 64L << 20;

  /** {@code POST /v1/query}: a word, alone or in a context. */
  record Query(String model, String word, String context, int occurrence, Integer top) {}

  /** {@code POST /v1/annotate}: every occurrence of the model's words (or {@code words}). */
  record Annotate(String model, String doc, String text, List<String> words, Integer top) {}

  private static final Set<String> QUERY_FIELDS =
      Set.of("model", "word", "context", "occurrence", "top");
  private static final Set<String> ANNOTATE_FIELDS =
      Set.of("model", "doc", "text", "words", "top");

  private Requests() {}

  /**
   * Reads a body of at most {@code maxBytes}.
   *
   * @throws BadRequest 413 when the body (or its declared length) is larger
   */
  static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
    if (declaredLength > maxBytes) {
      drain(in);
      throw tooLarge(maxBytes);
    }
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (body.length > maxBytes) {
      drain(in);
      throw tooLarge(maxBytes);
    }
    return body;
  }

  /** The query or queries of a body. */
  static Batch<Query> queries(byte[] body) {
    return batch(body, Requests::query);
  }

  /** The annotation request or requests of a body. */
  static Batch<Annotate> annotations(byte[] body) {
    return batch(body, Requests::annotate);
  }

  /**
   * The requests of a body.
   *
   * @param items the requests in order
   * @param isBatch whether the body was an array (then the answer is an array too)
   */
  record Batch<T>(List<T> items, boolean isBatch) {}

  private static <T> Batch<T> batch(byte[] body, BiFunction<ObjectNode, String, T> reader) {
    JsonNode root = parse(body);
    if (root.isObject()) {
      return new Batch<>(List.of(reader.apply((ObjectNode) root, "")), false);
    }
    if (!root.isArray()) {
      throw BadRequest.of("the body must be a JSON object, or an array of objects (a batch);"
          + " got " + kind(root));
    }
    List<T> items = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode e = root.get(i);
      if (!e.isObject()) {
        throw BadRequest.of("[" + i + "]: must be a JSON object, got " + kind(e));
      }
      items.add(reader.apply((ObjectNode) e, "[" + i + "]."));
    }
    return new Batch<>(items, true);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw BadRequest.of("the body is empty: send a JSON object");
    }
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw BadRequest.of("the body is empty: send a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column "
          + at.getColumnNr();
      throw BadRequest.of("malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw BadRequest.of("unreadable body: " + e.getMessage());
    }
  }

  private static Query query(ObjectNode o, String at) {
    known(o, QUERY_FIELDS, at);
    String word = string(o, "word", at, true);
    if (word.isBlank()) {
      throw BadRequest.of(at + "word: empty");
    }
    String context = string(o, "context", at, false);
    Integer occurrence = positive(o, "occurrence", at);
    if (occurrence != null && context == null) {
      throw BadRequest.of(at + "occurrence: needs a context (which occurrence of the word in"
          + " which sentence?)");
    }
    return new Query(string(o, "model", at, false), word, context,
        occurrence == null ? 1 : occurrence, positive(o, "top", at));
  }

  private static Annotate annotate(ObjectNode o, String at) {
    known(o, ANNOTATE_FIELDS, at);
    String text = string(o, "text", at, true);
    List<String> words = null;
    JsonNode w = o.get("words");
    if (w != null && !w.isNull()) {
      if (!w.isArray()) {
        throw BadRequest.of(at + "words: must be an array of strings, got " + kind(w));
      }
      words = new ArrayList<>();
      for (int i = 0; i < w.size(); i++) {
        if (!w.get(i).isTextual()) {
          throw BadRequest.of(at + "words[" + i + "]: must be a string, got " + kind(w.get(i)));
        }
        words.add(w.get(i).textValue());
      }
    }
    return new Annotate(string(o, "model", at, false), string(o, "doc", at, false), text,
        words, positive(o, "top", at));
  }

  private static void known(ObjectNode o, Set<String> fields, String at) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw BadRequest.of(at + f + ": unknown field; expected " + String.join(", ",
            new java.util.TreeSet<>(fields)));
      }
    }
  }

  private static String string(ObjectNode o, String field, String at, boolean required) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw BadRequest.of(at + field + ": missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw BadRequest.of(at + field + ": must be a string, got " + kind(v));
    }
    return v.textValue();
  }

  private static Integer positive(ObjectNode o, String field, String at) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw BadRequest.of(at + field + ": must be an integer, got " + kind(v));
    }
    if (v.intValue() < 1) {
      throw BadRequest.of(at + field + ": must be >= 1, got " + v.intValue());
    }
    return v.intValue();
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "the number " + v.asText();
      case BOOLEAN -> v.asText();
      case NULL -> "null";
      default -> v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static BadRequest tooLarge(long maxBytes) {
    return new BadRequest(413, "the body is larger than " + maxBytes + " bytes (the server's"
        + " --max-body): split a batch into smaller ones");
  }

  /** Reads what the client still sends, up to a bound, so that it gets to read the 413. */
  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[1 << 16];
    long total = 0;
    int n;
    while (total < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
      total += n;
    }
  }
}
