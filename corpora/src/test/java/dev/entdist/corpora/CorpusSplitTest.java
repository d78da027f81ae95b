package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorpusSplitTest {

  /** Random corpus: sentences with 1–3 occurrences each, in shuffled order. */
  private static List<AnnotatedExample> corpus(long seed, int sentences) {
    SplittableRandom r = new SplittableRandom(seed);
    List<AnnotatedExample> out = new ArrayList<>();
    for (int s = 0; s < sentences; s++) {
      String text = "cell number " + s + " and another cell";
      int occurrences = 1 + r.nextInt(3);
      for (int k = 0; k < occurrences; k++) {
        int start = k % 2 == 0 ? 0 : text.length() - 4;
        out.add(AnnotatedExample.of("s" + s + "-" + k, text, "cell", start, start + 4,
            Map.of("a", 1.0)));
      }
    }
    // interleave occurrences of different sentences
    for (int i = out.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      AnnotatedExample t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void sentencesNeverStraddleAndTestGetsRoundedShare(long seed) {
    SplittableRandom r = new SplittableRandom(seed * 31);
    int sentences = 1 + r.nextInt(60);
    double fraction = 0.05 + 0.9 * r.nextDouble();
    List<AnnotatedExample> all = corpus(seed, sentences);
    CorpusSplit split = CorpusSplit.bySentence(all, fraction, seed);

    Set<String> trainTexts = new HashSet<>();
    split.train().forEach(e -> trainTexts.add(e.text()));
    Set<String> testTexts = new HashSet<>();
    split.test().forEach(e -> testTexts.add(e.text()));
    assertTrue(trainTexts.stream().noneMatch(testTexts::contains));
    assertEquals(Math.round(fraction * sentences), testTexts.size());
    assertEquals(all.size(), split.train().size() + split.test().size());

    // each side is the input filtered, order preserved
    List<AnnotatedExample> expectedTest = new ArrayList<>();
    List<AnnotatedExample> expectedTrain = new ArrayList<>();
    for (AnnotatedExample e : all) {
      (testTexts.contains(e.text()) ? expectedTest : expectedTrain).add(e);
    }
    assertEquals(expectedTest, split.test());
    assertEquals(expectedTrain, split.train());
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void sameSeedSameSplitOtherSeedOtherSplit(long seed) {
    List<AnnotatedExample> all = corpus(seed, 80);
    assertEquals(CorpusSplit.bySentence(all, 0.25, seed), CorpusSplit.bySentence(all, 0.25, seed));
    assertNotEquals(CorpusSplit.bySentence(all, 0.25, seed).test(),
        CorpusSplit.bySentence(all, 0.25, seed + 1).test());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.2, 1.5, Double.NaN})
  void fractionOutsideOpenUnitIntervalIsRefused(double fraction) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusSplit.bySentence(corpus(1, 5), fraction, 1));
    assertTrue(e.getMessage().contains("strictly between 0 and 1"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void documentsStayTogetherAndSentencesWithoutADocumentAreTheirOwnGroup() {
    List<AnnotatedExample> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String text = "cell " + i;
      Map<String, Object> extra = i < 30 ? Map.of("document", i / 3) : Map.of();
      all.add(new AnnotatedExample("e" + i, text, "cell", 0, 4, Map.of("a", 1.0), Map.of(), 1,
          extra));
    }
    CorpusSplit split = CorpusSplit.byDocument(all, 0.5, 3);
    Set<Object> trainDocs = new HashSet<>();
    split.train().forEach(e -> trainDocs.add(e.extra().getOrDefault("document", e.text())));
    long testGroups = split.test().stream()
        .map(e -> e.extra().getOrDefault("document", e.text())).distinct().count();
    assertTrue(split.test().stream()
        .noneMatch(e -> trainDocs.contains(e.extra().getOrDefault("document", e.text()))));
    // 10 documents + 10 lone sentences = 20 groups, half of them held out
    assertEquals(10, testGroups);
  }
}
