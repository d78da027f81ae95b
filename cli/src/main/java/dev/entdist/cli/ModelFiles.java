package dev.entdist.cli;

import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.pipeline.PipelineException;
import dev.entdist.pipeline.TextModel;
import dev.entdist.trainer.SoftmaxModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opening a model file for the commands that look inside the softmax model ({@code model info},
 * {@code features explain}): a missing or damaged file becomes one line that says what to do,
 * and a model without a feature configuration is refused where text features are needed.
 */
final class ModelFiles {

  private ModelFiles() {}

  /** Reads {@code file}; failures are {@link PipelineException}s naming it. */
  static SoftmaxModel read(Path file) throws IOException {
    return TextModel.load(file).softmax();
  }

  /**
   * The feature configuration stored in {@code model}.
   *
   * @param what the use it is needed for, e.g. {@code "query"}, for the message
   * @throws UserException when the model was trained on a peer-format directory
   */
  static FeatureConfig featureConfig(SoftmaxModel model, Path file, String what) {
    FeatureConfig config = TextModel.of(model).featureConfig();
    if (config == null) {
      throw new UserException("model " + file + " was trained on a feature directory"
          + " (--features) and has no feature configuration, so " + what + " cannot compute"
          + " features from text: train it with --corpus instead");
    }
    return config;
  }

  /** The feature pipeline that computes this model's features from text. */
  static FeaturePipeline pipeline(SoftmaxModel model, Path file, String what) {
    return FeaturePipeline.create(featureConfig(model, file, what));
  }
}
