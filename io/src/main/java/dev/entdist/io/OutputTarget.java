package dev.entdist.io;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * Where one output goes, as the user named it, and the one way every entdist writer writes it:
 *
 * <ul>
 *   <li>{@code -} is standard output;
 *   <li>a name that is (or leads through symbolic links to) standard output or standard error,
 *       such as {@code /dev/stdout} or {@code /proc/self/fd/1}, writes to that stream;
 *   <li>a pipe, a character device or another special file is written straight through;
 *   <li>a regular file, or a name that does not exist yet, is written to a hidden temporary file
 *       beside it and moved into place when complete, so a failure never leaves half a file. A
 *       symbolic link is followed: the file it points to is replaced and the link stays a link.
 *       The new file keeps the permissions (and, where the process may, the owner) of the file
 *       it replaces; a new file gets the permissions the umask gives.
 * </ul>
 *
 * <p>{@link #checkWritable()} and {@link #requireDistinctFrom} let a command refuse an output
 * before it starts its work, in one line that names the output and the reason.
 */
public final class OutputTarget {

  /** The name that means standard output (and, for inputs, standard input). */
  public static final String STANDARD_STREAM = "-";

  /** Names temporary files only; it has no influence on what is written. */
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_LINKS = 40;

  private final String name;
  private final Path path;

  private OutputTarget(String name, Path path) {
    this.name = name;
    this.path = path;
  }

  /** The output named {@code name}: {@code -} for standard output, otherwise a path. */
  public static OutputTarget of(String name) {
    Objects.requireNonNull(name, "name");
    return STANDARD_STREAM.equals(name) ? standardOutput() : new OutputTarget(name, Path.of(name));
  }

  /** The output at {@code path} (a path named {@code -} is standard output). */
  public static OutputTarget of(Path path) {
    Objects.requireNonNull(path, "path");
    return STANDARD_STREAM.equals(path.toString()) ? standardOutput()
        : new OutputTarget(path.toString(), path);
  }

  /** Standard output. */
  public static OutputTarget standardOutput() {
    return new OutputTarget(STANDARD_STREAM, null);
  }

  /** The name as the user gave it, for messages. */
  public String name() {
    return name;
  }

  /** The path, or {@code null} for standard output. */
  public Path path() {
    return path;
  }

  /** Whether this is {@code -}. */
  public boolean isStandardOutput() {
    return path == null;
  }

  /**
   * Checks, before any work, that this output can be written: not a directory, not below a
   * regular file, in a directory where a file can be created (a file is created there and
   * deleted), not under {@code /proc}. Directories that do not exist yet are not created here.
   *
   * @return this target
   * @throws OutputTargetException naming the output and the reason
   */
  public OutputTarget checkWritable() throws OutputTargetException {
    Resolution r = resolve();
    if (r.kind == Kind.SPECIAL && !Files.isWritable(r.file)) {
      throw refused("permission denied");
    }
    if (r.kind != Kind.REPLACE) {
      return this;
    }
    Path existing = existingDirectory(r.file);
    Path probe = null;
    try {
      probe = createTemporary(existing, r.file.getFileName().toString());
    } catch (IOException e) {
      throw refused(reason(e, existing), e);
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // The probe is empty and hidden; failing to delete it changes nothing written.
        }
      }
    }
    return this;
  }

  /**
   * Refuses this output when it is one of {@code inputs} (compared by real path and by file
   * identity, so a link or a hard link to an input is caught). Standard output, pipes and devices
   * are never refused; inputs that do not exist, {@code null} and {@code -} are ignored.
   *
   * @return this target
   * @throws OutputTargetException naming the output and the input
   */
  public OutputTarget requireDistinctFrom(Collection<Path> inputs) throws OutputTargetException {
    if (path == null) {
      return this;
    }
    Resolution r = resolve();
    if (r.kind != Kind.REPLACE || !Files.exists(r.file)) {
      return this;
    }
    for (Path input : inputs) {
      if (input == null || STANDARD_STREAM.equals(input.toString()) || !Files.exists(input)) {
        continue;
      }
      boolean same;
      try {
        same = input.toRealPath().equals(r.file) || Files.isSameFile(input, r.file);
      } catch (IOException e) {
        continue;
      }
      if (same) {
        throw new OutputTargetException("refusing to write " + name + ": it is the input "
            + input + ", which writing would destroy; name another output file");
      }
    }
    return this;
  }

  /** {@link #requireDistinctFrom(Collection)} for the given inputs. */
  public OutputTarget requireDistinctFrom(Path... inputs) throws OutputTargetException {
    return requireDistinctFrom(Arrays.asList(inputs));
  }

  /**
   * Starts writing: the returned output's stream takes the bytes, {@link PendingOutput#commit()}
   * makes them the output and {@link PendingOutput#close()} without a commit discards them.
   *
   * @throws OutputTargetException when the output cannot be written (see {@link #checkWritable})
   * @throws IOException when opening fails otherwise
   */
  public PendingOutput open() throws IOException {
    Resolution r = resolve();
    switch (r.kind) {
      case STANDARD_OUTPUT:
        return PendingOutput.direct(this, System.out, false);
      case FILE_DESCRIPTOR:
        System.out.flush();
        System.err.flush();
        return PendingOutput.direct(this, new FileOutputStream(r.descriptor), false);
      case SPECIAL:
        return PendingOutput.direct(this, Files.newOutputStream(r.file,
            StandardOpenOption.WRITE), true);
      default:
        Path dir = r.file.getParent();
        existingDirectory(r.file);
        try {
          Files.createDirectories(dir);
        } catch (IOException e) {
          throw refused(reason(e, dir), e);
        }
        Path temp;
        FileChannel channel;
        try {
          temp = createTemporary(dir, r.file.getFileName().toString());
          channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        } catch (IOException e) {
          throw refused(reason(e, dir), e);
        }
        return PendingOutput.replacing(this, channel, temp, r.file);
    }
  }

  /** Writes the whole output with {@code content} and commits it (nothing on failure). */
  public void write(StreamContent content) throws IOException {
    try (PendingOutput out = open()) {
      try (OutputStream stream = out.stream()) {
        content.writeTo(stream);
      }
      out.commit();
    }
  }

  /**
   * Writes the whole output with {@code content}, which fills a file by its path (for libraries
   * that only write to paths), and commits it. For standard output, pipes and devices the file is
   * a temporary one that is then copied through and deleted.
   */
  public void writeFile(FileContent content) throws IOException {
    try (PendingOutput out = open()) {
      Path temp = out.temporaryFile();
      if (temp != null) {
        content.writeTo(temp);
      } else {
        Path scratch = Files.createTempFile("entdist-", ".out");
        try {
          content.writeTo(scratch);
          try (InputStream in = Files.newInputStream(scratch);
              OutputStream stream = out.stream()) {
            in.transferTo(stream);
          }
        } finally {
          Files.deleteIfExists(scratch);
        }
      }
      out.commit();
    }
  }

  /** Writes the bytes of an output to a stream (which the caller closes). */
  @FunctionalInterface
  public interface StreamContent {

    /** Writes everything to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Fills an existing, empty file given by its path. */
  @FunctionalInterface
  public interface FileContent {

    /** Writes everything to {@code file}. */
    void writeTo(Path file) throws IOException;
  }

  @Override
  public String toString() {
    return name;
  }

  private enum Kind { STANDARD_OUTPUT, FILE_DESCRIPTOR, SPECIAL, REPLACE }

  /** How the output is written, decided from what is on disk now. */
  private static final class Resolution {
    final Kind kind;
    final Path file;
    final FileDescriptor descriptor;

    Resolution(Kind kind, Path file, FileDescriptor descriptor) {
      this.kind = kind;
      this.file = file;
      this.descriptor = descriptor;
    }
  }

  private Resolution resolve() throws OutputTargetException {
    if (path == null) {
      return new Resolution(Kind.STANDARD_OUTPUT, null, null);
    }
    Path p = path.toAbsolutePath();
    if (Files.isDirectory(p)) {
      throw refused("it is a directory: name a file");
    }
    if (Files.exists(p)) {
      if (isSame(p, 1)) {
        return new Resolution(Kind.FILE_DESCRIPTOR, p, FileDescriptor.out);
      }
      if (isSame(p, 2)) {
        return new Resolution(Kind.FILE_DESCRIPTOR, p, FileDescriptor.err);
      }
      if (!Files.isRegularFile(p)) {
        return new Resolution(Kind.SPECIAL, p, null);
      }
      try {
        return new Resolution(Kind.REPLACE, p.toRealPath(), null);
      } catch (IOException e) {
        throw refused(reason(e, p), e);
      }
    }
    Path target = p;
    try {
      for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(target); i++) {
        target = target.resolveSibling(Files.readSymbolicLink(target));
      }
    } catch (IOException e) {
      throw refused(reason(e, target), e);
    }
    if (target.getParent() == null) {
      throw refused("it names no file");
    }
    return new Resolution(Kind.REPLACE, target, null);
  }

  /** The nearest existing ancestor of {@code file}, which must be a directory. */
  private Path existingDirectory(Path file) throws OutputTargetException {
    Path existing = file.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw refused("no part of its directory exists");
    }
    if (!Files.isDirectory(existing)) {
      throw refused(existing + " is a file, not a directory");
    }
    return existing;
  }

  /** Whether {@code p} is the same file as this process's file descriptor {@code fd}. */
  private static boolean isSame(Path p, int fd) {
    Path descriptor = Path.of("/proc/self/fd/" + fd);
    try {
      return Files.exists(descriptor) && Files.isSameFile(p, descriptor);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * Creates an empty hidden file with a random name in {@code dir}. {@code CREATE_NEW}, unlike
   * {@link Files#createTempFile}, gives it the permissions the umask gives any new file.
   */
  private static Path createTemporary(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
          + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            .close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static String reason(IOException e, Path where) {
    String place = where.toString();
    if (place.equals("/proc") || place.startsWith("/proc/") || place.equals("/sys")
        || place.startsWith("/sys/")) {
      return place.startsWith("/proc") ? "/proc is a kernel file system that cannot hold files"
          : "/sys is a kernel file system that cannot hold files";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied in " + where;
    }
    if (e instanceof NoSuchFileException) {
      return where + " does not exist";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + where + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private OutputTargetException refused(String reason) {
    return new OutputTargetException("cannot write " + name + ": " + reason);
  }

  private OutputTargetException refused(String reason, Throwable cause) {
    return new OutputTargetException("cannot write " + name + ": " + reason, cause);
  }
}
