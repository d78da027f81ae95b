package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sentence of any length is tagged in windows of bounded size, so the work grows linearly with
 * its length (OpenNLP's beam search over a whole 25 000-token sentence took 25.6 s and 1.75 GB).
 */
class LongSentenceTest {

  static TextAnalyzer analyzer;

  @BeforeAll
  static void load() {
    analyzer = TextAnalyzer.bundled(true);
  }

  @AfterAll
  static void close() {
    analyzer.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 247, 248, 249, 400, 1000, 25_001})
  void windowsTileTheSentenceAndAreBounded(int n) {
    List<int[]> windows = TextAnalyzer.windows(n);
    int next = 0;
    for (int[] w : windows) {
      assertEquals(next, w[2], "kept ranges must tile the sentence");
      assertTrue(w[0] <= w[2] && w[2] < w[3] || n == 0, "window " + java.util.Arrays.toString(w));
      assertTrue(w[3] <= w[1] && w[1] <= n);
      assertTrue(w[1] - w[0] <= TextAnalyzer.WINDOW_TOKENS + 2 * TextAnalyzer.WINDOW_CONTEXT);
      next = w[3];
    }
    assertEquals(n, next);
  }

  @Test
  void aSentenceOfTwentyThousandTokensIsTaggedInBoundedWindows() {
    StringBuilder sb = new StringBuilder();
    String[] words = {"the", "prisoner", "sat", "in", "his", "cell", "and", "waited", ","};
    for (int i = 0; i < 20_000; i++) {
      sb.append(words[i % words.length]).append(' ');
    }
    sb.append("cell.");
    SentenceAnalysis a = analyzer.analyse(sb.toString(), true);
    assertEquals(20_002, a.size());
    assertTrue(analyzer.longestTagged()
        <= TextAnalyzer.WINDOW_TOKENS + 2 * TextAnalyzer.WINDOW_CONTEXT, "the tagger saw "
        + analyzer.longestTagged() + " tokens at once");
    for (int i = 0; i < a.size(); i++) {
      assertNotNull(a.tag(i), "token " + i);
      assertNotNull(a.lemma(i), "token " + i);
    }
    // Inside the windows the tagging is that of a normal sentence: "cell" is a noun throughout.
    for (int i = 5; i < a.size() - 1; i += words.length) {
      assertEquals("NOUN", a.tag(i), "token " + i + " " + a.token(i));
    }
  }

  @Test
  void aShortSentenceIsTaggedWhole() {
    SentenceAnalysis a = analyzer.analyse("He was locked in his cell.", true);
    assertEquals(7, a.size());
    assertEquals("NOUN", a.tag(5));
  }
}
