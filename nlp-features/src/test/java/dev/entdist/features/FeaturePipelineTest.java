package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeaturePipelineTest {

  static FeaturePipeline pipeline;

  @BeforeAll
  static void load() {
    pipeline = FeaturePipeline.create(FeatureConfig.defaults());
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  /** A seeded random corpus of occurrences of a few words in sentences built from templates. */
  static List<AnnotatedExample> corpus(long seed, int n) {
    String[] words = {"cell", "bank", "Cell", "spring"};
    String[] left = {"I left my", "The prison", "Under the microscope every", "We sat by the",
        "Émile's 😀 old", "She opened a new"};
    String[] right = {"died yesterday.", "was small and cold.", "divides quickly.",
        "near the river.", "account, then left.", "rang twice."};
    Random rnd = new Random(seed);
    List<AnnotatedExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String w = words[rnd.nextInt(words.length)];
      String l = left[rnd.nextInt(left.length)];
      String text = l + " " + w + " " + right[rnd.nextInt(right.length)];
      int start = l.codePointCount(0, l.length()) + 1;
      out.add(AnnotatedExample.of("e" + i, text, w, start, start + w.length(),
          Map.of("a", 1.0)));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void batchEqualsOneByOneAndIsDeterministic(long seed) {
    List<AnnotatedExample> examples = corpus(seed, 30);
    List<SparseVector> batch = pipeline.vectorize(examples);
    assertEquals(examples.size(), batch.size());
    for (int i = 0; i < examples.size(); i++) {
      assertEquals(pipeline.vectorize(examples.get(i)), batch.get(i), "example " + i);
    }
    assertEquals(batch, pipeline.vectorize(examples));
    assertEquals(batch, pipeline.vectorize(examples, 2));
  }

  @Test
  void aFreshPipelineGivesIdenticalVectors() {
    List<AnnotatedExample> examples = corpus(7, 20);
    try (FeaturePipeline other = FeaturePipeline.create(
        FeatureConfig.fromJson(pipeline.config().toJson()))) {
      assertEquals(pipeline.vectorize(examples), other.vectorize(examples));
    }
  }

  @Test
  void concurrentCallersGetTheSameVectorsAsOneThread() throws Exception {
    List<AnnotatedExample> examples = corpus(11, 40);
    List<SparseVector> expected = pipeline.vectorize(examples);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<SparseVector>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          List<SparseVector> out = new ArrayList<>();
          for (AnnotatedExample e : examples) {
            out.add(pipeline.vectorize(e));
          }
          return out;
        }));
      }
      for (Future<List<SparseVector>> f : futures) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void vectorIsTheSignedSumOfTheExplainedFeatures() {
    for (AnnotatedExample e : corpus(5, 10)) {
      Map<Integer, Double> sum = new HashMap<>();
      List<ExplainedFeature> features = pipeline.explainIndexed(e);
      for (ExplainedFeature f : features) {
        FeatureHasher h = new FeatureHasher(18, 0);
        assertEquals(h.bucket(f.name()), f.index());
        assertEquals(h.sign(f.name()), f.value());
        sum.merge(f.index(), f.value(), Double::sum);
      }
      SparseVector v = pipeline.vectorize(e);
      sum.values().removeIf(x -> x == 0.0);
      assertEquals(sum.size(), v.nnz());
      sum.forEach((i, x) -> assertEquals(x, v.get(i)));
      assertEquals(features.stream().map(ExplainedFeature::name).toList(), pipeline.explain(e));
      assertTrue(v.dimensionLowerBound() <= pipeline.dimension());
    }
  }

  @Test
  void aWordAloneHasOnlyIntrinsicFeatures() {
    List<ExplainedFeature> f = pipeline.explainWord("cells");
    List<String> names = f.stream().map(ExplainedFeature::name).toList();
    assertTrue(names.contains("lower=cells"), names.toString());
    assertTrue(names.contains("lemma=cell"), names.toString());
    assertTrue(names.contains("cap=lower"), names.toString());
    assertTrue(names.stream().noneMatch(s -> s.startsWith("w[") || s.startsWith("sl=")),
        names.toString());
    assertNotEquals(0, pipeline.vectorizeWord("cells").nnz());
  }

  @Test
  void generatorsCanBeSwitchedOff() {
    FeatureConfig c = FeatureConfig.defaults().withGenerators(Set.of("lower", "window-words"))
        .withWindow(1).withHashBits(10);
    try (FeaturePipeline p = FeaturePipeline.create(c)) {
      AnnotatedExample e = corpus(3, 1).get(0);
      List<String> names = p.explain(e);
      assertEquals(3, names.size(), names.toString());
      assertTrue(names.get(0).startsWith("lower="));
      assertEquals(1024, p.dimension());
    }
  }
}
