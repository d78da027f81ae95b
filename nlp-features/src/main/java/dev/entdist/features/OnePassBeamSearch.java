package dev.entdist.features;

import java.util.List;
import java.util.PriorityQueue;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.Sequence;
import opennlp.tools.util.SequenceValidator;

/**
 * OpenNLP's {@code BeamSearch.bestSequence} (2.5.x), step for step, with one change that cannot
 * alter its result: to find the beam's cut-off — the k-th largest outcome probability — OpenNLP
 * copies and sorts all of the model's outcome probabilities for every hypothesis at every token;
 * the {@link Scores} given here select the k largest in one pass ({@link #kthLargest}).
 * Everything else (context generator, validator, queue order, score arithmetic through OpenNLP's
 * own {@link Sequence}) is OpenNLP's. {@link BeamTagger} and {@link BeamLemmatizer} decode with
 * it.
 */
final class OnePassBeamSearch {

  /** The minimum sequence score OpenNLP's {@code BeamSearch.bestSequence} uses. */
  private static final double ZERO_LOG = -100000;

  private OnePassBeamSearch() {}

  /** The outcomes at or above the beam's cut-off for one context: indices ascending, scores. */
  record Candidates(int[] outcomes, double[] scores) {}

  /** The model's context of position i after the outcomes so far. */
  @FunctionalInterface
  interface Contexts {
    String[] of(int i, String[] outcomes);
  }

  /** The model's scores for a context. */
  interface Scores {
    /** The outcomes at or above the beam's cut-off ({@link #cut}). */
    Candidates top(String[] context);

    /**
     * Every outcome's score for the context just given to {@link #top} (OpenNLP's fall-back when
     * none of the top outcomes is valid).
     */
    double[] all(String[] context);
  }

  /**
   * The best outcome sequence for {@code input}, as OpenNLP's beam search of width {@code size}
   * finds it.
   *
   * @param what what decodes, for the message when no sequence is valid
   * @throws IllegalStateException when no valid sequence exists
   */
  static List<String> decode(String[] input, int size, Contexts contexts, Scores scores,
      SequenceValidator<String> validator, MaxentModel model, String what) {
    PriorityQueue<Sequence> prev = new PriorityQueue<>(size);
    PriorityQueue<Sequence> next = new PriorityQueue<>(size);
    prev.add(new Sequence());
    for (int i = 0; i < input.length; i++) {
      int hypotheses = Math.min(size, prev.size());
      for (int h = 0; !prev.isEmpty() && h < hypotheses; h++) {
        Sequence best = prev.remove();
        String[] outcomes = best.getOutcomes().toArray(new String[0]);
        String[] context = contexts.of(i, outcomes);
        Candidates c = scores.top(context);
        for (int j = 0; j < c.outcomes().length; j++) {
          add(i, input, outcomes, best, model.getOutcome(c.outcomes()[j]), c.scores()[j],
              validator, next);
        }
        if (next.isEmpty()) {
          // As OpenNLP: when no top outcome is valid, every valid outcome advances.
          double[] all = scores.all(context);
          for (int p = 0; p < all.length; p++) {
            add(i, input, outcomes, best, model.getOutcome(p), all[p], validator, next);
          }
        }
      }
      prev.clear();
      PriorityQueue<Sequence> swap = prev;
      prev = next;
      next = swap;
    }
    if (prev.isEmpty()) {
      throw new IllegalStateException("the " + what + " found no valid sequence");
    }
    return prev.remove().getOutcomes();
  }

  private static void add(int i, String[] input, String[] outcomes, Sequence best, String out,
      double score, SequenceValidator<String> validator, PriorityQueue<Sequence> next) {
    if (validator.validSequence(i, input, outcomes, out)) {
      Sequence extended = new Sequence(best, out, score);
      if (extended.getScore() > ZERO_LOG) {
        next.add(extended);
      }
    }
  }

  /**
   * The outcomes whose score is at or above the cut-off of a beam of width {@code size}, with
   * {@code top} (at least {@code size} long) as scratch space.
   */
  static Candidates cut(double[] scores, int size, double[] top) {
    double min = kthLargest(scores, size, top);
    int n = 0;
    for (double s : scores) {
      if (s >= min) {
        n++;
      }
    }
    int[] outcomes = new int[n];
    double[] values = new double[n];
    for (int p = 0, j = 0; p < scores.length; p++) {
      if (scores[p] >= min) {
        outcomes[j] = p;
        values[j++] = scores[p];
      }
    }
    return new Candidates(outcomes, values);
  }

  /**
   * The cut-off of OpenNLP's beam search of width {@code size} over {@code scores}: {@code
   * sorted[max(0, n − size)]} of their ascending sort (the size-th largest, duplicates counted,
   * in the order of {@link Double#compare}), found in one pass with {@code top} (at least {@code
   * size} long) as scratch space.
   */
  static double kthLargest(double[] scores, int size, double[] top) {
    int k = Math.min(size, scores.length);
    // top[0..filled) holds the largest values seen so far, descending.
    int filled = 0;
    for (double s : scores) {
      if (filled < k) {
        int j = filled++;
        while (j > 0 && Double.compare(top[j - 1], s) < 0) {
          top[j] = top[j - 1];
          j--;
        }
        top[j] = s;
      } else if (Double.compare(s, top[k - 1]) > 0) {
        int j = k - 1;
        while (j > 0 && Double.compare(top[j - 1], s) < 0) {
          top[j] = top[j - 1];
          j--;
        }
        top[j] = s;
      }
    }
    return top[k - 1];
  }
}
