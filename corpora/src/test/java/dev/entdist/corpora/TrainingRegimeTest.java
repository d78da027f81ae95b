package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.LabelRegime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingRegimeTest {

  private static final List<String> LABELS = List.of("biology", "device", "facility");

  private static AnnotatedExample cell(String id, String text, Map<String, Double> labels,
      Map<String, Integer> votes) {
    int start = text.indexOf("ell") - 1;
    return new AnnotatedExample(id, text, text.substring(start, start + 4), start, start + 4,
        labels, votes, Math.max(1, votes.values().stream().mapToInt(i -> i).sum()), Map.of());
  }

  private static final AnnotatedExample A = cell("a", "the cell membrane",
      Map.of("biology", 0.75, "device", 0.25), Map.of("biology", 3, "device", 1));
  private static final AnnotatedExample B = cell("b", "my Cell died",
      Map.of("device", 1.0), Map.of("device", 2));
  private static final AnnotatedExample C = cell("c", "locked in his cell",
      Map.of("facility", 0.5, "device", 0.5), Map.of("facility", 1, "device", 1, "biology", 0));

  @ParameterizedTest
  @ValueSource(strings = {"soft", "onehot", "smooth:0.1", "temper:2", "sample", "votes",
      "type-soft"})
  void parsesEverySpellingAndNamesItBack(String spec) {
    TrainingRegime r = TrainingRegime.parse(spec);
    assertEquals(spec, r.name());
    assertEquals(spec.equals("votes"), r.needsVotes());
    assertEquals(spec.equals("type-soft"), r.needsSurfaceForms());
    assertEquals(!spec.equals("votes") && !spec.equals("type-soft"),
        r.labelRegime().isPresent());
  }

  @Test
  void unknownSpellingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TrainingRegime.parse("majority"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soft", "onehot", "smooth:0.1", "temper:0.5", "sample"})
  void distributionRegimesMapEachExampleWithItsRowSeed(String spec) {
    List<AnnotatedExample> train = List.of(A, B, C);
    Map<String, boolean[]> masks = Map.of("cell", new boolean[] {true, true, false});
    List<AnnotatedExample> maskable = List.of(A, B);
    LabelRegime regime = LabelRegime.parse(spec);
    List<WeightedTarget> rows = TrainingRegime.parse(spec).apply(train, LABELS, null, 42);
    assertEquals(3, rows.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(train.get(i), rows.get(i).example());
      assertEquals(1.0, rows.get(i).weight());
      assertArrayEquals(regime.target(train.get(i).distributionOver(LABELS),
          TrainingRegime.rowSeed(42, i)), rows.get(i).target());
    }
    List<WeightedTarget> masked = TrainingRegime.parse(spec).apply(maskable, LABELS, masks, 42);
    for (int i = 0; i < 2; i++) {
      assertEquals(0.0, masked.get(i).target(2));
      assertArrayEquals(regime.target(maskable.get(i).distributionOver(LABELS),
          masks.get("cell"), TrainingRegime.rowSeed(42, i)), masked.get(i).target());
    }
  }

  @Test
  void sampleIsDeterministicUnderTheSeedAndFollowsTheReference() {
    TrainingRegime sample = TrainingRegime.parse("sample");
    List<AnnotatedExample> many = java.util.Collections.nCopies(4000, A);
    List<WeightedTarget> rows = sample.apply(many, LABELS, null, 7);
    assertEquals(rows, sample.apply(many, LABELS, null, 7));
    double biology = rows.stream().mapToDouble(r -> r.target(0)).sum() / rows.size();
    // binomial(4000, 0.75): standard deviation 0.0068, so 5 sd = 0.034
    assertEquals(0.75, biology, 0.034);
  }

  @Test
  void votesGiveOneHardRowPerVotedLabelWeightedByItsCount() {
    List<WeightedTarget> rows = TrainingRegime.parse("votes").apply(List.of(A, B, C), LABELS,
        null, 1);
    // A: biology×3, device×1; B: device×2; C: device×1, facility×1 (biology 0 → no row)
    assertEquals(5, rows.size());
    double[][] expectedTargets = {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}};
    double[] expectedWeights = {3, 1, 2, 1, 1};
    String[] expectedIds = {"a", "a", "b", "c", "c"};
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(expectedTargets[i], rows.get(i).target());
      assertEquals(expectedWeights[i], rows.get(i).weight());
      assertEquals(expectedIds[i], rows.get(i).example().id());
    }
  }

  @Test
  void votesRefuseAnExampleWithoutVotesNamingIt() {
    AnnotatedExample noVotes = AnnotatedExample.of("w-3", "the cell", "cell", 4, 8,
        Map.of("biology", 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRegime.parse("votes").apply(List.of(A, noVotes), LABELS, null, 1));
    assertTrue(e.getMessage().contains("w-3"), e.getMessage());
    assertTrue(e.getMessage().contains("no votes"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void typeSoftGivesEveryOccurrenceItsWordsMeanOverTheTrainingExamples(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] words = {"cell", "Cell", "bank"};
    List<AnnotatedExample> train = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String w = words[r.nextInt(words.length)];
      String text = "a " + w + " here";
      double p = r.nextInt(21) / 20.0;
      train.add(AnnotatedExample.of("t" + i, text, w, 2, 2 + w.length(),
          p == 1.0 ? Map.of("device", 1.0) : Map.of("device", p, "biology", 1 - p)));
    }
    Map<String, double[]> sum = new HashMap<>();
    Map<String, Integer> n = new HashMap<>();
    for (AnnotatedExample e : train) {
      String key = e.target().toLowerCase(java.util.Locale.ROOT);
      double[] s = sum.computeIfAbsent(key, k -> new double[3]);
      s[0] += e.labels().getOrDefault("biology", 0.0);
      s[1] += e.labels().getOrDefault("device", 0.0);
      n.merge(key, 1, Integer::sum);
    }
    List<WeightedTarget> rows = TrainingRegime.parse("type-soft").apply(train, LABELS, null, 0);
    for (int i = 0; i < train.size(); i++) {
      String key = train.get(i).word();
      double[] t = rows.get(i).target();
      assertEquals(sum.get(key)[0] / n.get(key), t[0], 1e-12);
      assertEquals(sum.get(key)[1] / n.get(key), t[1], 1e-12);
      assertEquals(0.0, t[2]);
      assertEquals(1.0, rows.get(i).weight());
    }
  }

  @Test
  void typeSoftUsesOnlyTheExamplesItIsGiven() {
    List<WeightedTarget> onlyA = TrainingRegime.parse("type-soft").apply(List.of(A), LABELS,
        null, 0);
    assertArrayEquals(new double[] {0.75, 0.25, 0}, onlyA.get(0).target(), 1e-12);
    List<WeightedTarget> ab = TrainingRegime.parse("type-soft").apply(List.of(A, B), LABELS,
        null, 0);
    assertArrayEquals(new double[] {0.375, 0.625, 0}, ab.get(0).target(), 1e-12);
    assertArrayEquals(ab.get(0).target(), ab.get(1).target(), 0);
  }

  @Test
  void aLabelOutsideTheLabelSpaceIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRegime.parse("soft").apply(List.of(A), List.of("device"), null, 0));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("biology"),
        e.getMessage());
  }

  @Test
  void weightedTargetCopiesItsArray() {
    double[] t = {1, 0};
    WeightedTarget w = new WeightedTarget(A, t, 2);
    t[0] = 5;
    w.target()[0] = 7;
    assertEquals(1.0, w.target(0));
    assertFalse(w.target() == w.target());
    assertThrows(IllegalArgumentException.class, () -> new WeightedTarget(A, t, -1));
  }
}
