package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferenceAlignmentTest {

  private static final List<String> LABELS = List.of("biology", "phone", "prison");
  private static final List<Map<String, Double>> ROWS = List.of(
      Map.of("phone", 1.0),
      Map.of("phone", 0.5, "music", 0.5),
      Map.of("prison", 0.7, "biology", 0.3, "weapon", 0.0),
      Map.of("weapon", 1.0));

  @Test
  void failNamesTheUnknownLabelsThatCarryMass() {
    UnknownLabelsException e = assertThrows(UnknownLabelsException.class,
        () -> ReferenceAlignment.align(LABELS, ROWS, UnknownLabelPolicy.FAIL));
    assertEquals(Set.of("music", "weapon"), e.labels());
    assertEquals(2, e.rows());
    assertEquals(1, e.firstRow());
  }

  @Test
  void skipKeepsTheOtherRowsAndCountsTheSkipped() {
    ReferenceAlignment.Aligned a = ReferenceAlignment.align(LABELS, ROWS, UnknownLabelPolicy.SKIP);
    assertEquals(2, a.skipped());
    assertArrayEquals(new int[] {0, 2}, a.rows());
    assertArrayEquals(new double[] {0, 1, 0}, a.references()[0]);
    assertArrayEquals(new double[] {0.3, 0, 0.7}, a.references()[1]);
    assertEquals(List.of("a", "c"), a.keep(List.of("a", "b", "c", "d")));
    assertEquals(Set.of("music", "weapon"), a.unknownLabels());
  }

  @Test
  void everythingKnownPassesUnderEitherPolicy() {
    ReferenceAlignment.Aligned a = ReferenceAlignment.align(LABELS, List.of(ROWS.get(0),
        ROWS.get(2)), UnknownLabelPolicy.FAIL);
    assertEquals(0, a.skipped());
    assertEquals(2, a.references().length);
    assertEquals(UnknownLabelPolicy.SKIP, UnknownLabelPolicy.parse("Skip"));
    assertThrows(IllegalArgumentException.class, () -> UnknownLabelPolicy.parse("drop"));
  }
}
