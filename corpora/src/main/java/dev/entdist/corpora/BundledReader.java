package dev.entdist.corpora;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Streams the bundled corpus, word resource by word resource, as JSONL. */
final class BundledReader implements CorpusReader {

  private final Iterator<String> words;
  private final ReadOptions options;
  private CorpusReader current;
  private long skippedBefore;
  private final List<CorpusFormatException> errorsBefore = new ArrayList<>();

  BundledReader(List<String> words, ReadOptions options) {
    this.words = words.iterator();
    this.options = options.withFormat(CorpusFormat.JSONL);
  }

  @Override
  public AnnotatedExample next() throws IOException, CorpusFormatException {
    while (true) {
      if (current != null) {
        AnnotatedExample e = current.next();
        if (e != null) {
          return e;
        }
        skippedBefore += current.skipped();
        errorsBefore.addAll(current.skippedErrors());
        current.close();
        current = null;
      }
      if (!words.hasNext()) {
        return null;
      }
      String name = words.next() + ".jsonl";
      InputStream in = BundledCorpus.resource(name);
      current = new JsonlReader(new LineSource(in, BundledCorpus.NAME + ":" + name,
          options.maxLineLength()), options);
    }
  }

  @Override
  public String source() {
    return BundledCorpus.NAME;
  }

  @Override
  public long skipped() {
    return skippedBefore + (current == null ? 0 : current.skipped());
  }

  @Override
  public List<CorpusFormatException> skippedErrors() {
    List<CorpusFormatException> all = new ArrayList<>(errorsBefore);
    if (current != null) {
      all.addAll(current.skippedErrors());
    }
    return List.copyOf(all.subList(0, Math.min(all.size(), AbstractCorpusReader.KEPT_ERRORS)));
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
    }
  }
}
