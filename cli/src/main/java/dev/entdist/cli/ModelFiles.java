package dev.entdist.cli;

import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.ModelFormatException;
import dev.entdist.trainer.ModelIo;
import dev.entdist.trainer.SoftmaxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opening a model file from the command line: a missing or damaged file becomes one line that
 * says what to do, and commands that need text features refuse a model that has none.
 */
final class ModelFiles {

  private ModelFiles() {}

  /** Reads {@code file}, turning every failure into a {@link UserException} naming it. */
  static SoftmaxModel read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserException("model file " + file + " does not exist: train one with"
          + " 'entdist train --corpus FILE --out " + file + "'");
    }
    try {
      return ModelIo.read(file);
    } catch (ModelFormatException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  /**
   * The feature configuration stored in {@code model}.
   *
   * @param what the use it is needed for, e.g. {@code "query"}, for the message
   * @throws UserException when the model was trained on a peer-format directory
   */
  static FeatureConfig featureConfig(SoftmaxModel model, Path file, String what) {
    String json = model.featureConfigJson();
    if (json == null) {
      throw new UserException("model " + file + " was trained on a feature directory"
          + " (--features) and has no feature configuration, so " + what + " cannot compute"
          + " features from text: train it with --corpus instead");
    }
    try {
      return FeatureConfig.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new UserException("model " + file + ": stored feature configuration is unusable: "
          + e.getMessage(), e);
    }
  }

  /** The feature pipeline that computes this model's features from text. */
  static FeaturePipeline pipeline(SoftmaxModel model, Path file, String what) {
    return FeaturePipeline.create(featureConfig(model, file, what));
  }
}
