package dev.entdist.corpora;

import java.io.IOException;
import java.util.Deque;

/** Streams a JSONL corpus one line at a time (see {@link JsonlFormat}). */
final class JsonlReader extends AbstractCorpusReader {

  JsonlReader(LineSource lines, ReadOptions options) {
    super(lines, options);
  }

  @Override
  public CorpusFormat format() {
    return CorpusFormat.JSONL;
  }

  @Override
  boolean readRecord(Deque<AnnotatedExample> out) throws IOException, CorpusFormatException {
    String line = lines.nextNonBlank();
    if (line == null) {
      return false;
    }
    out.add(JsonlFormat.parseLine(line, lines.source(), lines.lineNumber()));
    return true;
  }
}
