package dev.entdist.corpora;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes through a temporary file and moves it over the target only when finished. */
final class AtomicCorpusWriter implements CorpusWriter {

  private final CorpusWriter delegate;
  private final Path temp;
  private final Path target;
  private boolean finished;

  AtomicCorpusWriter(CorpusWriter delegate, Path temp, Path target) {
    this.delegate = delegate;
    this.temp = temp;
    this.target = target;
  }

  @Override
  public void write(AnnotatedExample example) throws IOException, CorpusFormatException {
    delegate.write(example);
  }

  @Override
  public long omitted() {
    return delegate.omitted();
  }

  @Override
  public void finish() throws IOException, CorpusFormatException {
    delegate.finish();
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    finished = true;
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      try {
        delegate.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
