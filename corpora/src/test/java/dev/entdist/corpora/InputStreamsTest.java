package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs as users give them: pipes, FIFOs, standard input, devices, directories, endless lines.
 * Each input is read exactly once and whole, and the reader reports the checksum of the bytes it
 * read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InputStreamsTest {

  @TempDir Path dir;

  /** {@code rows} valid JSONL lines, about 150 bytes each (2 000 rows are well over 64 KiB). */
  static byte[] corpus(int rows) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      sb.append("{\"id\":\"r-").append(i).append("\",\"text\":\"Row ").append(i)
          .append(" says the cell was charged overnight.\",\"target\":\"cell\",\"start\":")
          .append(14 + String.valueOf(i).length()).append(",\"end\":")
          .append(18 + String.valueOf(i).length())
          .append(",\"labels\":{\"device\":0.75,\"biology\":0.25}}\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(bytes));
  }

  private Path fifo(String name) throws Exception {
    Path fifo = dir.resolve(name);
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
        "mkfifo is not available");
    return fifo;
  }

  private static CompletableFuture<Void> feed(Path fifo, byte[] bytes) {
    return CompletableFuture.runAsync(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(bytes);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
  }

  @Test
  void aFifoWithoutExtensionIsReadWholeWithTheChecksumOfItsBytes() throws Exception {
    byte[] bytes = corpus(2000);
    assertTrue(bytes.length > 2 * 65536);
    Path fifo = fifo("pipe");
    CompletableFuture<Void> writer = feed(fifo, bytes);
    LoadedCorpus loaded = CorpusFiles.load(fifo.toString(), ReadOptions.defaults());
    writer.get(30, TimeUnit.SECONDS);
    assertEquals(2000, loaded.corpus().size());
    assertEquals("r-0", loaded.corpus().examples().get(0).id());
    assertEquals(CorpusFormat.JSONL, loaded.format());
    assertEquals(sha256(bytes), loaded.checksum());
  }

  @Test
  void standardInputIsADash() throws Exception {
    byte[] bytes = corpus(2000);
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(bytes));
    LoadedCorpus loaded;
    try {
      loaded = CorpusFiles.load("-", ReadOptions.defaults());
    } finally {
      System.setIn(saved);
    }
    assertEquals(2000, loaded.corpus().size());
    assertEquals("stdin", loaded.corpus().source());
    assertEquals(sha256(bytes), loaded.checksum());
  }

  @Test
  void theChecksumOfAFileIsThatOfItsBytesCompressedOrNot() throws Exception {
    byte[] bytes = corpus(50);
    Path plain = Files.write(dir.resolve("c.jsonl"), bytes);
    assertEquals(sha256(bytes), CorpusFiles.load(plain.toString(), ReadOptions.defaults())
        .checksum());
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
      gz.write(bytes);
    }
    Path gz = Files.write(dir.resolve("c.jsonl.gz"), packed.toByteArray());
    LoadedCorpus loaded = CorpusFiles.load(gz.toString(), ReadOptions.defaults());
    assertEquals(50, loaded.corpus().size());
    assertEquals(sha256(packed.toByteArray()), loaded.checksum());
  }

  @Test
  void withoutAChecksumTheSameOccurrencesAreReadAndNoChecksumIsClaimed() throws Exception {
    byte[] bytes = corpus(50);
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
      gz.write(bytes);
    }
    for (Path file : List.of(Files.write(dir.resolve("n.jsonl"), bytes),
        Files.write(dir.resolve("n.jsonl.gz"), packed.toByteArray()))) {
      LoadedCorpus digested = CorpusFiles.load(file.toString(), ReadOptions.defaults());
      LoadedCorpus plain = CorpusFiles.load(file.toString(),
          ReadOptions.defaults().withChecksum(false));
      assertEquals(digested.corpus().examples(), plain.corpus().examples());
      assertEquals(null, plain.checksum());
      assertTrue(digested.checksum().startsWith("sha256:"), digested.checksum());
    }
  }

  @Test
  void theBundledChecksumCoversItsIndexAndEveryWordFile() throws Exception {
    assumeTrue(BundledCorpus.isAvailable());
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = BundledCorpus.resource("index.txt")) {
      md.update(in.readAllBytes());
    }
    for (String word : BundledCorpus.words()) {
      try (InputStream in = BundledCorpus.resource(word + ".jsonl")) {
        md.update(in.readAllBytes());
      }
    }
    assertEquals("sha256:" + HexFormat.of().formatHex(md.digest()),
        CorpusFiles.load(BundledCorpus.NAME, ReadOptions.defaults()).checksum());
  }

  @Test
  void devZeroIsRefusedAtOnce() throws Exception {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero));
    CorpusFormatException detecting = assertThrows(CorpusFormatException.class,
        () -> CorpusFiles.open(zero.toString(), ReadOptions.defaults()));
    assertTrue(detecting.getMessage().contains("NUL byte"), detecting.getMessage());
    List<CorpusFormatException> errors = Fixtures.errors(zero,
        ReadOptions.defaults().withFormat(CorpusFormat.JSONL));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).getMessage().startsWith("/dev/zero:1: "), errors.toString());
  }

  @Test
  void aLineWithoutEndIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'x');
        return len;
      }
    };
    try (LineSource lines = new LineSource(endless, "endless", 4096)) {
      CorpusFormatException e = assertThrows(CorpusFormatException.class, lines::next);
      assertEquals(1, e.line());
      assertTrue(e.getMessage().contains("longer than the limit of 4096 bytes"), e.getMessage());
    }
  }

  @Test
  void theLargestLineLimitDoesNotOverflow() throws Exception {
    Path file = Files.write(dir.resolve("c.jsonl"), corpus(3));
    assertEquals(3, Fixtures.readAll(file,
        ReadOptions.defaults().withMaxLineLength(Integer.MAX_VALUE)).size());
  }

  @Test
  void aDirectoryIsRefusedByName() throws Exception {
    // A directory of .jsonl files is a doccano export (ImportersTest); any other is refused.
    Path empty = Files.createDirectories(dir.resolve("no-corpus-here"));
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> CorpusFiles.open(empty.toString(), ReadOptions.defaults()));
    assertTrue(e.getMessage().startsWith(empty + ": is a directory"), e.getMessage());
  }

  @Test
  void anEmptyPipeSaysItsFormatCannotBeTold() throws Exception {
    Path fifo = fifo("empty");
    CompletableFuture<Void> writer = feed(fifo, new byte[0]);
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> CorpusFiles.open(fifo.toString(), ReadOptions.defaults()));
    writer.get(30, TimeUnit.SECONDS);
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void aPipedCoNllCorpusIsToldByItsFirstLineAndReadWhole() throws Exception {
    StringBuilder sb = new StringBuilder("\n\n");
    for (int i = 0; i < 3000; i++) {
      sb.append("The O O\ncell B-device B-biology\nrang O O\n\n");
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    Path fifo = fifo("conll");
    CompletableFuture<Void> writer = feed(fifo, bytes);
    LoadedCorpus loaded = CorpusFiles.load(fifo.toString(), ReadOptions.defaults());
    writer.get(30, TimeUnit.SECONDS);
    assertEquals(CorpusFormat.CONLL, loaded.format());
    assertEquals(3000, loaded.corpus().size());
    assertEquals(sha256(bytes), loaded.checksum());
  }

  @Test
  void theFormatOfAPipeIsNotPeekedAtSeparately() throws Exception {
    Path fifo = fifo("nopeek");
    assertThrows(CorpusFormatException.class,
        () -> CorpusFiles.detectFormat(fifo, ReadOptions.DEFAULT_MAX_LINE_LENGTH));
    assertNull(CorpusFormat.byExtension("nopeek"));
  }
}
