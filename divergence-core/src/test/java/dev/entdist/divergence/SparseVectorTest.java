package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Construction, immutability and dot products of {@link SparseVector}. */
class SparseVectorTest {

  @Test
  void ofSortsSumsDuplicatesAndDropsZeros() {
    SparseVector v = SparseVector.of(new int[] {7, 2, 7, 4, 9}, new double[] {1, 3, 2, 0, -1});
    assertArrayEquals(new int[] {2, 7, 9}, v.indices());
    assertArrayEquals(new double[] {3, 3, -1}, v.values());
    assertEquals(3, v.nnz());
    assertEquals(10, v.dimensionLowerBound());
    assertEquals(0.0, v.get(4));
    assertEquals(3.0, v.get(7));
    assertSame(SparseVector.empty(), SparseVector.of(new int[] {1, 1}, new double[] {2, -2}));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> SparseVector.of(new int[] {-1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> SparseVector.of(new int[] {1}, new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class,
        () -> SparseVector.of(new int[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> SparseVector.ofSorted(new int[] {2, 2}, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> SparseVector.ofSorted(new int[] {2}, new double[] {0}));
  }

  @Test
  void isImmutable() {
    int[] idx = {1, 3};
    double[] val = {1, 2};
    SparseVector v = SparseVector.ofSorted(idx, val);
    idx[0] = 0;
    val[0] = 9;
    v.indices()[1] = 0;
    v.values()[1] = 0;
    assertEquals(SparseVector.ofSorted(new int[] {1, 3}, new double[] {1, 2}), v);
  }

  @Test
  void dotProductsMatchTheDenseOnes() {
    SplittableRandom random = new SplittableRandom(42);
    for (int t = 0; t < 200; t++) {
      int dim = 1 + random.nextInt(50);
      int nnz = random.nextInt(dim + 1);
      int[] idx = new int[nnz];
      double[] val = new double[nnz];
      double[] x = new double[dim];
      for (int i = 0; i < nnz; i++) {
        idx[i] = random.nextInt(dim);
        val[i] = random.nextGaussian();
        x[idx[i]] += val[i];
      }
      SparseVector v = SparseVector.of(idx, val);
      int stride = 1 + random.nextInt(4);
      int offset = random.nextInt(stride);
      double[] dense = new double[dim * stride + stride];
      for (int i = 0; i < dense.length; i++) {
        dense[i] = random.nextGaussian();
      }
      double expected = 0;
      double expectedStrided = 0;
      for (int i = 0; i < dim; i++) {
        expected += x[i] * dense[i];
        expectedStrided += x[i] * dense[offset + i * stride];
      }
      assertEquals(expected, v.dot(dense), 1e-12);
      assertEquals(expectedStrided, v.dot(dense, offset, stride), 1e-12);
    }
  }

  @Test
  void remapDropsMinusOneAndResorts() {
    SparseVector v = SparseVector.ofSorted(new int[] {0, 1, 2}, new double[] {1, 2, 3});
    SparseVector r = v.remap(i -> i == 1 ? -1 : 10 - i);
    assertArrayEquals(new int[] {8, 10}, r.indices());
    assertArrayEquals(new double[] {3, 1}, r.values());
  }
}
