package dev.entdist.corpora;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code votes}: one one-hot row per label that received votes, weighted by its vote count, which
 * is the same objective as one hard example per annotator vote.
 */
record VotesRegime() implements TrainingRegime {

  @Override
  public String name() {
    return "votes";
  }

  @Override
  public boolean needsVotes() {
    return true;
  }

  @Override
  public List<WeightedTarget> apply(List<AnnotatedExample> train, List<String> labelSpace,
      Map<String, boolean[]> inventoryMasks, long seed) {
    List<WeightedTarget> rows = new ArrayList<>();
    for (AnnotatedExample e : train) {
      int total = 0;
      for (int c : e.votes().values()) {
        total += c;
      }
      if (total == 0) {
        throw new IllegalArgumentException("example '" + e.id()
            + "' has no votes: the corpus has no votes, so the 'votes' regime cannot be used"
            + " (try soft, sample or type-soft)");
      }
      for (Map.Entry<String, Integer> v : e.votes().entrySet()) {
        if (v.getValue() > 0) {
          double[] target = new double[labelSpace.size()];
          target[RegimeSupport.requireColumn(e, v.getKey(), labelSpace)] = 1.0;
          rows.add(new WeightedTarget(e, target, v.getValue()));
        }
      }
    }
    return rows;
  }
}
