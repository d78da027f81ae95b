package dev.entdist.corpora;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads UTF-8 lines from a stream while holding at most {@code maxLineBytes} of one line in
 * memory: a longer line is skipped to its end without being stored, and reported as an error for
 * that line, after which reading continues with the next line. Line ends are {@code \n} or {@code
 * \r\n}; a leading byte-order mark is dropped.
 */
final class LineSource implements Closeable {

  private final InputStream in;
  private final String source;
  private final int maxLineBytes;
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

  LineSource(InputStream in, String source, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("the line length limit must be >= 1, got "
          + maxLineBytes);
    }
    this.in = in;
    this.source = source;
    this.maxLineBytes = maxLineBytes;
  }

  /** The 1-based number of the line last returned (or rejected). */
  long lineNumber() {
    return number;
  }

  /** The name of the stream, for messages. */
  String source() {
    return source;
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
   *     consumed, so the next call returns the following line)
   */
  String next() throws IOException, CorpusFormatException {
    int length = 0;
    boolean tooLong = false;
    boolean any = false;
    if (broken) {
      return null;
    }
    while (true) {
      if (position == limit) {
        limit = readCompressed();
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      int chunk = end - position;
      if (!tooLong) {
        if (length + chunk > maxLineBytes + 1) {
          tooLong = true;
        } else {
          if (length + chunk > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
          }
          System.arraycopy(buffer, position, line, length, chunk);
          length += chunk;
        }
      }
      position = end;
      if (end < limit) {
        position++;
        break;
      }
    }
    number++;
    if (!tooLong && length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (tooLong || length > maxLineBytes) {
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
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, from, length - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new CorpusFormatException(source, number, null, "line is not valid UTF-8");
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
