package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import opennlp.tools.lemmatizer.LemmatizerModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The faster beam search gives exactly OpenNLP's lemmas. */
class BeamLemmatizerTest {

  static TextAnalyzer analyzer;

  @BeforeAll
  static void load() {
    analyzer = TextAnalyzer.bundled(true);
  }

  @AfterAll
  static void close() {
    analyzer.close();
  }

  static final String[] WORDS = {"the", "cells", "cell", "left", "leaves", "was", "were", "is",
      "biologists", "studied", "studies", "running", "ran", "Prison", "prisons", "phones", "I",
      "my", "their", "them", "better", "best", "mice", "geese", "children", "went", "gone",
      "having", "had", "did", "does", "New", "York", "U.S.", "3.5", "e-mail", "don't", "Émile's",
      "naïve", "😀", "quickly", "wrote", "written", "batteries", "data", "analyses", ",", "."};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomSentencesGetOpenNlpsLemmas(long seed) {
    Random rnd = new Random(seed);
    for (int s = 0; s < 25; s++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + rnd.nextInt(25);
      for (int i = 0; i < n; i++) {
        sb.append(i > 0 ? " " : "").append(WORDS[rnd.nextInt(WORDS.length)]);
      }
      String sentence = sb.toString();
      assertEquals(analyzer.analyse(sentence, true, true).lemmas(),
          analyzer.analyse(sentence, true, false).lemmas(), sentence);
    }
  }

  @Test
  void prisonSentenceGetsOpenNlpsLemmas() {
    String s = AnalysisTest.PRISON;
    assertEquals(analyzer.analyse(s, true, true), analyzer.analyse(s, true, false));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void cutOffEqualsTheSortedValueOpenNlpTakes(long seed) throws IOException {
    BeamLemmatizer beam;
    try (InputStream in = TextAnalyzer.class.getResourceAsStream(TextAnalyzer.LEMMAS_RESOURCE)) {
      beam = BeamLemmatizer.of(new LemmatizerModel(in));
    }
    assertNotNull(beam);
    Random rnd = new Random(seed);
    for (int t = 0; t < 200; t++) {
      double[] scores = new double[1 + rnd.nextInt(40)];
      for (int i = 0; i < scores.length; i++) {
        // Few distinct values, so ties are common.
        scores[i] = rnd.nextInt(6) / 5.0;
      }
      double[] sorted = scores.clone();
      Arrays.sort(sorted);
      int size = 3;
      assertEquals(sorted[Math.max(0, sorted.length - size)], beam.kthLargest(scores),
          Arrays.toString(scores));
    }
  }
}
