package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The bundled OpenNLP models are read once per process and shared, however they are asked for. */
class BundledModelsTest {

  @Test
  void analysersShareTheModelsReadOnce() throws Exception {
    TextAnalyzer.preloadBundled(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<TextAnalyzer>> made = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        made.add(pool.submit(() -> TextAnalyzer.bundled(true)));
      }
      TextAnalyzer first = made.get(0).get();
      for (Future<TextAnalyzer> f : made) {
        assertSame(first.lemmatizerModel(), f.get().lemmatizerModel());
      }
      TextAnalyzer withoutLemmas = TextAnalyzer.bundled(false);
      assertFalse(withoutLemmas.hasLemmatizer());
      assertTrue(first.hasLemmatizer());
      String s = "The prisoner paced his cell all night.";
      assertEquals(first.analyse(s, true).tags(), withoutLemmas.analyse(s, false).tags());
    } finally {
      pool.shutdownNow();
    }
  }
}
