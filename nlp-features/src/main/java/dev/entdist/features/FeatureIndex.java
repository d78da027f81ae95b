package dev.entdist.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a feature string to a signed slot: ±(index + 1), the sign being the one its value is
 * multiplied by, or 0 when the feature has no index (outside a vocabulary).
 */
abstract class FeatureIndex {

  abstract int signedSlot(String feature);

  abstract int dimension();

  static FeatureIndex of(FeatureConfig config) {
    return config.indexing() == FeatureConfig.Indexing.HASH
        ? new Hashed(new FeatureHasher(config.hashBits(), config.hashSeed()))
        : new Vocabulary(config.vocabulary());
  }

  private static final class Hashed extends FeatureIndex {
    private final FeatureHasher hasher;

    Hashed(FeatureHasher hasher) {
      this.hasher = hasher;
    }

    @Override
    int signedSlot(String feature) {
      return hasher.signedSlot(feature);
    }

    @Override
    int dimension() {
      return hasher.buckets();
    }
  }

  private static final class Vocabulary extends FeatureIndex {
    private final Map<String, Integer> index;

    Vocabulary(List<String> vocabulary) {
      index = new HashMap<>(vocabulary.size() * 2);
      for (int i = 0; i < vocabulary.size(); i++) {
        index.put(vocabulary.get(i), i + 1);
      }
    }

    @Override
    int signedSlot(String feature) {
      return index.getOrDefault(feature, 0);
    }

    @Override
    int dimension() {
      return index.size();
    }
  }
}
