package dev.entdist.corpora;

import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for opening a corpus by name: a file path in any supported format
 * (chosen by {@link ReadOptions#format()}, else by extension, else by the first non-blank line),
 * or the word {@code bundled} for the corpus inside the jar. A file ending in {@code .gz} is
 * decompressed on the fly.
 */
public final class CorpusFiles {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusFiles.class);
  /** Names temporary files only; it has no influence on what is written. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private CorpusFiles() {}

  /**
   * Reads a whole corpus into memory. Skipped records (with {@link ReadOptions#skipInvalid()})
   * are logged; use {@link #load} to get their count.
   */
  public static Corpus read(String fileOrBundled, ReadOptions options)
      throws IOException, CorpusFormatException {
    return load(fileOrBundled, options).corpus();
  }

  /** Reads a whole corpus into memory and reports what was skipped. */
  public static LoadedCorpus load(String fileOrBundled, ReadOptions options)
      throws IOException, CorpusFormatException {
    try (CorpusReader reader = open(fileOrBundled, options)) {
      List<AnnotatedExample> examples = new ArrayList<>();
      for (AnnotatedExample e = reader.next(); e != null; e = reader.next()) {
        examples.add(e);
      }
      if (reader.skipped() > 0) {
        LOG.warn("{}: skipped {} invalid record(s)", reader.source(), reader.skipped());
      }
      return new LoadedCorpus(new Corpus(reader.source(), examples), reader.skipped(),
          reader.skippedErrors());
    }
  }

  /** Opens a corpus as a stream of occurrences (for validating or converting large files). */
  public static CorpusReader open(String fileOrBundled, ReadOptions options)
      throws IOException, CorpusFormatException {
    if (BundledCorpus.NAME.equals(fileOrBundled)) {
      if (!BundledCorpus.isAvailable()) {
        throw new CorpusFormatException(BundledCorpus.NAME, 0, null,
            "the bundled corpus is not part of this build");
      }
      return new BundledReader(BundledCorpus.words(), options);
    }
    Path file = Path.of(fileOrBundled);
    CorpusFormat format = options.format() != null ? options.format()
        : detectFormat(file, options.maxLineLength());
    LineSource lines = new LineSource(stream(file), file.toString(), options.maxLineLength());
    switch (format) {
      case JSONL:
        return new JsonlReader(lines, options);
      case CONLL:
        return new ConllReader(lines, options);
      case OPENNLP:
        return new OpenNlpReader(lines, options);
      default:
        throw new IllegalStateException("unhandled format " + format);
    }
  }

  /**
   * The format of a file: by its extension ({@code .jsonl}, {@code .conll}/{@code .bio}/{@code
   * .bioes}/{@code .iob}, {@code .opennlp}), otherwise by its first non-blank line (an opening brace
   * means JSONL, {@code <START} OpenNLP, anything else CoNLL).
   *
   * @throws CorpusFormatException when the file is empty and has no telling extension
   */
  public static CorpusFormat detectFormat(Path file, int maxLineLength)
      throws IOException, CorpusFormatException {
    CorpusFormat byName = CorpusFormat.byExtension(file.getFileName().toString());
    if (byName != null) {
      return byName;
    }
    try (LineSource lines = new LineSource(stream(file), file.toString(), maxLineLength)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (!line.isBlank()) {
          return CorpusFormat.byContent(line);
        }
      }
    }
    throw new CorpusFormatException(file.toString(), 0, null,
        "is empty, so its format cannot be told: name it with --format");
  }

  /** The format {@code fileOrBundled} would be read as. */
  public static CorpusFormat formatOf(String fileOrBundled, ReadOptions options)
      throws IOException, CorpusFormatException {
    if (BundledCorpus.NAME.equals(fileOrBundled)) {
      return CorpusFormat.JSONL;
    }
    return options.format() != null ? options.format()
        : detectFormat(Path.of(fileOrBundled), options.maxLineLength());
  }

  /** A writer of {@code format} on {@code out}; {@code name} names the output in messages. */
  public static CorpusWriter writer(Writer out, CorpusFormat format, boolean argmax, String name) {
    return format == CorpusFormat.JSONL ? new JsonlWriter(out)
        : new TaggedWriter(out, format, argmax, name);
  }

  /**
   * A writer that fills a temporary file next to {@code file} and moves it into place on {@link
   * CorpusWriter#finish()}, so a failed conversion never leaves a half-written file. When {@code
   * file} is a pipe or a device (e.g. {@code /dev/stdout}) the writer writes through it instead,
   * since a move would replace it with a regular file.
   *
   * @throws IOException if {@code file} is a directory, or the output cannot be opened
   */
  public static CorpusWriter writer(Path file, CorpusFormat format, boolean argmax)
      throws IOException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null,
          "is a directory: name a file to write the corpus to");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      return writer(buffered(Files.newOutputStream(file)), format, argmax, file.toString());
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    for (int attempt = 0; ; attempt++) {
      // CREATE_NEW, unlike Files.createTempFile, gives the file the permissions the umask gives.
      Path temp = dir.resolve("." + file.getFileName() + "."
          + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      OutputStream raw;
      try {
        raw = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt < 100) {
          continue;
        }
        throw e;
      }
      try {
        return new AtomicCorpusWriter(writer(buffered(raw), format, argmax, file.toString()),
            temp, file);
      } catch (RuntimeException | Error e) {
        try {
          raw.close();
          Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }

  private static Writer buffered(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Writes a whole list of occurrences to {@code file} atomically. */
  public static long write(Path file, Iterable<AnnotatedExample> examples, CorpusFormat format,
      boolean argmax) throws IOException, CorpusFormatException {
    try (CorpusWriter w = writer(file, format, argmax)) {
      for (AnnotatedExample e : examples) {
        w.write(e);
      }
      w.finish();
      return w.omitted();
    }
  }

  private static InputStream stream(Path file) throws IOException, CorpusFormatException {
    InputStream in = Files.newInputStream(file);
    if (!file.getFileName().toString().endsWith(".gz")) {
      return in;
    }
    try {
      return new GZIPInputStream(in, 1 << 16);
    } catch (ZipException | EOFException e) {
      in.close();
      throw new CorpusFormatException(file.toString(), 0, null,
          "is not valid gzip data (" + e.getMessage() + ")");
    } catch (IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
