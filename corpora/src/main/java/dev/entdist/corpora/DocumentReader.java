package dev.entdist.corpora;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streams documents for prediction, one a line, in bounded memory: plain text (every non-blank
 * line is a document, numbered by its line) or JSONL ({@code text} required; {@code id}, {@code
 * start}/{@code end} and {@code target} optional; labels and other fields ignored). A bad line
 * raises a {@link CorpusFormatException} naming the source, the line and the field; reading can
 * go on after it.
 */
public final class DocumentReader implements Closeable {

  /** How the lines are to be read. */
  public enum Kind {
    /** One document per line, the line itself. */
    TEXT,
    /** One JSON object per line. */
    JSONL
  }

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final LineSource lines;
  private final Kind kind;

  private DocumentReader(LineSource lines, Kind kind) {
    this.lines = lines;
    this.kind = kind;
  }

  /**
   * Opens {@code file} ({@code -} for standard input; a name ending in {@code .gz} is
   * decompressed), read in one pass, so pipes and FIFOs work.
   *
   * @param maxLineLength longest line in bytes; a longer one is an error for that line only
   */
  public static DocumentReader open(String file, Kind kind, int maxLineLength)
      throws IOException {
    InputStream in;
    String source;
    if (file.equals("-")) {
      in = System.in;
      source = "<stdin>";
    } else {
      Path p = Path.of(file);
      if (Files.isDirectory(p)) {
        throw new IOException(file + " is a directory, not a file of documents");
      }
      in = Files.newInputStream(p);
      source = file;
      if (file.endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
    }
    return of(in, source, kind, maxLineLength);
  }

  /** Reads documents from a stream named {@code source} in messages. */
  public static DocumentReader of(InputStream in, String source, Kind kind, int maxLineLength) {
    return new DocumentReader(new LineSource(in, source, maxLineLength), kind);
  }

  /**
   * The next document, or {@code null} at the end of the input.
   *
   * @throws CorpusFormatException for a line that is not a document (the next call reads on)
   */
  public Document next() throws IOException, CorpusFormatException {
    while (true) {
      String line = lines.next();
      if (line == null) {
        return null;
      }
      Document d = parse(line, lines.lineNumber(), lines.source(), kind);
      if (d != null) {
        return d;
      }
    }
  }

  /**
   * The document of line {@code no} of {@code source} as {@link #next} reads it, or {@code null}
   * for a blank line: for readers that split the lines themselves (a cluster's partitions).
   *
   * @throws CorpusFormatException for a line that is not a document, naming source and line
   */
  public static Document parse(String line, long no, String source, Kind kind)
      throws CorpusFormatException {
    if (line.isBlank()) {
      return null;
    }
    return kind == Kind.TEXT ? new Document(Long.toString(no), no, line, -1, -1)
        : parseJson(line, no, source);
  }

  private static Document parseJson(String line, long no, String source)
      throws CorpusFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new CorpusFormatException(source, no, null, "invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new CorpusFormatException(source, no, null, "not a JSON object");
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      throw new CorpusFormatException(source, no, "text",
          text == null ? "is missing" : "must be a string");
    }
    String id = Long.toString(no);
    JsonNode idNode = node.get("id");
    if (idNode != null && !idNode.isNull()) {
      if (!idNode.isTextual() && !idNode.isIntegralNumber()) {
        throw new CorpusFormatException(source, no, "id", "must be a string or an integer");
      }
      id = idNode.asText();
    }
    JsonNode start = node.get("start");
    JsonNode end = node.get("end");
    if (start == null && end == null) {
      return new Document(id, no, text.asText(), -1, -1);
    }
    if (start == null || end == null) {
      throw new CorpusFormatException(source, no, start == null ? "start" : "end",
          "is missing: give both start and end, or neither");
    }
    int s = offset(start, "start", source, no);
    int e = offset(end, "end", source, no);
    String t = text.asText();
    int length = t.codePointCount(0, t.length());
    if (s >= length) {
      throw new CorpusFormatException(source, no, "start",
          s + " is outside the text (" + length + " code points)");
    }
    if (e <= s || e > length) {
      throw new CorpusFormatException(source, no, "end",
          e + " is outside (" + s + ", " + length + "]");
    }
    Document d = new Document(id, no, t, s, e);
    JsonNode target = node.get("target");
    if (target != null && !target.isNull()
        && !(target.isTextual() && target.asText().equals(d.markedText()))) {
      throw new CorpusFormatException(source, no, "target", "the span [" + s + ", " + e
          + ") is '" + d.markedText() + "', not " + target);
    }
    return d;
  }

  private static int offset(JsonNode n, String field, String source, long no)
      throws CorpusFormatException {
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
      throw new CorpusFormatException(source, no, field,
          "must be an integer >= 0 (a code point offset), got " + n);
    }
    return n.intValue();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
