package dev.entdist.corpora;

import dev.entdist.divergence.LabelRegime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A distribution-level {@link LabelRegime} applied to each occurrence: one row each, weight 1. */
record DistributionRegime(LabelRegime regime) implements TrainingRegime {

  DistributionRegime {
    Objects.requireNonNull(regime, "regime");
  }

  @Override
  public String name() {
    return regime.name();
  }

  @Override
  public boolean needsVotes() {
    return false;
  }

  @Override
  public Optional<LabelRegime> labelRegime() {
    return Optional.of(regime);
  }

  @Override
  public List<WeightedTarget> apply(List<AnnotatedExample> train, List<String> labelSpace,
      Map<String, boolean[]> inventoryMasks, long seed) {
    List<WeightedTarget> rows = new ArrayList<>(train.size());
    for (int i = 0; i < train.size(); i++) {
      AnnotatedExample e = train.get(i);
      double[] reference = RegimeSupport.reference(e, labelSpace);
      boolean[] mask = RegimeSupport.mask(e, inventoryMasks, labelSpace.size());
      double[] target;
      try {
        target = regime.target(reference, mask, TrainingRegime.rowSeed(seed, i));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("example '" + e.id() + "': " + ex.getMessage(), ex);
      }
      rows.add(new WeightedTarget(e, target, 1.0));
    }
    return rows;
  }
}
