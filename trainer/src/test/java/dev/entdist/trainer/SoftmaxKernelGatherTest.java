package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gather loop groups labels by up to eight, with a loop of its own for each group width; every
 * width, and every number of full groups before it, must give exactly what a plain loop over one
 * label at a time gives (each sum in entry order, so bit for bit).
 */
class SoftmaxKernelGatherTest {

  static IntStream labelCounts() {
    return IntStream.rangeClosed(1, 27);
  }

  @ParameterizedTest
  @MethodSource("labelCounts")
  void everyGroupWidthAddsInEntryOrder(int k) {
    SplittableRandom r = new SplittableRandom(31L * k + 7);
    int features = 40;
    double[] source = new double[features * k];
    for (int q = 0; q < source.length; q++) {
      source[q] = r.nextDouble(-3, 3);
    }
    int entries = 57;
    int[] index = new int[entries];
    double[] values = new double[entries];
    for (int e = 0; e < entries; e++) {
      index[e] = r.nextInt(features);
      values[e] = r.nextDouble(-2, 2);
    }
    int outOff = 3;
    double[] out = new double[outOff + k + 2];
    for (int q = 0; q < out.length; q++) {
      out[q] = r.nextDouble(-1, 1);
    }
    double[] expected = out.clone();
    int from = 5;
    int to = 50;
    for (int j = 0; j < k; j++) {
      double a = expected[outOff + j];
      for (int e = from; e < to; e++) {
        a += values[e] * source[index[e] * k + j];
      }
      expected[outOff + j] = a;
    }
    SoftmaxKernel.addGathered(index, values, from, to, source, k, out, outOff);
    assertArrayEquals(expected, out, 0.0, "K = " + k); // slots outside [outOff, outOff+k) kept
  }

  @ParameterizedTest
  @MethodSource("labelCounts")
  void anEmptyRangeLeavesTheOutputAlone(int k) {
    double[] out = new double[k];
    java.util.Arrays.fill(out, 1.5);
    SoftmaxKernel.addGathered(new int[] {0}, new double[] {2}, 1, 1, new double[k], k, out, 0);
    for (double v : out) {
      assertEquals(1.5, v, 0.0);
    }
  }
}
