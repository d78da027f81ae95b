package dev.entdist.corpora;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.ZipException;

/**
 * Reads UTF-8 lines from a stream while holding at most {@code maxLineBytes} of one line in
 * memory: a longer line is reported as an error as soon as it passes the limit and is then skipped
 * to its end without being stored, after which reading continues with the next line. Line ends
 * are {@code \n} or {@code \r\n}; a leading byte-order mark is dropped. A NUL byte means the input
 * is binary (or UTF-16), not a UTF-8 text corpus: it is reported and ends the input, so that an
 * endless stream such as {@code /dev/zero} is refused at once. The stream is read exactly once;
 * {@link #peekNonBlank()} lets a caller look at the first line (to tell the format) and read on
 * from it.
 */
final class LineSource implements Closeable {

  /** A line over the limit is skipped for at most this many bytes before reading gives up. */
  static final long MAX_SKIP_BYTES = 1L << 30;

  private static final char REPLACEMENT = '\uFFFD';

  private final InputStream in;
  private final String source;
  private final int maxLineBytes;
  private final DigestInputStream digested;
  private final byte[] buffer = new byte[1 << 16];
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private long number;
  private boolean atStart = true;
  private boolean broken;
  private boolean skipping;
  private boolean ended;
  private String peeked;

  LineSource(InputStream in, String source, int maxLineBytes) {
    this(in, source, maxLineBytes, null);
  }

  /**
   * @param digested the raw stream under {@code in} (before any decompression) whose digest
   *     {@link #checksum()} reports, or {@code null}; at the end of {@code in} it is read to its
   *     end, so the digest covers every byte of the input
   */
  LineSource(InputStream in, String source, int maxLineBytes, DigestInputStream digested) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("the line length limit must be >= 1, got "
          + maxLineBytes);
    }
    this.in = in;
    this.source = source;
    this.maxLineBytes = maxLineBytes;
    this.digested = digested;
  }

  /** The 1-based number of the line last returned (or rejected). */
  long lineNumber() {
    return number;
  }

  /** The name of the stream, for messages. */
  String source() {
    return source;
  }

  /**
   * {@code sha256:HEX} of the raw bytes read so far (all of them once the input has ended), or
   * {@code null} when this source was not given a digesting stream.
   */
  String checksum() {
    if (digested == null) {
      return null;
    }
    MessageDigest digest = digested.getMessageDigest();
    try {
      digest = (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      if (!ended) {
        throw new IllegalStateException("the digest cannot be read before the end", e);
      }
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The first line that is not blank, which the next call of {@link #next()} or {@link
   * #nextNonBlank()} returns again (with its line number); {@code null} at the end of the input.
   * Call it before anything else is read.
   */
  String peekNonBlank() throws IOException, CorpusFormatException {
    if (peeked == null) {
      peeked = nextNonBlank();
    }
    return peeked;
  }

  /** The next line that is not blank, or {@code null} at the end of the input. */
  String nextNonBlank() throws IOException, CorpusFormatException {
    String line;
    do {
      line = next();
    } while (line != null && line.isBlank());
    return line;
  }

  /**
   * The next line without its line end, or {@code null} at the end of the stream.
   *
   * @throws CorpusFormatException for a line over the limit or not valid UTF-8 (the line is
   *     consumed, so the next call returns the following line), or for binary data (which ends
   *     the input)
   */
  String next() throws IOException, CorpusFormatException {
    if (peeked != null) {
      String line = peeked;
      peeked = null;
      return line;
    }
    if (broken) {
      return null;
    }
    if (skipping) {
      skipping = false;
      if (!skipRestOfLine()) {
        return null;
      }
    }
    int length = 0;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      int end = scan();
      int chunk = end - position;
      if ((long) length + chunk > maxLineBytes + 1L) {
        number++;
        position = end;
        if (end < limit) {
          position++;
        } else {
          skipping = true;
        }
        throw new CorpusFormatException(source, number, null, "line is longer than the limit of "
            + maxLineBytes + " bytes (see --max-line-length)");
      }
      if ((long) length + chunk > line.length) {
        line = Arrays.copyOf(line, (int) Math.min(Integer.MAX_VALUE - 8,
            Math.max(line.length * 2L, (long) length + chunk)));
      }
      System.arraycopy(buffer, position, line, length, chunk);
      length += chunk;
      position = end;
      if (end < limit) {
        position++;
        break;
      }
    }
    number++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (length > maxLineBytes) {
      throw new CorpusFormatException(source, number, null,
          "line is longer than the limit of " + maxLineBytes + " bytes (see --max-line-length)");
    }
    int from = 0;
    if (atStart) {
      atStart = false;
      if (length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
          && (line[2] & 0xff) == 0xBF) {
        from = 3;
      }
    }
    String text = new String(line, from, length - from, StandardCharsets.UTF_8);
    if (text.indexOf(REPLACEMENT) < 0) {
      return text;
    }
    // The lenient decoding above turns every malformed sequence into U+FFFD; the strict decoder
    // tells those from a U+FFFD that is in the input.
    try {
      decoder.reset().decode(ByteBuffer.wrap(line, from, length - from));
      return text;
    } catch (CharacterCodingException e) {
      throw new CorpusFormatException(source, number, null, "line is not valid UTF-8");
    }
  }

  /**
   * The index of the next {@code \n} in the buffer from {@code position}, or {@code limit}.
   *
   * @throws CorpusFormatException at a NUL byte, which ends the input
   */
  private int scan() throws CorpusFormatException {
    int end = position;
    while (end < limit && buffer[end] != '\n') {
      if (buffer[end] == 0) {
        broken = true;
        throw new CorpusFormatException(source, number + 1, null, "holds a NUL byte: this is"
            + " binary data, not a UTF-8 text corpus (UTF-16 text must be converted to UTF-8)");
      }
      end++;
    }
    return end;
  }

  /** Skips to the end of an over-long line; false at the end of the input. */
  private boolean skipRestOfLine() throws IOException, CorpusFormatException {
    long skipped = 0;
    while (true) {
      if (position == limit && !fill()) {
        return false;
      }
      int end = scan();
      skipped += end - position;
      position = end;
      if (end < limit) {
        position++;
        return true;
      }
      if (skipped > MAX_SKIP_BYTES) {
        broken = true;
        throw new CorpusFormatException(source, number, null, "line goes on for more than "
            + MAX_SKIP_BYTES + " bytes without a line end: reading stops here");
      }
    }
  }

  /** Refills the buffer; false at the end of the input. */
  private boolean fill() throws IOException, CorpusFormatException {
    int n = readCompressed();
    position = 0;
    if (n <= 0) {
      limit = 0;
      if (!ended) {
        ended = true;
        drainRaw();
      }
      return false;
    }
    limit = n;
    return true;
  }

  /** Reads what the decompressor left of the raw input, so the checksum covers all of it. */
  private void drainRaw() throws IOException {
    if (digested != null && digested != in) {
      byte[] rest = new byte[1 << 13];
      while (digested.read(rest) >= 0) {
        // Only the digest needs these bytes.
      }
    }
  }

  /**
   * Fills the buffer. A damaged or truncated compressed stream is reported as an error of the
   * line being read and ends the stream, so that readers which continue after errors stop.
   */
  private int readCompressed() throws IOException, CorpusFormatException {
    try {
      return in.read(buffer, 0, buffer.length);
    } catch (ZipException | EOFException e) {
      broken = true;
      throw new CorpusFormatException(source, number + 1, null,
          "compressed data is damaged or truncated (" + e.getMessage() + ")");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
