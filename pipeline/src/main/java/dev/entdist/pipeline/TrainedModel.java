package dev.entdist.pipeline;

import dev.entdist.trainer.FitStats;
import dev.entdist.trainer.LambdaSearch;

/**
 * What a training run produced.
 *
 * @param model the trained model, ready to read text (or, trained on a feature directory, to
 *     predict feature vectors only)
 * @param stats the optimiser's statistics
 * @param rows training rows after the label regime (votes makes one per vote)
 * @param occurrences occurrences (or feature rows) before the regime
 * @param search the λ search, or {@code null} when λ was given
 */
public record TrainedModel(TextModel model, FitStats stats, int rows, int occurrences,
    LambdaSearch.Result search) {}
