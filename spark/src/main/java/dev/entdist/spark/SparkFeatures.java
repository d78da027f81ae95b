package dev.entdist.spark;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Feature vectors computed on the executors: the occurrences are cut into partitions, and each
 * executor JVM opens one {@link FeaturePipeline} per feature configuration (its OpenNLP models
 * loaded once, its tools pooled per thread) that every task on it reuses. The vectors come back
 * to the driver in the occurrences' order and equal the local pipeline's.
 */
public final class SparkFeatures {

  /** Pipelines opened in this JVM, by configuration. */
  private static final ConcurrentMap<String, FeaturePipeline> PIPELINES =
      new ConcurrentHashMap<>();

  private SparkFeatures() {}

  /** An occurrence as shipped to an executor: what the features read. */
  private record Occurrence(String id, String text, String target, int start, int end)
      implements Serializable {
    AnnotatedExample example() {
      return AnnotatedExample.of(id, text, target, start, end, Map.of("?", 1.0));
    }
  }

  /** A vector as shipped back. */
  private record Vector(int[] indices, double[] values) implements Serializable {}

  /**
   * The feature vector of every occurrence under {@code config}, in order, computed on {@code
   * partitions} partitions.
   */
  public static List<SparseVector> vectors(JavaSparkContext sc, List<AnnotatedExample> examples,
      FeatureConfig config, int partitions) {
    List<Occurrence> shipped = new ArrayList<>(examples.size());
    for (AnnotatedExample e : examples) {
      shipped.add(new Occurrence(e.id(), e.text(), e.target(), e.start(), e.end()));
    }
    String json = config.toJson();
    int p = Math.max(1, Math.min(partitions, examples.size()));
    List<Vector> back = sc.parallelize(shipped, p).mapPartitions(it -> {
      List<AnnotatedExample> part = new ArrayList<>();
      it.forEachRemaining(o -> part.add(o.example()));
      List<Vector> out = new ArrayList<>(part.size());
      for (SparseVector v : pipeline(json).vectorize(part, 1)) {
        out.add(new Vector(v.indices(), v.values()));
      }
      return out.iterator();
    }, true).collect();
    List<SparseVector> vectors = new ArrayList<>(back.size());
    for (Vector v : back) {
      vectors.add(SparseVector.ofSorted(v.indices(), v.values()));
    }
    return vectors;
  }

  /** {@link #vectors} keyed by example identity, as the pipeline's training takes them. */
  public static Map<AnnotatedExample, SparseVector> byExample(JavaSparkContext sc,
      List<AnnotatedExample> examples, FeatureConfig config, int partitions) {
    List<SparseVector> v = vectors(sc, examples, config, partitions);
    Map<AnnotatedExample, SparseVector> map = new IdentityHashMap<>();
    for (int i = 0; i < v.size(); i++) {
      map.put(examples.get(i), v.get(i));
    }
    return map;
  }

  /** The dimension of {@code config}'s feature vectors (opens its pipeline in this JVM). */
  public static int dimension(FeatureConfig config) {
    return pipeline(config.toJson()).dimension();
  }

  /** How many feature pipelines this JVM has opened (for tests: one per configuration). */
  static int openedInThisJvm() {
    return PIPELINES.size();
  }

  private static FeaturePipeline pipeline(String json) {
    return PIPELINES.computeIfAbsent(json, j -> FeaturePipeline.create(FeatureConfig.fromJson(j)));
  }
}
