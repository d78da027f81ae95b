package dev.entdist.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether a model can be applied to a peer-format data set: the same feature dimension and, where
 * both record one, the same feature configuration. A model applied to features hashed into
 * another number of buckets answers with weights of unrelated features, so its metrics would be
 * wrong without a word; this check refuses instead.
 */
public final class FeatureCompatibility {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FeatureCompatibility() {}

  /**
   * Refuses {@code model} for the data set {@code datasetDir} described by {@code meta} when the
   * model's recorded feature dimension differs from {@code n_features}, when one of its feature
   * ids is at or past {@code n_features}, or when both carry a feature configuration and the two
   * differ.
   *
   * @throws PeerFormatException naming {@code DIR/meta.json} and both values
   */
  public static void requireCompatible(SoftmaxModel model, Path datasetDir, PeerFormat.Meta meta)
      throws PeerFormatException {
    Path file = datasetDir.resolve("meta.json");
    if (model.featureDimension() > 0 && model.featureDimension() != meta.nFeatures()) {
      throw new PeerFormatException(file, 0, "n_features is " + meta.nFeatures() + ", but the"
          + " model was trained on " + model.featureDimension() + " features (another --hash-bits"
          + " or vocabulary?): export the features with the model's configuration");
    }
    int[] ids = model.featureIds();
    if (ids.length > 0 && ids[ids.length - 1] >= meta.nFeatures()) {
      throw new PeerFormatException(file, 0, "n_features is " + meta.nFeatures() + ", but the"
          + " model has weights for feature " + ids[ids.length - 1] + ": it was trained on other"
          + " features (another --hash-bits?)");
    }
    String ours = model.featureConfigJson();
    String theirs = meta.featureConfigJson();
    if (ours != null && theirs != null && !sameJson(ours, theirs)) {
      throw new PeerFormatException(file, 0, "feature_config " + theirs + " differs from the"
          + " model's " + ours + ": export the features with the model's configuration");
    }
  }

  private static boolean sameJson(String a, String b) {
    try {
      JsonNode x = JSON.readTree(a);
      JsonNode y = JSON.readTree(b);
      return x != null && x.equals(y);
    } catch (IOException e) {
      return a.equals(b);
    }
  }
}
