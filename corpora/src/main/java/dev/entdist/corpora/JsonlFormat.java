package dev.entdist.corpora;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
    Map<String, Object> node = parseObject(line, source, lineNumber);
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
    Object n = node.get("n_annotators");
    if (n == null) {
      int total = 0;
      for (int count : votes.values()) {
        total += count;
      }
      annotators = annotations.isEmpty() ? Math.max(1, total) : distinctAnnotators(annotations);
    } else if (n instanceof Integer count && count >= 1) {
      annotators = count;
    } else {
      throw new CorpusFormatException(source, lineNumber, "n_annotators",
          "must be an integer >= 1, got " + json(n));
    }
    Map<String, Object> extra = new TreeMap<>();
    for (Map.Entry<String, Object> f : node.entrySet()) {
      if (!KNOWN.contains(f.getKey())) {
        extra.put(f.getKey(), f.getValue());
      }
    }
    try {
      return new AnnotatedExample(id, text, target, start, end, labels, votes, annotators, extra,
          annotations);
    } catch (IllegalArgumentException e) {
      throw new CorpusFormatException(source, lineNumber, "labels", e.getMessage());
    }
  }

  private static int distinctAnnotators(List<Annotation> annotations) {
    Set<String> seen = new HashSet<>();
    for (Annotation a : annotations) {
      seen.add(a.annotator());
    }
    return seen.size();
  }

  /**
   * One JSON object and nothing after it on the line (a second object or stray text would be
   * silently dropped otherwise), read into plain values ({@link JsonValues}); a duplicated key is
   * named with its path, and so is a lone UTF-16 surrogate (from a {@code \uD800} escape) in any
   * key or string: it is not a Unicode character, and UTF-8 output would turn it into {@code ?}.
   */
  private static Map<String, Object> parseObject(String line, String source, long lineNumber)
      throws CorpusFormatException {
    try (JsonParser parser = MAPPER.createParser(line)) {
      JsonValues values = new JsonValues();
      Object value;
      try {
        JsonToken first = parser.nextToken();
        value = first == null ? null : values.read(parser, first);
      } catch (StreamReadException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
          throw new CorpusFormatException(source, lineNumber, path(parser.getParsingContext()),
              "appears twice in one object; a JSON key may appear once");
        }
        throw new CorpusFormatException(source, lineNumber, null, "invalid JSON: " + message);
      }
      if (!(value instanceof Map)) {
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
      if (values.foundLoneSurrogate()) {
        throw new CorpusFormatException(source, lineNumber, values.loneSurrogateField(),
            values.loneSurrogateMessage());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) value;
      return object;
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

  /** A value as JSON, for messages ({@code null} for a missing one). */
  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
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
    StringWriter out = new StringWriter();
    try (JsonGenerator g = generator(out)) {
      JsonlWriter.writeObject(e, g);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  /** Writes every example, one line each, each line ending in {@code \n}. */
  public static void write(Iterable<AnnotatedExample> examples, Writer out) throws IOException {
    JsonlWriter writer = new JsonlWriter(out);
    for (AnnotatedExample e : examples) {
      writer.write(e);
    }
    writer.flush();
  }

  /** A generator writing JSON to {@code out} (it flushes, but never closes, {@code out}). */
  static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator g = MAPPER.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    g.setRootValueSeparator(null);
    return g;
  }

  /** An extra field's value as Jackson's tree model would hold it (for writing it back). */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static String text(Map<String, Object> node, String field, String source, long line,
      boolean required) throws CorpusFormatException {
    Object v = node.get(field);
    if (v == null) {
      if (required) {
        throw new CorpusFormatException(source, line, field, "is missing");
      }
      return null;
    }
    if (!(v instanceof String text)) {
      throw new CorpusFormatException(source, line, field, "must be a string, got " + json(v));
    }
    if (required && text.isEmpty()) {
      throw new CorpusFormatException(source, line, field, "is empty");
    }
    return text;
  }

  private static int integer(Map<String, Object> node, String field, String source, long line)
      throws CorpusFormatException {
    Object v = node.get(field);
    if (v == null) {
      throw new CorpusFormatException(source, line, field, "is missing");
    }
    if (!(v instanceof Integer i)) {
      throw new CorpusFormatException(source, line, field, "must be an integer, got " + json(v));
    }
    return i;
  }

  private static List<Annotation> annotations(Map<String, Object> node, String source, long line)
      throws CorpusFormatException {
    Object v = node.get("annotations");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new CorpusFormatException(source, line, "annotations",
          "must be an array of {\"annotator\": …, \"label\": …} objects");
    }
    List<Annotation> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object a = list.get(i);
      if (!(a instanceof Map<?, ?> answer)) {
        throw new CorpusFormatException(source, line, "annotations[" + i + "]",
            "must be an object {\"annotator\": …, \"label\": …}, got " + json(a));
      }
      Object who = answer.get("annotator");
      String annotator = who instanceof String s ? s
          : who instanceof Integer || who instanceof Long || who instanceof BigInteger
              ? who.toString() : null;
      if (annotator == null || annotator.isEmpty()) {
        throw new CorpusFormatException(source, line, "annotations[" + i + "].annotator",
            "must be a non-empty string or an integer, got " + json(who));
      }
      Object label = answer.get("label");
      if (!(label instanceof String name) || name.isEmpty()) {
        throw new CorpusFormatException(source, line, "annotations[" + i + "].label",
            "must be a non-empty string, got " + json(label));
      }
      out.add(new Annotation(annotator, name));
    }
    return out;
  }

  private static Map<String, Integer> votes(Map<String, Object> node, String source, long line)
      throws CorpusFormatException {
    Object v = node.get("votes");
    Map<String, Integer> votes = new LinkedHashMap<>();
    if (v == null) {
      return votes;
    }
    if (!(v instanceof Map<?, ?> counts)) {
      throw new CorpusFormatException(source, line, "votes", "must be an object of counts");
    }
    for (Map.Entry<?, ?> f : counts.entrySet()) {
      String name = (String) f.getKey();
      requireLabelName(name, "votes", source, line);
      if (!(f.getValue() instanceof Integer c) || c < 0) {
        throw new CorpusFormatException(source, line, "votes." + name,
            "must be a non-negative integer, got " + json(f.getValue()));
      }
      votes.put(name, c);
    }
    return votes;
  }

  private static Map<String, Double> labels(Map<String, Object> node, Map<String, Integer> votes,
      String source, long line) throws CorpusFormatException {
    Object v = node.get("labels");
    Map<String, Double> labels = new LinkedHashMap<>();
    if (v == null) {
      long total = 0;
      for (int count : votes.values()) {
        total += count;
      }
      if (total == 0) {
        throw new CorpusFormatException(source, line, "labels",
            "is missing (and there are no votes to derive it from)");
      }
      for (Map.Entry<String, Integer> c : votes.entrySet()) {
        labels.put(c.getKey(), c.getValue() / (double) total);
      }
      return labels;
    }
    if (!(v instanceof Map<?, ?> probabilities) || probabilities.isEmpty()) {
      throw new CorpusFormatException(source, line, "labels",
          "must be a non-empty object of label probabilities");
    }
    double sum = 0;
    for (Map.Entry<?, ?> f : probabilities.entrySet()) {
      String name = (String) f.getKey();
      requireLabelName(name, "labels", source, line);
      double p = f.getValue() instanceof Number number ? number.doubleValue() : Double.NaN;
      if (!Double.isFinite(p) || p < 0) {
        throw new CorpusFormatException(source, line, "labels." + name,
            "must be a finite number >= 0, got " + json(f.getValue()));
      }
      labels.put(name, p);
      sum += p;
    }
    if (Math.abs(sum - 1.0) > 1e-6) {
      throw new CorpusFormatException(source, line, "labels",
          "probabilities sum to " + sum + ", not 1 (tolerance 1e-6)");
    }
    return labels;
  }
}
