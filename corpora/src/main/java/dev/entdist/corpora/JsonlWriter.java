package dev.entdist.corpora;

import java.io.IOException;
import java.io.Writer;

/** Writes JSONL, one line per occurrence, exactly as {@link JsonlFormat#toLine} renders it. */
final class JsonlWriter implements CorpusWriter {

  private final Writer out;

  JsonlWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(AnnotatedExample example) throws IOException {
    out.write(JsonlFormat.toLine(example));
    out.write('\n');
  }

  @Override
  public long omitted() {
    return 0;
  }

  @Override
  public void finish() throws IOException {
    out.close();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
