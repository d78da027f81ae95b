package dev.entdist.corpora;

import dev.entdist.io.PendingOutput;
import java.io.IOException;

/**
 * Writes a corpus to a {@link PendingOutput} and commits it only when finished, so a failed
 * conversion never leaves half a file.
 */
final class AtomicCorpusWriter implements CorpusWriter {

  private final CorpusWriter delegate;
  private final PendingOutput output;
  private boolean finished;

  AtomicCorpusWriter(CorpusWriter delegate, PendingOutput output) {
    this.delegate = delegate;
    this.output = output;
  }

  @Override
  public void write(AnnotatedExample example) throws IOException, CorpusFormatException {
    delegate.write(example);
  }

  @Override
  public long omitted() {
    return delegate.omitted();
  }

  /** Writes what is buffered without committing (for committing several outputs together). */
  PendingOutput finishWriting() throws IOException, CorpusFormatException {
    delegate.finish();
    finished = true;
    return output;
  }

  @Override
  public void finish() throws IOException, CorpusFormatException {
    finishWriting().commit();
  }

  @Override
  public void close() throws IOException {
    try {
      if (!finished) {
        delegate.close();
      }
    } finally {
      output.close();
    }
  }
}
