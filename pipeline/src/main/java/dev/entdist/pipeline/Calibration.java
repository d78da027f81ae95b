package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.divergence.SparseVector;
import dev.entdist.trainer.ReferenceAlignment;
import dev.entdist.trainer.TemperatureScaling;
import dev.entdist.trainer.UnknownLabelPolicy;
import java.util.List;
import java.util.Map;

/**
 * Temperature calibration of a model on a development corpus: one temperature T that divides
 * every logit, chosen to minimise the mean KL(annotation ‖ prediction) on the corpus's
 * occurrences ({@link TemperatureScaling}). The calibrated model predicts with T everywhere
 * (query in a context, annotate, predict, evaluate, serve). Use development data that is not
 * the test data the model will be judged on.
 */
public final class Calibration {

  private Calibration() {}

  /**
   * A calibrated model.
   *
   * @param model the model with its new temperature
   * @param fit the temperature with the metrics on the development corpus before and after
   * @param skippedUnknownLabel development occurrences left out for unknown labels
   */
  public record Result(TextModel model, TemperatureScaling.Result fit, int skippedUnknownLabel) {}

  /**
   * Fits the temperature of {@code model} on {@code dev}.
   *
   * @param threads threads for the features
   * @param unknownLabels what to do with occurrences that carry labels the model does not know
   * @throws PipelineException when the corpus is empty or nothing is left to fit on
   * @throws dev.entdist.trainer.UnknownLabelsException under {@link UnknownLabelPolicy#FAIL}
   */
  public static Result calibrate(TextModel model, Corpus dev, int threads,
      UnknownLabelPolicy unknownLabels) {
    if (dev.size() == 0) {
      throw new PipelineException(dev.source() + " has no occurrences to calibrate on");
    }
    ReferenceAlignment.Aligned aligned = ReferenceAlignment.align(model.labels(),
        dev.examples().stream().map(AnnotatedExample::labels).toList(), unknownLabels);
    if (aligned.references().length == 0) {
      throw new PipelineException("every occurrence of " + dev.source() + " carries labels "
          + aligned.unknownLabels() + " that the model does not know: nothing to calibrate on");
    }
    List<AnnotatedExample> kept = aligned.keep(dev.examples());
    List<SparseVector> xs = model.vectorize(kept, threads);
    List<String> words = kept.stream().map(AnnotatedExample::word).toList();
    TemperatureScaling.Result fit = TemperatureScaling.fit(model.softmax(), xs, words,
        aligned.references());
    return new Result(model.withTemperature(fit.temperature()), fit, aligned.skipped());
  }

  /**
   * The temperature for a model trained on {@code features} of {@code fitOn}, fitted on the
   * occurrences {@code dev}: the calibration step of a comparison, where the features are
   * already computed.
   */
  static TemperatureScaling.Result fit(dev.entdist.trainer.SoftmaxModel model,
      List<AnnotatedExample> dev, Map<AnnotatedExample, SparseVector> features,
      List<String> labels) {
    List<SparseVector> xs = dev.stream().map(features::get).toList();
    List<String> words = dev.stream().map(AnnotatedExample::word).toList();
    double[][] refs = new double[dev.size()][];
    for (int i = 0; i < refs.length; i++) {
      refs[i] = dev.get(i).distributionOver(labels);
    }
    return TemperatureScaling.fit(model, xs, words, refs);
  }
}
