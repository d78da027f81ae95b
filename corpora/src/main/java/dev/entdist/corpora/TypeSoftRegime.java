package dev.entdist.corpora;

import dev.entdist.divergence.LabelRegime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type-soft}: every occurrence of a surface form (lower-cased target) gets the mean of the
 * annotated distributions of that form's occurrences in the given training examples, so a
 * single-annotator corpus yields soft targets. One row per occurrence, weight 1.
 */
record TypeSoftRegime() implements TrainingRegime {

  @Override
  public String name() {
    return "type-soft";
  }

  @Override
  public boolean needsVotes() {
    return false;
  }

  @Override
  public boolean needsSurfaceForms() {
    return true;
  }

  @Override
  public List<WeightedTarget> apply(List<AnnotatedExample> train, List<String> labelSpace,
      Map<String, boolean[]> inventoryMasks, long seed) {
    int k = labelSpace.size();
    Map<String, double[]> sums = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (AnnotatedExample e : train) {
      double[] p = RegimeSupport.reference(e, labelSpace);
      double[] sum = sums.computeIfAbsent(e.word(), w -> new double[k]);
      for (int j = 0; j < k; j++) {
        sum[j] += p[j];
      }
      counts.merge(e.word(), 1, Integer::sum);
    }
    LabelRegime.Soft soft = new LabelRegime.Soft();
    List<WeightedTarget> rows = new ArrayList<>(train.size());
    for (AnnotatedExample e : train) {
      double[] mean = sums.get(e.word()).clone();
      int n = counts.get(e.word());
      for (int j = 0; j < k; j++) {
        mean[j] /= n;
      }
      boolean[] mask = RegimeSupport.mask(e, inventoryMasks, k);
      double[] target;
      try {
        target = soft.target(mean, mask, 0L);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("example '" + e.id() + "': " + ex.getMessage(), ex);
      }
      rows.add(new WeightedTarget(e, target, 1.0));
    }
    return rows;
  }
}
