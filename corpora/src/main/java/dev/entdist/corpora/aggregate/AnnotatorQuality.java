package dev.entdist.corpora.aggregate;

import java.util.ArrayList;
import java.util.List;

/**
 * What one annotator looks like to a fitted aggregation.
 *
 * @param annotator the annotator's id
 * @param answers how many answers the annotator gave
 * @param accuracy the expected share of the annotator's answers that are right: the mean
 *     posterior probability of the labels they gave
 * @param confusion row k, column l: the probability that the annotator answers label l when the
 *     true label is k (labels in the result's order); for majority vote, the posterior-weighted
 *     counts of the annotator's answers, smoothed and normalised as Dawid–Skene's M-step does
 * @param spamProbability MACE's probability that the annotator answers at random; NaN for the
 *     other methods
 */
public record AnnotatorQuality(String annotator, long answers, double accuracy,
    List<List<Double>> confusion, double spamProbability) {

  /** Copies the matrix. */
  public AnnotatorQuality {
    List<List<Double>> rows = new ArrayList<>(confusion.size());
    for (List<Double> row : confusion) {
      rows.add(List.copyOf(row));
    }
    confusion = List.copyOf(rows);
  }
}
