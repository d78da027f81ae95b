package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** broken.jsonl holds one bad line per kind of error between two good lines. */
class ValidationTest {

  @TempDir Path dir;

  private static final ReadOptions LIMIT_200 = ReadOptions.defaults().withMaxLineLength(200);

  @Test
  void everyBadLineIsReportedWithItsLineAndField() throws Exception {
    Path file = Fixtures.copy("broken.jsonl", dir);
    List<CorpusFormatException> errors = Fixtures.errors(file, LIMIT_200);
    String[][] expected = {
      {"2", null, "invalid JSON"},
      {"3", "start", "outside the text"},
      {"4", "end", "outside"},
      {"5", "target", "not 'cell'"},
      {"6", "labels.biology", "finite number >= 0"},
      {"7", "labels.device", "finite number >= 0"},
      {"8", "labels", "non-empty"},
      {"9", "labels", "sum to 0.5"},
      {"10", "votes.device", "non-negative integer"},
      {"11", "target", "missing"},
      {"12", null, "longer than the limit of 200 bytes"},
    };
    assertEquals(expected.length, errors.size(), errors.toString());
    for (int i = 0; i < expected.length; i++) {
      CorpusFormatException e = errors.get(i);
      assertEquals(Long.parseLong(expected[i][0]), e.line(), e.getMessage());
      assertEquals(expected[i][1], e.field(), e.getMessage());
      assertTrue(e.getMessage().contains(expected[i][2]), e.getMessage());
      assertTrue(e.getMessage().startsWith(file + ":" + expected[i][0] + ":"), e.getMessage());
      assertEquals(file.toString(), e.source());
    }
  }

  @Test
  void skippingCountsTheBadLinesAndKeepsTheGoodOnes() throws Exception {
    LoadedCorpus loaded = CorpusFiles.load(Fixtures.copy("broken.jsonl", dir).toString(),
        LIMIT_200.withSkipInvalid(true));
    assertEquals(List.of("ok-1", "ok-2"),
        loaded.corpus().examples().stream().map(AnnotatedExample::id).toList());
    assertEquals(11, loaded.skipped());
    assertEquals(10, loaded.skippedErrors().size());
  }

  @Test
  void withoutSkippingTheFirstBadLineStopsReading() throws Exception {
    Path file = Fixtures.copy("broken.jsonl", dir);
    CorpusFormatException e = assertThrows(CorpusFormatException.class,
        () -> CorpusFiles.read(file.toString(), LIMIT_200));
    assertEquals(2, e.line());
  }

  @Test
  void anUnknownFormatNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusFormat.parse("xml"));
    assertTrue(e.getMessage().contains("jsonl, conll, opennlp, label-studio or doccano"),
        e.getMessage());
  }

  @Test
  void aLongLineIsSkippedWithoutBeingHeld() throws Exception {
    // 50 MB of one line behind a 1 KiB limit: the source never grows its buffer past the limit
    long size = 50_000_000L;
    InputStream huge = new InputStream() {
      long served;

      @Override
      public int read() {
        served++;
        return served < size ? 'x' : served == size ? '\n' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (served >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - served);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        served += n;
        if (served == size) {
          b[off + n - 1] = '\n';
        }
        return n;
      }
    };
    InputStream both = new java.io.SequenceInputStream(huge,
        new ByteArrayInputStream("next\n".getBytes(StandardCharsets.UTF_8)));
    try (LineSource lines = new LineSource(both, "huge", 1024)) {
      CorpusFormatException e = assertThrows(CorpusFormatException.class, lines::next);
      assertEquals(1, e.line());
      assertEquals("next", lines.next());
      assertEquals(null, lines.next());
    }
  }

  @Test
  void crlfAndByteOrderMarkAreAccepted() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "one\r\ntwo\r\n\r\nthree".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    try (LineSource lines = new LineSource(new ByteArrayInputStream(all), "x", 10)) {
      assertEquals("one", lines.next());
      assertEquals("two", lines.next());
      assertEquals("", lines.next());
      assertEquals("three", lines.next());
      assertEquals(null, lines.next());
    }
  }

  @Test
  void invalidUtf8IsReportedOnItsLine() throws Exception {
    byte[] bytes = {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'z'};
    try (LineSource lines = new LineSource(new ByteArrayInputStream(bytes), "x", 10)) {
      assertEquals("ok", lines.next());
      CorpusFormatException e = assertThrows(CorpusFormatException.class, lines::next);
      assertEquals(2, e.line());
      assertEquals("z", lines.next());
    }
  }

  /**
   * Lines are decoded leniently and checked strictly only when the result holds U+FFFD: a real
   * U+FFFD is kept, every kind of malformed sequence is still refused on its line.
   */
  @Test
  void aReplacementCharacterIsKeptAndMalformedSequencesAreRefused() throws Exception {
    byte[][] malformed = {
        {(byte) 0xC0, (byte) 0x80}, // overlong NUL
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
        {'a', (byte) 0xE2, (byte) 0x82}, // truncated at the line end
        {(byte) 0x80, 'b'}, // a lone continuation byte
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
        {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xFF}}; // U+FFFD, then a bad byte
    for (byte[] bad : malformed) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      data.write("caf\u00e9 \ufffd ok\n".getBytes(StandardCharsets.UTF_8));
      data.write(bad);
      data.write("\nlast".getBytes(StandardCharsets.UTF_8));
      try (LineSource lines = new LineSource(new ByteArrayInputStream(data.toByteArray()), "x",
          100)) {
        assertEquals("caf\u00e9 \ufffd ok", lines.next());
        CorpusFormatException e = assertThrows(CorpusFormatException.class, lines::next,
            HexFormat.of().formatHex(bad));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertEquals("last", lines.next());
      }
    }
  }
}
