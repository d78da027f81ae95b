package dev.entdist.corpora;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** Streams the bundled corpus, word resource by word resource, as JSONL. */
final class BundledReader implements CorpusReader {

  private final Iterator<String> words;
  private final ReadOptions options;
  private CorpusReader current;
  private long skippedBefore;
  private final List<CorpusFormatException> errorsBefore = new ArrayList<>();

  private final MessageDigest digest = CorpusFiles.sha256();

  BundledReader(List<String> words, ReadOptions options) throws IOException {
    this.words = words.iterator();
    this.options = options.withFormat(CorpusFormat.JSONL);
    try (InputStream index = BundledCorpus.resource("index.txt")) {
      digest.update(index.readAllBytes());
    }
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
      DigestInputStream in = new DigestInputStream(BundledCorpus.resource(name), digest);
      current = new JsonlReader(new LineSource(in, BundledCorpus.NAME + ":" + name,
          options.maxLineLength(), in), options);
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
  public CorpusFormat format() {
    return CorpusFormat.JSONL;
  }

  @Override
  public String checksum() {
    try {
      return "sha256:" + HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the SHA-256 digest cannot be copied", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
    }
  }
}
