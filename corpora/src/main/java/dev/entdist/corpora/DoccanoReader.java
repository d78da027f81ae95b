package dev.entdist.corpora;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads doccano's JSONL export of a sequence-labelling project: one JSON object a line with
 * {@code text} and its spans under {@code label} or {@code entities}, each span either a triple
 * {@code [start, end, "LABEL"]} or an object {@code {"start_offset": s, "end_offset": e,
 * "label": "LABEL"}}; offsets count code points. The annotator of a line is its {@code annotator}
 * field, else its {@code user} field, else the name of its file without extension (doccano
 * exports one file per annotator; entdist reads a directory of them as one corpus). Lines of one
 * text (the same {@code id} when lines have one, else the same {@code text}) are merged: every
 * distinct span any annotator marked becomes one occurrence, and every annotator with a line for
 * the text answers for it, with the label they gave that exact span or {@link
 * ReadOptions#noneLabel()}. The whole input is read before the first occurrence is returned.
 */
final class DoccanoReader implements CorpusReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<LineSource> files;
  private final String source;
  private final ReadOptions options;
  private final Deque<CorpusFormatException> problems = new ArrayDeque<>();
  private final Deque<AnnotatedExample> pending = new ArrayDeque<>();
  private final List<CorpusFormatException> errors = new ArrayList<>();
  private boolean loaded;
  private long skipped;

  DoccanoReader(List<LineSource> files, String source, ReadOptions options) {
    this.files = List.copyOf(files);
    this.source = source;
    this.options = options;
  }

  @Override
  public CorpusFormat format() {
    return CorpusFormat.DOCCANO;
  }

  /**
   * The checksum of the one input read through a digest, or, for a directory of files, {@code
   * null} (the files are named in the reader's source; their order is by name).
   */
  @Override
  public String checksum() {
    return files.size() == 1 ? files.get(0).checksum() : null;
  }

  /** One text and the spans its annotators marked. */
  private static final class Document {
    final String id;
    final String text;
    final SpanVotes votes;

    Document(String id, String text, String none) {
      this.id = id;
      this.text = text;
      this.votes = new SpanVotes(text, none);
    }
  }

  @Override
  public AnnotatedExample next() throws IOException, CorpusFormatException {
    if (!loaded) {
      loaded = true;
      load();
    }
    while (!problems.isEmpty()) {
      CorpusFormatException e = problems.poll();
      if (!options.skipInvalid()) {
        throw e;
      }
      skipped++;
      if (errors.size() < AbstractCorpusReader.KEPT_ERRORS) {
        errors.add(e);
      }
    }
    while (!pending.isEmpty()) {
      AnnotatedExample e = pending.poll();
      e = options.dropO() ? AbstractCorpusReader.dropO(e, options.noneLabel()) : e;
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private void load() throws IOException {
    Map<String, Document> documents = new LinkedHashMap<>();
    for (LineSource lines : files) {
      String fileAnnotator = Sentences.idPrefix(lines.source());
      while (true) {
        String line;
        try {
          line = lines.nextNonBlank();
        } catch (CorpusFormatException e) {
          problems.add(e);
          continue;
        }
        if (line == null) {
          break;
        }
        try {
          readLine(line, lines.source(), lines.lineNumber(), fileAnnotator, documents);
        } catch (CorpusFormatException e) {
          problems.add(e);
        }
      }
    }
    for (Document d : documents.values()) {
      pending.addAll(d.votes.occurrences(d.id, Map.of()));
    }
  }

  private void readLine(String line, String file, long number, String fileAnnotator,
      Map<String, Document> documents) throws CorpusFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new CorpusFormatException(file, number, null, "invalid JSON: "
          + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new CorpusFormatException(file, number, null, "not a JSON object");
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual() || text.asText().isEmpty()) {
      throw new CorpusFormatException(file, number, "text", "is missing or empty");
    }
    JsonNode idNode = node.get("id");
    boolean hasId = idNode != null && (idNode.isIntegralNumber() || idNode.isTextual());
    String key = hasId ? "id " + idNode.asText() : "text " + text.asText();
    String id = hasId ? idNode.asText() : fileAnnotator + ":" + documents.size();
    Document doc = documents.get(key);
    if (doc == null) {
      doc = new Document(id, text.asText(), options.noneLabel());
    } else if (!doc.text.equals(text.asText())) {
      throw new CorpusFormatException(file, number, "text",
          "differs from the text of an earlier line with id " + idNode.asText());
    }
    String who = annotator(node, fileAnnotator, file, number);
    String field = node.has("label") ? "label" : "entities";
    JsonNode spans = node.get(field);
    List<Marked> marks = new ArrayList<>();
    if (spans != null && !spans.isNull()) {
      if (!spans.isArray()) {
        throw new CorpusFormatException(file, number, field, "is not an array of spans");
      }
      for (int s = 0; s < spans.size(); s++) {
        marks.add(span(spans.get(s), text.asText(), file, number, field + "[" + s + "]"));
      }
    }
    documents.putIfAbsent(key, doc);
    doc.votes.annotator(who);
    for (Marked m : marks) {
      String before = doc.votes.mark(who, m.start(), m.end(), m.label());
      if (before != null) {
        throw new CorpusFormatException(file, number, field, "annotator " + who
            + " gave the span [" + m.start() + ", " + m.end() + ") both '" + before + "' and '"
            + m.label() + "'");
      }
    }
  }

  private static String annotator(JsonNode node, String fileAnnotator, String file, long number)
      throws CorpusFormatException {
    for (String field : new String[] {"annotator", "user"}) {
      JsonNode who = node.get(field);
      if (who != null && !who.isNull()) {
        if (!(who.isTextual() || who.isIntegralNumber()) || who.asText().isEmpty()) {
          throw new CorpusFormatException(file, number, field,
              "must be a non-empty string or an integer, got " + who);
        }
        return who.asText();
      }
    }
    return fileAnnotator;
  }

  /** One marked span in code points. */
  private record Marked(int start, int end, String label) {}

  /** One span of a line, checked against the text. */
  private static Marked span(JsonNode s, String text, String file, long number, String field)
      throws CorpusFormatException {
    JsonNode start;
    JsonNode end;
    JsonNode label;
    if (s.isArray() && s.size() == 3) {
      start = s.get(0);
      end = s.get(1);
      label = s.get(2);
    } else if (s.isObject()) {
      start = s.get("start_offset");
      end = s.get("end_offset");
      label = s.get("label");
    } else {
      throw new CorpusFormatException(file, number, field, "must be [start, end, \"LABEL\"] or"
          + " {\"start_offset\", \"end_offset\", \"label\"}, got " + s
          + (s.isTextual() ? " (a text-classification export, which entdist does not read)"
              : ""));
    }
    if (start == null || end == null || !start.isIntegralNumber() || !end.isIntegralNumber()
        || !start.canConvertToInt() || !end.canConvertToInt()) {
      throw new CorpusFormatException(file, number, field, "offsets must be integers, got " + s);
    }
    if (label == null || !label.isTextual() || label.asText().isEmpty()) {
      throw new CorpusFormatException(file, number, field, "label must be a non-empty string,"
          + " got " + label);
    }
    int length = text.codePointCount(0, text.length());
    if (start.intValue() < 0 || end.intValue() <= start.intValue() || end.intValue() > length) {
      throw new CorpusFormatException(file, number, field, "the span [" + start.intValue() + ", "
          + end.intValue() + ") is outside the text (" + length + " code points)");
    }
    return new Marked(start.intValue(), end.intValue(), label.asText());
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
    IOException first = null;
    for (LineSource lines : files) {
      try {
        lines.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
