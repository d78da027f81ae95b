package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.WeightedTarget;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.TrainingData;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * From annotated occurrences to the trainer's rows, shared by {@code train} and {@code compare}:
 * the features of every occurrence, the label regime's weighted targets, and the words'
 * inventories.
 */
final class TrainingRows {

  /** Occurrences analysed per progress step. */
  private static final int FEATURE_CHUNK = 256;

  private TrainingRows() {}

  /**
   * The feature vector of every occurrence (by identity), computed on {@code threads} threads
   * in chunks so the progress task moves.
   */
  static Map<AnnotatedExample, SparseVector> features(List<AnnotatedExample> examples,
      FeaturePipeline pipeline, int threads, Progress.Monitor monitor) {
    Map<AnnotatedExample, SparseVector> features = new IdentityHashMap<>();
    try (Progress.Task task = monitor.task("computing features of " + examples.size()
        + " occurrences", examples.size())) {
      for (int from = 0; from < examples.size(); from += FEATURE_CHUNK) {
        List<AnnotatedExample> part = examples.subList(from,
            Math.min(examples.size(), from + FEATURE_CHUNK));
        List<SparseVector> vectors = pipeline.vectorize(part, threads);
        for (int i = 0; i < part.size(); i++) {
          features.put(part.get(i), vectors.get(i));
        }
        task.stepBy(part.size());
      }
    }
    return features;
  }

  /**
   * The training data of {@code regime} on {@code train}: one row per weighted target, grouped
   * by the lower-cased word. With {@code restrict}, targets are computed over each word's
   * inventory and the data carries those inventories (smoothed or one-hot targets may leave
   * annotated labels out; the inventory is what the annotators used with the word).
   */
  static TrainingData of(TrainingRegime regime, List<AnnotatedExample> train,
      List<String> labels, Map<AnnotatedExample, SparseVector> features, boolean restrict,
      long seed) {
    Map<String, Set<String>> inventories = restrict ? inventories(train) : null;
    List<WeightedTarget> rows = regime.apply(train, labels,
        restrict ? masks(inventories, labels) : null, seed);
    List<SparseVector> x = new ArrayList<>(rows.size());
    double[][] y = new double[rows.size()][];
    double[] w = new double[rows.size()];
    List<String> groups = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      WeightedTarget row = rows.get(i);
      x.add(features.get(row.example()));
      y[i] = row.target();
      w[i] = row.weight();
      groups.add(row.example().word());
    }
    TrainingData data = TrainingData.of(labels, x, y, w, groups);
    return restrict ? data.withInventories(inventories) : data;
  }

  /** Lower-cased word → the labels with positive annotated mass on any of its occurrences. */
  static Map<String, Set<String>> inventories(List<AnnotatedExample> examples) {
    Map<String, Set<String>> inv = new TreeMap<>();
    for (AnnotatedExample e : examples) {
      Set<String> seen = inv.computeIfAbsent(e.word(), k -> new TreeSet<>());
      e.labels().forEach((label, p) -> {
        if (p > 0) {
          seen.add(label);
        }
      });
    }
    return inv;
  }

  private static Map<String, boolean[]> masks(Map<String, Set<String>> inventories,
      List<String> labels) {
    Map<String, boolean[]> masks = new TreeMap<>();
    inventories.forEach((word, allowed) -> {
      boolean[] m = new boolean[labels.size()];
      for (int j = 0; j < m.length; j++) {
        m[j] = allowed.contains(labels.get(j));
      }
      masks.put(word, m);
    });
    return masks;
  }
}
