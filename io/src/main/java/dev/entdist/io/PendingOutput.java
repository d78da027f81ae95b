package dev.entdist.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;

/**
 * One output being written: bytes go to {@link #stream()}, and {@link #commit()} makes them the
 * output. For a regular file the stream fills a hidden temporary file beside it, which {@code
 * commit} flushes to disk and moves over the file (keeping the old file's permissions, and its
 * owner where the process may); {@link #close()} without a commit deletes the temporary file and
 * leaves the old file as it was. For standard output, a pipe or a device the bytes go straight
 * through and {@code commit} only flushes.
 */
public final class PendingOutput implements Closeable {

  private final OutputTarget target;
  private final OutputStream stream;
  private final FileChannel channel;
  private final Path temp;
  private final Path file;
  private final boolean ownsStream;
  private boolean written;
  private boolean committed;
  private boolean closed;

  private PendingOutput(OutputTarget target, OutputStream stream, FileChannel channel, Path temp,
      Path file, boolean ownsStream) {
    this.target = target;
    this.ownsStream = ownsStream;
    this.stream = stream;
    this.channel = channel;
    this.temp = temp;
    this.file = file;
  }

  /**
   * Bytes straight to {@code stream} (standard output, a pipe, a device); {@code ownsStream}: close
   * it when done (a device opened for this output), else only flush it (standard output).
   */
  static PendingOutput direct(OutputTarget target, OutputStream stream, boolean ownsStream) {
    return new PendingOutput(target, stream, null, null, null, ownsStream);
  }

  /** Bytes to the temporary file {@code temp}, moved over {@code file} on commit. */
  static PendingOutput replacing(OutputTarget target, FileChannel channel, Path temp, Path file) {
    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    return new PendingOutput(target, out, channel, temp, file, true);
  }

  /** Where the bytes go until {@link #commit()}; closing it does not commit. */
  public OutputStream stream() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        stream.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        stream.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        stream.flush();
      }

      @Override
      public void close() throws IOException {
        stream.flush();
      }
    };
  }

  /** The temporary file being filled, or {@code null} when bytes go straight through. */
  Path temporaryFile() {
    return temp;
  }

  /** Makes what was written the output (see the class description). */
  public void commit() throws IOException {
    commitAll(List.of(this));
  }

  /**
   * Commits several outputs so that none is replaced unless all were written completely: every
   * stream is flushed and synced first, and only then is each moved into place.
   */
  public static void commitAll(List<PendingOutput> outputs) throws IOException {
    for (PendingOutput p : outputs) {
      p.finishWriting();
    }
    for (PendingOutput p : outputs) {
      p.moveIntoPlace();
    }
  }

  private void finishWriting() throws IOException {
    if (closed) {
      throw new IllegalStateException("output " + target.name() + " was already closed");
    }
    if (written) {
      return;
    }
    stream.flush();
    if (channel != null) {
      channel.force(true);
    }
    if (ownsStream) {
      stream.close();
    }
    written = true;
  }

  private void moveIntoPlace() throws IOException {
    if (temp != null && !committed) {
      keepAttributes();
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    committed = true;
    closed = true;
  }

  /** Gives the temporary file the mode, and where possible the owner, of the file it replaces. */
  private void keepAttributes() {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      PosixFileAttributes old = view.readAttributes();
      Files.setPosixFilePermissions(temp, old.permissions());
      PosixFileAttributeView tempView =
          Files.getFileAttributeView(temp, PosixFileAttributeView.class);
      PosixFileAttributes now = tempView.readAttributes();
      if (!now.owner().equals(old.owner())) {
        tempView.setOwner(old.owner());
      }
      if (!now.group().equals(old.group())) {
        tempView.setGroup(old.group());
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Only the owner or root may give a file away; the new file then keeps the writer's.
    }
  }

  /** Without a commit: deletes the temporary file and leaves the output as it was. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (ownsStream) {
        stream.close();
      } else {
        stream.flush();
      }
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
