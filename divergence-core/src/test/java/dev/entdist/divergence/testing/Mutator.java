package dev.entdist.divergence.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded mutation fuzzer for text formats: each case applies one to four mutations to a valid
 * seed file — bit flips, truncation, duplicated or deleted slices, huge or non-finite numbers,
 * deep JSON nesting, invalid UTF-8, huge lines, stray line ends and format tokens. The same seed
 * gives the same inputs, so a failure names the seed and case that reproduce it.
 *
 * <p>Shared by the fuzz tests of every module that reads files (corpora, trainer) through
 * divergence-core's test jar.
 */
public final class Mutator {

  /** System property: cases per fuzz target (the {@code reliability} profile raises it). */
  public static final String CASES_PROPERTY = "entdist.fuzz.cases";

  private static final List<String> NUMBERS = List.of("0", "-1", "-0", "2147483647",
      "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999",
      "1e308", "1e309", "-1e309", "4.9e-324", "1e-400", "NaN", "Infinity", "-Infinity", "0x1p3",
      "1.0000001", "0.9999999", "3", "1", "1.5", "1e", "--1", "9".repeat(1200));

  private final SplittableRandom random;
  private final List<byte[]> seeds;
  private final List<String> tokens;
  private final int hugeLineBytes;

  /**
   * @param seed the random seed
   * @param seeds valid inputs to start from
   * @param tokens fragments of the format to splice in (field names, tags, separators)
   * @param hugeLineBytes the length of a "huge line" mutation (just over the reader's limit)
   */
  public Mutator(long seed, List<byte[]> seeds, List<String> tokens, int hugeLineBytes) {
    this.random = new SplittableRandom(seed);
    this.seeds = seeds;
    this.tokens = tokens;
    this.hugeLineBytes = hugeLineBytes;
  }

  /** The number of cases to run per target: the system property, else {@code defaultCases}. */
  public static int cases(int defaultCases) {
    return Integer.getInteger(CASES_PROPERTY, defaultCases);
  }

  /** The next mutated input. */
  public byte[] next() {
    byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      data = mutate(data);
    }
    return data;
  }

  private byte[] mutate(byte[] d) {
    switch (random.nextInt(12)) {
      case 0:
        return flipBits(d);
      case 1:
        return d.length == 0 ? d : Arrays.copyOf(d, random.nextInt(d.length));
      case 2:
        return duplicateSlice(d);
      case 3:
        return deleteSlice(d);
      case 4:
        return replaceNumber(d);
      case 5:
        return insert(d, deepNesting());
      case 6:
        return insert(d, invalidUtf8());
      case 7:
        return random.nextInt(8) == 0 ? insert(d, hugeLine()) : flipBits(d);
      case 8:
        return insert(d, ascii(tokens.get(random.nextInt(tokens.size()))));
      case 9:
        return insert(d, ascii(List.of("\n", "\r\n", "\r", "\t", " ", "\n\n", "\0", "\u00a0",
            "\u2028").get(random.nextInt(9))));
      case 10:
        return mixSeeds(d);
      default:
        return replaceByte(d);
    }
  }

  private byte[] flipBits(byte[] d) {
    if (d.length == 0) {
      return d;
    }
    int flips = 1 + random.nextInt(8);
    for (int i = 0; i < flips; i++) {
      d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return d;
  }

  private byte[] replaceByte(byte[] d) {
    if (d.length == 0) {
      return d;
    }
    d[random.nextInt(d.length)] = (byte) random.nextInt(256);
    return d;
  }

  private byte[] duplicateSlice(byte[] d) {
    if (d.length == 0) {
      return d;
    }
    int from = random.nextInt(d.length);
    int to = from + 1 + random.nextInt(d.length - from);
    int times = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 3);
    byte[] slice = Arrays.copyOfRange(d, from, to);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(d, 0, to);
    for (int i = 0; i < times; i++) {
      out.write(slice, 0, slice.length);
    }
    out.write(d, to, d.length - to);
    return out.toByteArray();
  }

  private byte[] deleteSlice(byte[] d) {
    if (d.length == 0) {
      return d;
    }
    int from = random.nextInt(d.length);
    int to = from + random.nextInt(Math.min(d.length - from, 64) + 1);
    byte[] out = new byte[d.length - (to - from)];
    System.arraycopy(d, 0, out, 0, from);
    System.arraycopy(d, to, out, from, d.length - to);
    return out;
  }

  /** Replaces a run of digits (or, if there is none, a random spot) with a hostile number. */
  private byte[] replaceNumber(byte[] d) {
    String number = NUMBERS.get(random.nextInt(NUMBERS.size()));
    int start = -1;
    for (int tries = 0; tries < 16 && d.length > 0; tries++) {
      int p = random.nextInt(d.length);
      if (d[p] >= '0' && d[p] <= '9') {
        start = p;
        break;
      }
    }
    if (start < 0) {
      return insert(d, ascii(number));
    }
    while (start > 0 && (isNumberByte(d[start - 1]))) {
      start--;
    }
    int end = start;
    while (end < d.length && isNumberByte(d[end])) {
      end++;
    }
    return splice(d, start, end, ascii(number));
  }

  private static boolean isNumberByte(byte b) {
    return (b >= '0' && b <= '9') || b == '.' || b == '-' || b == 'e' || b == 'E';
  }

  private byte[] deepNesting() {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 5000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return ascii(open.repeat(depth) + "1" + (random.nextBoolean() ? close.repeat(depth) : ""));
  }

  private byte[] invalidUtf8() {
    byte[][] bad = {
      {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}
    };
    return bad[random.nextInt(bad.length)];
  }

  private byte[] hugeLine() {
    int length = hugeLineBytes - 8 + random.nextInt(16);
    byte[] line = new byte[length];
    Arrays.fill(line, (byte) (random.nextBoolean() ? 'a' : '['));
    return line;
  }

  private byte[] mixSeeds(byte[] d) {
    byte[] other = seeds.get(random.nextInt(seeds.size()));
    if (d.length == 0 || other.length == 0) {
      return d;
    }
    int cut = random.nextInt(d.length);
    int from = random.nextInt(other.length);
    byte[] out = Arrays.copyOf(d, cut + other.length - from);
    System.arraycopy(other, from, out, cut, other.length - from);
    return out;
  }

  private byte[] insert(byte[] d, byte[] piece) {
    int at = d.length == 0 ? 0 : random.nextInt(d.length + 1);
    return splice(d, at, at, piece);
  }

  private static byte[] splice(byte[] d, int from, int to, byte[] piece) {
    byte[] out = new byte[d.length - (to - from) + piece.length];
    System.arraycopy(d, 0, out, 0, from);
    System.arraycopy(piece, 0, out, from, piece.length);
    System.arraycopy(d, to, out, from + piece.length, d.length - to);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
