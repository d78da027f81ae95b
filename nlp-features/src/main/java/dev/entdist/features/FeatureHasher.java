package dev.entdist.features;

import java.nio.charset.StandardCharsets;

/**
 * Signed feature hashing as scikit-learn's {@code FeatureHasher(alternate_sign=True)} does it:
 * h = MurmurHash3_x86_32 of the feature's UTF-8 bytes (a signed 32-bit value), bucket =
 * |h| mod 2<sup>b</sup>, sign = +1 when h ≥ 0, else −1. The sign makes collisions cancel in
 * expectation instead of piling up. The same features hashed in Python land in the same buckets.
 */
public final class FeatureHasher {

  private final int seed;
  private final int buckets;

  /**
   * A hasher into 2<sup>bits</sup> buckets.
   *
   * @param bits number of bits, 1..30
   * @param seed MurmurHash3 seed (scikit-learn uses 0)
   */
  public FeatureHasher(int bits, int seed) {
    if (bits < 1 || bits > 30) {
      throw new IllegalArgumentException("hash bits must be in 1..30, got " + bits);
    }
    this.buckets = 1 << bits;
    this.seed = seed;
  }

  /** Number of buckets, 2<sup>bits</sup>. */
  public int buckets() {
    return buckets;
  }

  /** The bucket of {@code feature}, in [0, buckets). */
  public int bucket(String feature) {
    return bucketOf(murmur3(feature, seed));
  }

  /** The sign (+1 or −1) a value of {@code feature} is multiplied by. */
  public int sign(String feature) {
    return murmur3(feature, seed) >= 0 ? 1 : -1;
  }

  /** Bucket and sign in one value: bucket + 1 when the sign is +1, −(bucket + 1) otherwise. */
  int signedSlot(String feature) {
    int h = murmur3(feature, seed);
    int b = bucketOf(h) + 1;
    return h >= 0 ? b : -b;
  }

  private int bucketOf(int h) {
    if (h == Integer.MIN_VALUE) {
      // |MIN_VALUE| overflows; scikit-learn maps it to (2^31 - 1 - (n - 1)) mod n.
      return (int) ((2147483647L - (buckets - 1)) % buckets);
    }
    return Math.abs(h) % buckets;
  }

  /** MurmurHash3_x86_32 of the UTF-8 encoding of {@code s}, as a signed int. */
  public static int murmur3(String s, int seed) {
    byte[] data = s.getBytes(StandardCharsets.UTF_8);
    int h = seed;
    int n = data.length;
    int blocks = n & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16
          | (data[i + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = n & 3;
    if (tail > 0) {
      int k = data[blocks] & 0xff;
      if (tail > 1) {
        k |= (data[blocks + 1] & 0xff) << 8;
      }
      if (tail > 2) {
        k |= (data[blocks + 2] & 0xff) << 16;
      }
      h ^= mixK(k);
    }
    h ^= n;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    return k * 0x1b873593;
  }
}
