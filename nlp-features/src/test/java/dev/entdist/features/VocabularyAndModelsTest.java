package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.divergence.SparseVector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyAndModelsTest {

  @Test
  void fittedVocabularyKeepsFeaturesSeenInAtLeastMinCountExamples() {
    FeatureConfig c = FeatureConfig.defaults().withGenerators(Set.of("lower", "window-words"));
    List<AnnotatedExample> train = FeaturePipelineTest.corpus(21, 40);
    try (FeaturePipeline hashed = FeaturePipeline.create(c)) {
      FeatureConfig fitted = hashed.fitVocabulary(train, 9);
      assertEquals(fitted, hashed.fitVocabulary(train, 9), "fitting is deterministic");
      // Count, independently of the fitting code, in how many examples each feature occurs.
      Map<String, Integer> df = new HashMap<>();
      for (AnnotatedExample e : train) {
        Set.copyOf(hashed.explain(e)).forEach(f -> df.merge(f, 1, Integer::sum));
      }
      List<String> expected = df.entrySet().stream().filter(x -> x.getValue() >= 9)
          .map(Map.Entry::getKey).sorted().toList();
      assertEquals(expected, fitted.vocabulary());
      assertTrue(expected.size() < df.size(), "the fixture must have rare features");
      assertTrue(!expected.isEmpty(), "the fixture must have frequent features");

      try (FeaturePipeline vocab = FeaturePipeline.create(
          FeatureConfig.fromJson(fitted.toJson()))) {
        assertEquals(expected.size(), vocab.dimension());
        for (AnnotatedExample e : train) {
          Map<Integer, Double> counts = new HashMap<>();
          for (String f : vocab.explain(e)) {
            int i = expected.indexOf(f);
            if (i >= 0) {
              counts.merge(i, 1.0, Double::sum);
            }
          }
          SparseVector v = vocab.vectorize(e);
          assertEquals(counts.size(), v.nnz());
          counts.forEach((i, x) -> assertEquals(x, v.get(i)));
        }
      }
    }
  }

  @Test
  void modelsFromADirectoryGiveTheSameVectorsAsTheBundledOnes(@TempDir Path dir)
      throws IOException {
    for (String r : List.of(TextAnalyzer.SENTENCE_RESOURCE, TextAnalyzer.TOKENS_RESOURCE,
        TextAnalyzer.POS_RESOURCE, TextAnalyzer.LEMMAS_RESOURCE)) {
      try (InputStream in = TextAnalyzer.class.getResourceAsStream(r)) {
        Files.copy(in, dir.resolve(r.substring(1)));
      }
    }
    List<AnnotatedExample> examples = FeaturePipelineTest.corpus(4, 10);
    try (FeaturePipeline bundled = FeaturePipeline.create(FeatureConfig.defaults());
        FeaturePipeline own = FeaturePipeline.create(FeatureConfig.defaults(), dir)) {
      assertEquals(dir.toString(), own.config().modelDirectory());
      assertEquals(bundled.vectorize(examples), own.vectorize(examples));
    }
  }

  @Test
  void aDirectoryWithoutTheModelsIsNamedInTheError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("readme.txt"), "no models here");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeaturePipeline.create(FeatureConfig.defaults(), dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sentence"), e.getMessage());
  }
}
