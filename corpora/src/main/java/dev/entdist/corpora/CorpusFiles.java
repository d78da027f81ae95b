package dev.entdist.corpora;

import dev.entdist.io.OutputTarget;
import dev.entdist.io.PendingOutput;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for opening a corpus by name: a file path in any supported format
 * (chosen by {@link ReadOptions#format()}, else by extension, else by the first non-blank line),
 * {@code -} for standard input, or the word {@code bundled} for the corpus inside the jar. A file
 * ending in {@code .gz} is decompressed on the fly. Outputs go through {@link OutputTarget}.
 */
public final class CorpusFiles {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusFiles.class);

  /** The name that means standard input. */
  public static final String STANDARD_INPUT = "-";

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
          reader.skippedErrors(), reader.format(), reader.checksum());
    }
  }

  /**
   * Opens a corpus as a stream of occurrences (for validating or converting large files). The
   * input is opened and read exactly once, so a pipe, a FIFO, {@code /dev/stdin} or {@code -}
   * (standard input) is read whole: without a format option or a telling extension, the format is
   * told from the first non-blank line, which is then read again from a buffer. Unless {@link
   * ReadOptions#checksum()} is off, the reader also digests the bytes it reads ({@link
   * CorpusReader#checksum()}).
   *
   * @throws CorpusFormatException for a directory, an empty input whose format cannot be told,
   *     or a first line that cannot be read
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   */
  public static CorpusReader open(String fileOrBundled, ReadOptions options)
      throws IOException, CorpusFormatException {
    if (BundledCorpus.NAME.equals(fileOrBundled)) {
      if (!BundledCorpus.isAvailable()) {
        throw new CorpusFormatException(BundledCorpus.NAME, 0, null,
            "the bundled corpus is not part of this build");
      }
      return new BundledReader(BundledCorpus.words(), options);
    }
    boolean stdin = STANDARD_INPUT.equals(fileOrBundled);
    String source = stdin ? "stdin" : fileOrBundled;
    CorpusFormat given = options.format();
    if (!stdin && Files.isDirectory(Path.of(fileOrBundled))) {
      if (given == null || given == CorpusFormat.DOCCANO) {
        return openDoccano(Path.of(fileOrBundled), options);
      }
      throw new CorpusFormatException(source, 0, null, "is a directory; only a doccano export"
          + " (one file per annotator) is read from a directory: pass --format doccano");
    }
    if (!stdin && given == null && Files.isRegularFile(Path.of(fileOrBundled))
        && detectFormat(Path.of(fileOrBundled), options.maxLineLength())
            == CorpusFormat.LABEL_STUDIO) {
      given = CorpusFormat.LABEL_STUDIO;
    }
    InputStream raw = stdin ? new FilterInputStream(System.in) {
      @Override
      public void close() {
        // Standard input belongs to the process, not to this reader.
      }
    } : Files.newInputStream(Path.of(fileOrBundled));
    DigestInputStream digested = options.checksum() ? new DigestInputStream(raw, sha256()) : null;
    InputStream input = digested != null ? digested : raw;
    LineSource lines = new LineSource(decompress(input, source), source,
        options.maxLineLength(), digested);
    try {
      if (given == CorpusFormat.LABEL_STUDIO) {
        // One JSON array: read by Jackson from the raw (decompressed) stream, not by lines.
        return new LabelStudioReader(decompress(input, source), source, options, digested);
      }
      if (given == CorpusFormat.DOCCANO) {
        return new DoccanoReader(List.of(lines), source, options);
      }
      CorpusFormat format = given != null ? given
          : CorpusFormat.byExtension(stdin ? "" : Path.of(fileOrBundled).getFileName().toString());
      if (format == null) {
        String first = lines.peekNonBlank();
        if (first == null) {
          throw new CorpusFormatException(source, 0, null,
              "is empty, so its format cannot be told: name it with --format");
        }
        format = CorpusFormat.byContent(first);
        if (format == CorpusFormat.LABEL_STUDIO) {
          throw new CorpusFormatException(source, 0, null, "opens a JSON array, as a Label"
              + " Studio export does: read it with --format label-studio");
        }
      }
      return reader(format, lines, options);
    } catch (IOException | CorpusFormatException | RuntimeException | Error e) {
      try {
        lines.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static CorpusReader reader(CorpusFormat format, LineSource lines, ReadOptions options) {
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
   * A doccano export: one JSONL file, or every {@code .jsonl} (and {@code .jsonl.gz}) file of a
   * directory, by name, each named after its annotator.
   */
  private static CorpusReader openDoccano(Path file, ReadOptions options)
      throws IOException, CorpusFormatException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(file)) {
      try (java.util.stream.Stream<Path> listing = Files.list(file)) {
        listing.filter(p -> p.getFileName().toString().endsWith(".jsonl")
            || p.getFileName().toString().endsWith(".jsonl.gz")).sorted().forEach(files::add);
      }
      if (files.isEmpty()) {
        throw new CorpusFormatException(file.toString(), 0, null,
            "is a directory with no .jsonl file in it: name a corpus file, or a doccano export"
                + " directory (one .jsonl file per annotator)");
      }
    } else {
      files.add(file);
    }
    List<LineSource> sources = new ArrayList<>();
    try {
      for (Path f : files) {
        sources.add(new LineSource(decompress(Files.newInputStream(f), f.toString()), f.toString(),
            options.maxLineLength()));
      }
    } catch (IOException | CorpusFormatException | RuntimeException e) {
      for (LineSource s : sources) {
        try {
          s.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return new DoccanoReader(sources, file.toString(), options);
  }

  /**
   * The format of a file: by its extension ({@code .jsonl}, {@code .conll}/{@code .bio}/{@code
   * .bioes}/{@code .iob}, {@code .opennlp}), otherwise by its first non-blank line (an opening
   * brace means JSONL, {@code <START} OpenNLP, anything else CoNLL). A {@code .json} file that
   * opens a JSON array is a Label Studio export; a directory is a doccano export. Only a regular
   * file is looked into: a pipe would lose what was read, so for one the format is told while
   * reading it ({@link CorpusReader#format()}).
   *
   * @throws CorpusFormatException when the file is empty or not a regular file and has no telling
   *     extension
   */
  public static CorpusFormat detectFormat(Path file, int maxLineLength)
      throws IOException, CorpusFormatException {
    if (Files.isDirectory(file)) {
      return CorpusFormat.DOCCANO;
    }
    String name = file.getFileName().toString();
    CorpusFormat byName = CorpusFormat.byExtension(name);
    boolean json = name.endsWith(".json") || name.endsWith(".json.gz");
    if (byName != null && !(json && Files.isRegularFile(file))) {
      return byName;
    }
    if (byName != null) {
      return firstByte(file) == '[' ? CorpusFormat.LABEL_STUDIO : byName;
    }
    if (!Files.isRegularFile(file)) {
      throw new CorpusFormatException(file.toString(), 0, null, "is not a regular file, so its"
          + " format is told while it is read (CorpusReader.format()), or name it with --format");
    }
    try (LineSource lines = new LineSource(decompress(Files.newInputStream(file),
        file.toString()), file.toString(), maxLineLength)) {
      String first = lines.peekNonBlank();
      if (first != null) {
        return CorpusFormat.byContent(first);
      }
    }
    throw new CorpusFormatException(file.toString(), 0, null,
        "is empty, so its format cannot be told: name it with --format");
  }

  /** The first byte of a regular file that is not white space or a byte-order mark, or -1. */
  private static int firstByte(Path file) throws IOException, CorpusFormatException {
    try (InputStream in = decompress(Files.newInputStream(file), file.toString())) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
          return b;
        }
      }
      return -1;
    }
  }

  /** The format {@code fileOrBundled} would be read as (see {@link #detectFormat}). */
  public static CorpusFormat formatOf(String fileOrBundled, ReadOptions options)
      throws IOException, CorpusFormatException {
    if (BundledCorpus.NAME.equals(fileOrBundled)) {
      return CorpusFormat.JSONL;
    }
    if (options.format() != null) {
      return options.format();
    }
    if (STANDARD_INPUT.equals(fileOrBundled)) {
      throw new CorpusFormatException("stdin", 0, null, "its format is told while it is read"
          + " (CorpusReader.format()), or name it with --format");
    }
    return detectFormat(Path.of(fileOrBundled), options.maxLineLength());
  }

  /** A writer of {@code format} on {@code out}; {@code name} names the output in messages. */
  public static CorpusWriter writer(Writer out, CorpusFormat format, boolean argmax, String name) {
    if (!format.writable()) {
      throw new IllegalArgumentException(
          format.spelling() + " is read only: write jsonl, conll or opennlp");
    }
    return format == CorpusFormat.JSONL ? new JsonlWriter(out)
        : new TaggedWriter(out, format, argmax, name);
  }

  /**
   * A writer of {@code target} (see {@link OutputTarget}): a regular file is filled through a
   * temporary file and replaced on {@link CorpusWriter#finish()}, so a failed conversion never
   * leaves a half-written file; {@code -}, pipes and devices are written straight through.
   *
   * @throws IOException if {@code target} is a directory, or the output cannot be opened
   */
  public static CorpusWriter writer(OutputTarget target, CorpusFormat format, boolean argmax)
      throws IOException {
    PendingOutput output = target.open();
    try {
      return new AtomicCorpusWriter(
          writer(buffered(output.stream()), format, argmax, target.name()), output);
    } catch (RuntimeException | Error e) {
      try {
        output.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** {@link #writer(OutputTarget, CorpusFormat, boolean)} for a path. */
  public static CorpusWriter writer(Path file, CorpusFormat format, boolean argmax)
      throws IOException {
    return writer(OutputTarget.of(file), format, argmax);
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

  /**
   * Writes the two sides of a split so that neither output is replaced unless both were written
   * completely (a full disk while writing the second leaves both old files as they were).
   * Outputs that are one of {@code inputs} are refused before anything is written.
   *
   * @return the occurrences the format had no place for, over both outputs
   */
  public static long writeBoth(OutputTarget train, Iterable<AnnotatedExample> trainExamples,
      OutputTarget test, Iterable<AnnotatedExample> testExamples, CorpusFormat format,
      boolean argmax, Collection<Path> inputs) throws IOException, CorpusFormatException {
    train.requireDistinctFrom(inputs).checkWritable();
    test.requireDistinctFrom(inputs).checkWritable();
    try (AtomicCorpusWriter a = (AtomicCorpusWriter) writer(train, format, argmax);
        AtomicCorpusWriter b = (AtomicCorpusWriter) writer(test, format, argmax)) {
      for (AnnotatedExample e : trainExamples) {
        a.write(e);
      }
      for (AnnotatedExample e : testExamples) {
        b.write(e);
      }
      PendingOutput.commitAll(List.of(a.finishWriting(), b.finishWriting()));
      return a.omitted() + b.omitted();
    }
  }

  /** {@code in} itself, or decompressed when {@code name} ends in {@code .gz}. */
  private static InputStream decompress(InputStream in, String name)
      throws IOException, CorpusFormatException {
    if (!name.endsWith(".gz")) {
      return in;
    }
    try {
      return new GZIPInputStream(in, 1 << 16);
    } catch (ZipException | EOFException e) {
      in.close();
      throw new CorpusFormatException(name, 0, null,
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

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
