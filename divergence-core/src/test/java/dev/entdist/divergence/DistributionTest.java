package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation, factories and immutability of {@link Distribution}. */
class DistributionTest {

  private static String rejected(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void badValuesAreRejectedNamingIndexAndValue() {
    String m = rejected(() -> Distribution.of(0.5, -0.1, 0.6));
    assertTrue(m.contains("index 1") && m.contains("-0.1"), m);
    m = rejected(() -> Distribution.of(0.5, Double.NaN));
    assertTrue(m.contains("index 1") && m.contains("NaN"), m);
    m = rejected(() -> Distribution.of(Double.POSITIVE_INFINITY, 0.0));
    assertTrue(m.contains("index 0") && m.contains("Infinity"), m);
    m = rejected(() -> Distribution.of(List.of("cat", "dog"), 1.2, -0.2));
    assertTrue(m.contains("index 1") && m.contains("'dog'") && m.contains("-0.2"), m);
  }

  @Test
  void emptyAndAllZeroAreRejected() {
    assertTrue(rejected(() -> Distribution.of()).contains("at least one outcome"));
    assertTrue(rejected(() -> Distribution.of(0.0, 0.0)).contains("zero"));
    assertTrue(rejected(() -> Distribution.fromCounts(0, 0, 0)).contains("zero"));
    assertThrows(IllegalArgumentException.class, () -> Distribution.uniform(0));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0000011, 0.9999989, 1.1, 0.5, 2.0})
  void aSumFartherThan1e6FromOneIsRejected(double total) {
    String m = rejected(() -> Distribution.of(total / 2, total / 2));
    assertTrue(m.contains("sum to"), m);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0000009, 0.9999991, 1 + 1e-12, 1 - 1e-15})
  void aSumWithin1e6IsRenormalised(double total) {
    Distribution d = Distribution.of(total * 0.3, total * 0.7);
    assertEquals(1.0, d.get(0) + d.get(1), 1e-15);
    assertEquals(0.3, d.get(0), 1e-15);
  }

  @Test
  void factories() {
    assertEquals(Distribution.of(0.25, 0.25, 0.25, 0.25), Distribution.uniform(4));
    assertEquals(Distribution.of(0, 0, 1), Distribution.oneHot(3, 2));
    assertTrue(Distribution.oneHot(3, 2).isOneHot());
    assertFalse(Distribution.uniform(3).isOneHot());
    assertEquals(Distribution.of(0.8, 0.2), Distribution.fromCounts(4, 1));
    assertEquals(Distribution.of(0.8, 0.2), Distribution.fromWeights(1.6, 0.4));
    assertEquals(Distribution.of(0.5, 0.5), Distribution.fromWeights(1e308, 1e308),
        "a total that overflows");
    Distribution named = Distribution.fromCounts(List.of("prison", "biology"), 4, 1);
    assertEquals(0.8, named.get(0), 1e-15);
    assertEquals("biology", named.name(1));
    assertEquals(Distribution.uniform(List.of("a", "b")).get(1), 0.5);
    assertEquals(1.0, Distribution.oneHot(List.of("a", "b"), "b").get(1));
    assertThrows(IllegalArgumentException.class, () -> Distribution.oneHot(3, 3));
    assertThrows(IllegalArgumentException.class,
        () -> Distribution.oneHot(List.of("a"), "z"));
  }

  @Test
  void namesAreOptionalValidatedAndKept() {
    Distribution d = Distribution.of(List.of("cat", "dog"), 0.9, 0.1);
    assertTrue(d.hasNames());
    assertEquals(List.of("cat", "dog"), d.names());
    assertEquals("{cat=0.9, dog=0.1}", d.toString());
    Distribution unnamed = Distribution.of(0.9, 0.1);
    assertFalse(unnamed.hasNames());
    assertEquals(List.of("0", "1"), unnamed.names());
    assertNotEquals(d, unnamed);
    assertEquals(d, unnamed.withNames(List.of("cat", "dog")));
    assertThrows(IllegalArgumentException.class, () -> unnamed.withNames(List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> unnamed.withNames(List.of("a", "a")));
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("phone", 0.6);
    m.put("prison", 0.4);
    assertEquals(m, Distribution.of(m).asMap());
  }

  @Test
  void isImmutable() {
    double[] values = {0.5, 0.5};
    Distribution d = Distribution.of(values);
    values[0] = 7;
    d.toArray()[1] = 9;
    assertEquals(0.5, d.get(0));
    assertEquals(0.5, d.get(1));
    assertThrows(UnsupportedOperationException.class,
        () -> Distribution.of(List.of("a"), 1.0).names().set(0, "b"));
  }

  @Test
  void argmaxTiesGoToTheFirstOutcome() {
    assertEquals(1, Distribution.of(0.2, 0.4, 0.4).argmax());
  }
}
