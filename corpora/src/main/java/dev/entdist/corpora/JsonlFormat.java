package dev.entdist.corpora;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The native corpus format: one JSON object a line, e.g.
 *
 * <pre>{"id":"c-17","text":"He was locked in his cell.","target":"cell","start":21,"end":25,
 * "labels":{"prison":0.8,"biology":0.2},"votes":{"prison":4,"biology":1},"n_annotators":5}</pre>
 *
 * <p>Offsets count code points. {@code labels} holds probabilities; a line with only {@code votes}
 * gets labels = votes / total. An optional {@code annotations} array names each annotator's
 * answer, {@code [{"annotator":"a17","label":"PER"}, …]}; without {@code votes} the votes are
 * counted from it (with them, they must agree), without {@code labels} the labels are the vote
 * proportions, and {@code n_annotators} defaults to the number of distinct annotators. Unknown
 * fields are kept in {@link AnnotatedExample#extra()} and written back. Blank lines are skipped.
 */
public final class JsonlFormat {

  /**
   * Strict: a key twice in one object is an error (it would silently take the last value), and
   * so is anything after the object on its line ({@link #parseLine} checks that).
   */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final Set<String> KNOWN =
      Set.of("id", "text", "target", "start", "end", "labels", "votes", "n_annotators",
          "annotations");

  private JsonlFormat() {}

  /**
   * Reads a whole JSONL file. Lines are bounded by {@link ReadOptions#DEFAULT_MAX_LINE_LENGTH}
   * and invalid UTF-8 is reported with its line, as the streaming readers do.
   */
  public static Corpus read(Path file) throws IOException, CorpusFormatException {
    ReadOptions options = ReadOptions.defaults().withFormat(CorpusFormat.JSONL);
    LineSource lines = new LineSource(Files.newInputStream(file), file.toString(),
        options.maxLineLength());
    CorpusReader opened;
    try {
      opened = new JsonlReader(lines, options);
    } catch (RuntimeException | Error e) {
      try {
        lines.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    try (CorpusReader reader = opened) {
      List<AnnotatedExample> out = new ArrayList<>();
      for (AnnotatedExample e = reader.next(); e != null; e = reader.next()) {
        out.add(e);
      }
      return new Corpus(file.toString(), out);
    }
  }

  /** Reads JSONL from a reader; {@code source} names it in messages. */
  public static Corpus read(Reader reader, String source)
      throws IOException, CorpusFormatException {
    BufferedReader in =
        reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<AnnotatedExample> out = new ArrayList<>();
    String line;
    long number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      out.add(parseLine(line, source, number));
    }
    return new Corpus(source, out);
  }

  /** Parses one line; {@code source} and {@code lineNumber} name it in messages. */
  public static AnnotatedExample parseLine(String line, String source, long lineNumber)
      throws CorpusFormatException {
    JsonNode node = parseObject(line, source, lineNumber);
    requireUnicode(node, null, source, lineNumber);
    String id = text(node, "id", source, lineNumber, false);
    if (id == null) {
      id = "line-" + lineNumber;
    }
    String text = text(node, "text", source, lineNumber, true);
    String target = text(node, "target", source, lineNumber, true);
    int start = integer(node, "start", source, lineNumber);
    int end = integer(node, "end", source, lineNumber);
    int length = text.codePointCount(0, text.length());
    if (start < 0 || start >= length) {
      throw new CorpusFormatException(source, lineNumber, "start",
          start + " is outside the text (" + length + " code points)");
    }
    if (end <= start || end > length) {
      throw new CorpusFormatException(source, lineNumber, "end",
          end + " is outside (" + start + ", " + length + "]");
    }
    String span = AnnotatedExample.codePointSubstring(text, start, end);
    if (!span.equals(target)) {
      throw new CorpusFormatException(source, lineNumber, "target",
          "the span [" + start + ", " + end + ") is '" + span + "', not '" + target + "'");
    }
    List<Annotation> annotations = annotations(node, source, lineNumber);
    Map<String, Integer> votes = votes(node, source, lineNumber);
    if (!annotations.isEmpty()) {
      Map<String, Integer> counted = AnnotatedExample.countVotes(annotations);
      if (votes.isEmpty()) {
        votes.putAll(counted);
      } else if (!new TreeMap<>(votes).equals(counted)) {
        throw new CorpusFormatException(source, lineNumber, "votes",
            new TreeMap<>(votes) + " are not the counts " + counted + " of the annotations");
      }
    }
    Map<String, Double> labels = labels(node, votes, source, lineNumber);
    for (Map.Entry<String, Integer> v : votes.entrySet()) {
      if (v.getValue() > 0 && labels.getOrDefault(v.getKey(), 0.0) == 0) {
        throw new CorpusFormatException(source, lineNumber, "labels", "gives '" + v.getKey()
            + "' no probability, but votes give it " + v.getValue() + ": labels contradict votes");
      }
    }
    int annotators;
    JsonNode n = node.get("n_annotators");
    if (n == null || n.isNull()) {
      int total = votes.values().stream().mapToInt(Integer::intValue).sum();
      annotators = annotations.isEmpty() ? Math.max(1, total)
          : (int) annotations.stream().map(Annotation::annotator).distinct().count();
    } else if (n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 1) {
      annotators = n.intValue();
    } else {
      throw new CorpusFormatException(source, lineNumber, "n_annotators",
          "must be an integer >= 1, got " + n);
    }
    Map<String, Object> extra = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!KNOWN.contains(f.getKey())) {
        extra.put(f.getKey(), MAPPER.convertValue(f.getValue(), Object.class));
      }
    }
    try {
      return new AnnotatedExample(id, text, target, start, end, labels, votes, annotators, extra,
          annotations);
    } catch (IllegalArgumentException e) {
      throw new CorpusFormatException(source, lineNumber, "labels", e.getMessage());
    }
  }

  /**
   * One JSON object and nothing after it on the line (a second object or stray text would be
   * silently dropped otherwise); a duplicated key is named with its path.
   */
  private static JsonNode parseObject(String line, String source, long lineNumber)
      throws CorpusFormatException {
    try (JsonParser parser = MAPPER.createParser(line)) {
      JsonNode node;
      try {
        node = MAPPER.readTree(parser);
      } catch (StreamReadException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
          throw new CorpusFormatException(source, lineNumber, path(parser.getParsingContext()),
              "appears twice in one object; a JSON key may appear once");
        }
        throw new CorpusFormatException(source, lineNumber, null, "invalid JSON: " + message);
      }
      if (node == null || !node.isObject()) {
        throw new CorpusFormatException(source, lineNumber, null, "not a JSON object");
      }
      JsonToken after;
      try {
        after = parser.nextToken();
      } catch (StreamReadException e) {
        after = JsonToken.NOT_AVAILABLE;
      }
      if (after != null) {
        throw new CorpusFormatException(source, lineNumber, null, "holds more after the JSON"
            + " object (a second object or stray text): one object a line");
      }
      return node;
    } catch (IOException e) {
      throw new CorpusFormatException(source, lineNumber, null, "invalid JSON: " + e.getMessage());
    }
  }

  /** The dotted path of the field the parser is at, e.g. {@code labels.prison}. */
  private static String path(JsonStreamContext context) {
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.getCurrentName() != null) {
        sb.insert(0, sb.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /**
   * Refuses a lone UTF-16 surrogate (from a {@code \uD800} escape) in any key or string: it is
   * not a Unicode character, and UTF-8 output would turn it into {@code ?}.
   */
  private static void requireUnicode(JsonNode node, String path, String source, long line)
      throws CorpusFormatException {
    if (node.isTextual()) {
      int at = loneSurrogate(node.textValue());
      if (at >= 0) {
        throw new CorpusFormatException(source, line, path, "holds a lone surrogate \\u"
            + String.format("%04X", (int) node.textValue().charAt(at)) + " at character " + at
            + ", which is not a Unicode character");
      }
    } else if (node.isContainerNode()) {
      int index = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String child = path == null ? f.getKey() : path + "." + f.getKey();
        if (loneSurrogate(f.getKey()) >= 0) {
          throw new CorpusFormatException(source, line, path, "has a key holding a lone"
              + " surrogate, which is not a Unicode character");
        }
        requireUnicode(f.getValue(), child, source, line);
      }
      if (node.isArray()) {
        for (JsonNode element : node) {
          requireUnicode(element, (path == null ? "" : path) + "[" + index++ + "]", source, line);
        }
      }
    }
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Label names are written as TSV headers and CoNLL tags: a tab, a line end or another control
   * character would break every such file, so it is refused where it is read.
   */
  private static void requireLabelName(String name, String field, String source, long line)
      throws CorpusFormatException {
    if (name.isEmpty()) {
      throw new CorpusFormatException(source, line, field, "has an empty label name");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new CorpusFormatException(source, line, field + "." + name.replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"), "label name holds a control character"
            + " (tab, line end, …), which would break TSV and CoNLL outputs");
      }
    }
  }

  /** Writes one example as a JSON line (no newline), fields in the documented order. */
  public static String toLine(AnnotatedExample e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", e.id());
    o.put("text", e.text());
    o.put("target", e.target());
    o.put("start", e.start());
    o.put("end", e.end());
    ObjectNode labels = o.putObject("labels");
    e.labels().forEach(labels::put);
    if (!e.votes().isEmpty()) {
      ObjectNode votes = o.putObject("votes");
      e.votes().forEach(votes::put);
    }
    o.put("n_annotators", e.annotators());
    if (e.hasAnnotations()) {
      ArrayNode answers = o.putArray("annotations");
      for (Annotation a : e.annotations()) {
        answers.addObject().put("annotator", a.annotator()).put("label", a.label());
      }
    }
    e.extra().forEach((k, v) -> o.set(k, MAPPER.valueToTree(v)));
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Writes every example, one line each, each line ending in {@code \n}. */
  public static void write(Iterable<AnnotatedExample> examples, Writer out) throws IOException {
    for (AnnotatedExample e : examples) {
      out.write(toLine(e));
      out.write('\n');
    }
  }

  private static String text(JsonNode node, String field, String source, long line,
      boolean required) throws CorpusFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new CorpusFormatException(source, line, field, "is missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new CorpusFormatException(source, line, field, "must be a string, got " + v);
    }
    if (required && v.asText().isEmpty()) {
      throw new CorpusFormatException(source, line, field, "is empty");
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String field, String source, long line)
      throws CorpusFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new CorpusFormatException(source, line, field, "is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new CorpusFormatException(source, line, field, "must be an integer, got " + v);
    }
    return v.intValue();
  }

  private static List<Annotation> annotations(JsonNode node, String source, long line)
      throws CorpusFormatException {
    JsonNode v = node.get("annotations");
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new CorpusFormatException(source, line, "annotations",
          "must be an array of {\"annotator\": …, \"label\": …} objects");
    }
    List<Annotation> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode a = v.get(i);
      String field = "annotations[" + i + "]";
      if (!a.isObject()) {
        throw new CorpusFormatException(source, line, field,
            "must be an object {\"annotator\": …, \"label\": …}, got " + a);
      }
      JsonNode who = a.get("annotator");
      if (who == null || !(who.isTextual() || who.isIntegralNumber()) || who.asText().isEmpty()) {
        throw new CorpusFormatException(source, line, field + ".annotator",
            "must be a non-empty string or an integer, got " + who);
      }
      JsonNode label = a.get("label");
      if (label == null || !label.isTextual() || label.asText().isEmpty()) {
        throw new CorpusFormatException(source, line, field + ".label",
            "must be a non-empty string, got " + label);
      }
      out.add(new Annotation(who.asText(), label.asText()));
    }
    return out;
  }

  private static Map<String, Integer> votes(JsonNode node, String source, long line)
      throws CorpusFormatException {
    JsonNode v = node.get("votes");
    Map<String, Integer> votes = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return votes;
    }
    if (!v.isObject()) {
      throw new CorpusFormatException(source, line, "votes", "must be an object of counts");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      requireLabelName(f.getKey(), "votes", source, line);
      JsonNode c = f.getValue();
      if (!c.isIntegralNumber() || !c.canConvertToInt() || c.intValue() < 0) {
        throw new CorpusFormatException(source, line, "votes." + f.getKey(),
            "must be a non-negative integer, got " + c);
      }
      votes.put(f.getKey(), c.intValue());
    }
    return votes;
  }

  private static Map<String, Double> labels(JsonNode node, Map<String, Integer> votes,
      String source, long line) throws CorpusFormatException {
    JsonNode v = node.get("labels");
    Map<String, Double> labels = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      long total = votes.values().stream().mapToLong(Integer::longValue).sum();
      if (total == 0) {
        throw new CorpusFormatException(source, line, "labels",
            "is missing (and there are no votes to derive it from)");
      }
      votes.forEach((k, c) -> labels.put(k, c / (double) total));
      return labels;
    }
    if (!v.isObject() || v.isEmpty()) {
      throw new CorpusFormatException(source, line, "labels",
          "must be a non-empty object of label probabilities");
    }
    double sum = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      requireLabelName(f.getKey(), "labels", source, line);
      JsonNode p = f.getValue();
      if (!p.isNumber() || !Double.isFinite(p.doubleValue()) || p.doubleValue() < 0) {
        throw new CorpusFormatException(source, line, "labels." + f.getKey(),
            "must be a finite number >= 0, got " + p);
      }
      labels.put(f.getKey(), p.doubleValue());
      sum += p.doubleValue();
    }
    if (Math.abs(sum - 1.0) > 1e-6) {
      throw new CorpusFormatException(source, line, "labels",
          "probabilities sum to " + sum + ", not 1 (tolerance 1e-6)");
    }
    return labels;
  }
}
