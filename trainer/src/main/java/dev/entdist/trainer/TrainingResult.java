package dev.entdist.trainer;

/**
 * A trained model and what the fit did.
 *
 * @param model the model
 * @param stats the fit statistics
 */
public record TrainingResult(SoftmaxModel model, FitStats stats) {}
