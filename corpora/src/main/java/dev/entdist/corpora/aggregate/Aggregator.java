package dev.entdist.corpora.aggregate;

import dev.entdist.corpora.AnnotatedExample;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates annotators' answers into label distributions: {@link #fit} on encoded answers,
 * {@link #apply} on a corpus (giving every occurrence that has answers its posterior as labels).
 */
public final class Aggregator {

  private Aggregator() {}

  /**
   * An aggregated corpus.
   *
   * @param examples the occurrences in input order; those with answers carry the posterior as
   *     labels (votes and answers kept), the others are unchanged
   * @param answers the encoded answers (item i is {@code examples.get(answers.exampleOf(i))})
   * @param result the fit
   */
  public record Aggregated(List<AnnotatedExample> examples, CrowdAnswers answers,
      AggregationResult result) {

    /** Copies the list. */
    public Aggregated {
      examples = List.copyOf(examples);
    }
  }

  /** Fits {@code method} to the answers (deterministic: the same answers give the same result). */
  public static AggregationResult fit(CrowdAnswers answers, AggregationMethod method,
      AggregationSettings settings) {
    return ExpectationMaximization.fit(answers, method, settings);
  }

  /**
   * Fits {@code method} to the answers of {@code examples} and gives each occurrence that has
   * answers its posterior as labels.
   *
   * @throws IllegalArgumentException when no occurrence has answers
   */
  public static Aggregated apply(List<AnnotatedExample> examples, AggregationMethod method,
      AggregationSettings settings) {
    CrowdAnswers answers = CrowdAnswers.of(examples);
    AggregationResult result = fit(answers, method, settings);
    List<AnnotatedExample> out = new ArrayList<>(examples);
    for (int i = 0; i < answers.items(); i++) {
      int x = answers.exampleOf(i);
      out.set(x, examples.get(x).withAggregatedLabels(result.posteriorMap(i)));
    }
    return new Aggregated(out, answers, result);
  }
}
