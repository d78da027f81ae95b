package dev.entdist.corpora;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Streams Label Studio's JSON export of a span-labelling project, one task at a time. The file is
 * a JSON array of tasks; a task has {@code id}, {@code data.text} and {@code annotations} (older
 * exports: {@code completions}), each annotation {@code completed_by} (a number, a string, or an
 * object with {@code id}), {@code was_cancelled} and {@code result}: items of {@code type}
 * {@code labels} with {@code id} and {@code value.start}, {@code value.end}, {@code value.text}
 * and {@code value.labels} (one label). Other result types (choices, relations, …) and {@code
 * predictions} are ignored; cancelled annotations are skipped.
 *
 * <p>Every distinct span some annotator marked becomes one occurrence; every annotator with a
 * non-cancelled annotation of the task answers for it, with the label they gave that exact span
 * or {@link ReadOptions#noneLabel()}. Offsets count code points in current exports and UTF-16
 * units in older ones: a span is read as code points when {@code value.text} matches that
 * reading, else as UTF-16 units when that matches, else refused naming the task and the result.
 */
final class LabelStudioReader implements CorpusReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final InputStream in;
  private JsonParser parser;
  private final String source;
  private final ReadOptions options;
  private final Deque<AnnotatedExample> pending = new ArrayDeque<>();
  private final List<CorpusFormatException> errors = new ArrayList<>();
  private boolean started;
  private boolean done;
  private int taskIndex;
  private long skipped;

  private final java.security.DigestInputStream digested;

  LabelStudioReader(InputStream in, String source, ReadOptions options) throws IOException {
    this(in, source, options, null);
  }

  /**
   * @param digested the raw stream under {@code in} whose SHA-256 {@link #checksum()} reports,
   *     or {@code null}
   */
  LabelStudioReader(InputStream in, String source, ReadOptions options,
      java.security.DigestInputStream digested) throws IOException {
    this.in = in;
    this.source = source;
    this.options = options;
    this.digested = digested;
  }

  @Override
  public CorpusFormat format() {
    return CorpusFormat.LABEL_STUDIO;
  }

  @Override
  public String checksum() {
    if (digested == null) {
      return null;
    }
    try {
      java.security.MessageDigest d =
          (java.security.MessageDigest) digested.getMessageDigest().clone();
      return "sha256:" + java.util.HexFormat.of().formatHex(d.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  @Override
  public AnnotatedExample next() throws IOException, CorpusFormatException {
    while (true) {
      while (!pending.isEmpty()) {
        AnnotatedExample e = pending.poll();
        e = options.dropO() ? AbstractCorpusReader.dropO(e, options.noneLabel()) : e;
        if (e != null) {
          return e;
        }
      }
      if (done) {
        return null;
      }
      try {
        readTask();
      } catch (CorpusFormatException e) {
        pending.clear();
        if (!options.skipInvalid() || done) {
          throw e;
        }
        skipped++;
        if (errors.size() < AbstractCorpusReader.KEPT_ERRORS) {
          errors.add(e);
        }
      }
    }
  }

  private void readTask() throws IOException, CorpusFormatException {
    JsonNode task;
    long line;
    try {
      if (!started) {
        started = true;
        // Creating the parser reads the first bytes (to detect the encoding), so it happens here,
        // where a damaged input becomes a CorpusFormatException.
        parser = new JsonFactory(MAPPER).createParser(in);
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_ARRAY) {
          done = true;
          throw new CorpusFormatException(source, 1, null, "is not a Label Studio JSON export"
              + " (a JSON array of tasks); got " + (first == null ? "nothing" : first));
        }
      }
      JsonToken token = parser.nextToken();
      line = currentLine();
      if (token == JsonToken.END_ARRAY || token == null) {
        done = true;
        return;
      }
      task = MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      done = true;
      long at = e.getLocation() == null ? currentLine()
          : e.getLocation().getLineNr();
      throw new CorpusFormatException(source, Math.max(1, at), null,
          "invalid JSON: " + e.getOriginalMessage());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      done = true;
      throw new CorpusFormatException(source, Math.max(1, currentLine()),
          null, "compressed data is damaged or truncated (" + e.getMessage() + ")");
    } catch (java.io.CharConversionException e) {
      done = true;
      throw new CorpusFormatException(source, Math.max(1, currentLine()),
          null, "invalid text encoding: " + e.getMessage());
    }
    int index = taskIndex++;
    if (!task.isObject()) {
      throw new CorpusFormatException(source, line, "task " + index, "is not a JSON object");
    }
    readTask(task, index, line);
  }

  private void readTask(JsonNode task, int index, long line) throws CorpusFormatException {
    JsonNode idNode = task.get("id");
    String taskId = idNode != null && (idNode.isIntegralNumber() || idNode.isTextual())
        ? idNode.asText() : "#" + index;
    String where = "task " + taskId;
    JsonNode text = task.path("data").get("text");
    if (text == null || !text.isTextual() || text.asText().isEmpty()) {
      throw new CorpusFormatException(source, line, where + " data.text",
          "is missing or not a non-empty string (entdist reads the text field 'text')");
    }
    JsonNode annotations = task.has("annotations") ? task.get("annotations")
        : task.get("completions");
    if (annotations == null || annotations.isNull()) {
      return;
    }
    if (!annotations.isArray()) {
      throw new CorpusFormatException(source, line, where + " annotations", "is not an array");
    }
    SpanVotes votes = new SpanVotes(text.asText(), options.noneLabel());
    for (int a = 0; a < annotations.size(); a++) {
      JsonNode annotation = annotations.get(a);
      String field = where + " annotations[" + a + "]";
      if (annotation.path("was_cancelled").asBoolean(false)) {
        continue;
      }
      String who = annotator(annotation.get("completed_by"), field, line);
      votes.annotator(who);
      JsonNode results = annotation.get("result");
      if (results == null || results.isNull()) {
        continue;
      }
      if (!results.isArray()) {
        throw new CorpusFormatException(source, line, field + ".result", "is not an array");
      }
      for (JsonNode r : results) {
        mark(votes, who, text.asText(), r, where, line);
      }
    }
    pending.addAll(votes.occurrences(taskId, Map.of("task", taskId)));
  }

  private String annotator(JsonNode by, String field, long line) throws CorpusFormatException {
    JsonNode id = by != null && by.isObject() ? by.get("id") : by;
    if (id == null || !(id.isIntegralNumber() || id.isTextual()) || id.asText().isEmpty()) {
      throw new CorpusFormatException(source, line, field + ".completed_by",
          "must be an annotator id (a number, or an object with 'id'), got " + by);
    }
    return id.asText();
  }

  private void mark(SpanVotes votes, String who, String text, JsonNode r, String where,
      long line) throws CorpusFormatException {
    JsonNode value = r.get("value");
    boolean spanLabels = "labels".equals(r.path("type").asText())
        || (!r.has("type") && value != null && value.has("labels"));
    if (!spanLabels) {
      return;
    }
    String resultId = r.path("id").asText("?");
    String field = where + " result '" + resultId + "'";
    JsonNode start = value == null ? null : value.get("start");
    JsonNode end = value == null ? null : value.get("end");
    if (start == null || end == null || !start.canConvertToInt() || !end.canConvertToInt()
        || !start.isIntegralNumber() || !end.isIntegralNumber()) {
      throw new CorpusFormatException(source, line, field + " value.start/end",
          "must be integers, got " + start + " and " + end);
    }
    JsonNode labels = value.get("labels");
    if (labels == null || !labels.isArray() || labels.size() != 1 || !labels.get(0).isTextual()
        || labels.get(0).asText().isEmpty()) {
      throw new CorpusFormatException(source, line, field + " value.labels",
          "must hold exactly one label, got " + labels);
    }
    JsonNode shown = value.get("text");
    int[] span = Offsets.codePointSpan(text, start.intValue(), end.intValue(),
        shown != null && shown.isTextual() ? shown.asText() : null);
    if (span == null) {
      throw new CorpusFormatException(source, line, field + " value.text",
          Offsets.mismatch(text, start.intValue(), end.intValue(),
              shown == null ? null : shown.asText()));
    }
    String before = votes.mark(who, span[0], span[1], labels.get(0).asText());
    if (before != null) {
      throw new CorpusFormatException(source, line, field + " value.labels",
          "annotator " + who + " gave the span [" + span[0] + ", " + span[1] + ") both '"
              + before + "' and '" + labels.get(0).asText() + "'");
    }
  }

  private long currentLine() {
    return parser == null ? 1 : parser.currentLocation().getLineNr();
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public List<CorpusFormatException> skippedErrors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() throws IOException {
    if (parser != null) {
      parser.close();
    }
    in.close();
  }
}
