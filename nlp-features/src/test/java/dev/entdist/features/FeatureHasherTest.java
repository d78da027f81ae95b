package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureHasherTest {

  /** The published MurmurHash3_x86_32 test vectors (input, seed, hash as unsigned hex). */
  @ParameterizedTest
  @CsvSource({
      "'', 0, 00000000",
      "'', 1, 514E28B7",
      "'', -1, 81F16F39",
      "a, -1756908916, 7FA09EA6",
      "aaaa, -1756908916, 5A97808A",
      "'Hello, world!', -1756908916, 24884CBA",
      "The quick brown fox jumps over the lazy dog, -1756908916, 2FA826CD",
  })
  void murmur3MatchesReferenceVectors(String input, int seed, String hex) {
    assertEquals((int) Long.parseLong(hex, 16), FeatureHasher.murmur3(input, seed));
  }

  @ParameterizedTest
  @CsvSource({"1", "5", "18", "30"})
  void bucketsStayInRangeAndSignIsUnit(int bits) {
    FeatureHasher h = new FeatureHasher(bits, 0);
    java.util.Random rnd = new java.util.Random(bits);
    for (int i = 0; i < 2000; i++) {
      String f = "w[-1]=" + Long.toString(rnd.nextLong(), 36) + "é😀";
      int b = h.bucket(f);
      assertTrue(b >= 0 && b < (1 << bits), f + " -> " + b);
      int slot = h.signedSlot(f);
      assertEquals(b + 1, Math.abs(slot));
      assertEquals(h.sign(f), Integer.signum(slot));
    }
  }

  /**
   * Buckets and signs agree with scikit-learn's FeatureHasher, so exported features can be
   * re-hashed in Python; the reference file is written by sklearn_hashing.py next to it.
   */
  @Test
  void bucketsAndSignsMatchScikitLearn() throws IOException {
    int rows = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        FeatureHasherTest.class.getResourceAsStream("sklearn_hashing.tsv"),
        StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t", -1);
        int bits = Integer.numberOfTrailingZeros(Integer.parseInt(f[1]));
        FeatureHasher h = new FeatureHasher(bits, 0);
        assertEquals(Integer.parseInt(f[2]), h.bucket(f[0]), line);
        assertEquals(Integer.parseInt(f[3]), h.sign(f[0]), line);
        rows++;
      }
    }
    assertEquals(96, rows);
  }
}
