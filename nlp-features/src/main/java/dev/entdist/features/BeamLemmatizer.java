package dev.entdist.features;

import java.util.PriorityQueue;
import opennlp.tools.lemmatizer.LemmatizerContextGenerator;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.Sequence;
import opennlp.tools.util.SequenceValidator;

/**
 * The beam search of OpenNLP's {@code LemmatizerME} (2.5.x), step for step, with one change that
 * cannot alter its result: to find the beam's cut-off — the k-th largest outcome probability —
 * OpenNLP copies and sorts all of the model's outcome probabilities for every hypothesis at every
 * token; this class selects the k largest in one pass. With the English model's many edit-script
 * outcomes that sort is about half the lemmatiser's time. Everything else (context generator,
 * validator, queue order, score arithmetic through OpenNLP's own {@link Sequence}) is OpenNLP's,
 * so the lemmas are identical; a test and the benchmark check it against {@code LemmatizerME}.
 * Not thread-safe (one per thread, like the OpenNLP tools).
 */
final class BeamLemmatizer {

  /** The minimum sequence score OpenNLP's {@code BeamSearch.bestSequence} uses. */
  private static final double ZERO_LOG = -100000;

  private final MaxentModel model;
  private final int size;
  private final LemmatizerContextGenerator contextGenerator;
  private final SequenceValidator<String> validator;
  private final double[] probs;
  private final double[] top;

  private BeamLemmatizer(LemmatizerModel lemmatizerModel, MaxentModel model, int size) {
    this.model = model;
    this.size = size;
    this.contextGenerator = lemmatizerModel.getFactory().getContextGenerator();
    this.validator = lemmatizerModel.getFactory().getSequenceValidator();
    this.probs = new double[model.getNumOutcomes()];
    this.top = new double[size];
  }

  /**
   * A decoder for {@code lemmatizerModel}, or null when the model is not a maximum-entropy model
   * decoded by beam search (then only {@code LemmatizerME} can run it).
   */
  static BeamLemmatizer of(LemmatizerModel lemmatizerModel) {
    Object artifact = lemmatizerModel.getArtifact("lemmatizer.model");
    if (!(artifact instanceof MaxentModel maxent)) {
      return null;
    }
    String beam = lemmatizerModel.getManifestProperty("BeamSize");
    int size = beam == null ? LemmatizerME.DEFAULT_BEAM_SIZE : Integer.parseInt(beam);
    return new BeamLemmatizer(lemmatizerModel, maxent, size);
  }

  /** The lemmas of {@code tokens} tagged {@code tags}, as {@code LemmatizerME.lemmatize}. */
  String[] lemmatize(String[] tokens, String[] tags) {
    Object[] additional = {tags};
    PriorityQueue<Sequence> prev = new PriorityQueue<>(size);
    PriorityQueue<Sequence> next = new PriorityQueue<>(size);
    prev.add(new Sequence());
    for (int i = 0; i < tokens.length; i++) {
      int hypotheses = Math.min(size, prev.size());
      for (int h = 0; !prev.isEmpty() && h < hypotheses; h++) {
        Sequence best = prev.remove();
        String[] outcomes = best.getOutcomes().toArray(new String[0]);
        String[] context = contextGenerator.getContext(i, tokens, outcomes, additional);
        double[] scores = model.eval(context, probs);
        double min = kthLargest(scores);
        extend(i, tokens, outcomes, best, scores, min, next);
        if (next.isEmpty()) {
          // As OpenNLP: when no top outcome is valid, every valid outcome advances.
          extend(i, tokens, outcomes, best, scores, Double.NEGATIVE_INFINITY, next);
        }
      }
      prev.clear();
      PriorityQueue<Sequence> swap = prev;
      prev = next;
      next = swap;
    }
    if (prev.isEmpty()) {
      throw new IllegalStateException("the lemmatizer found no valid sequence");
    }
    String[] ses = prev.remove().getOutcomes().toArray(new String[0]);
    return LemmatizerME.decodeLemmas(tokens, ses);
  }

  private void extend(int i, String[] tokens, String[] outcomes, Sequence best, double[] scores,
      double min, PriorityQueue<Sequence> next) {
    boolean all = min == Double.NEGATIVE_INFINITY;
    for (int p = 0; p < scores.length; p++) {
      if (all || scores[p] >= min) {
        String out = model.getOutcome(p);
        if (validator.validSequence(i, tokens, outcomes, out)) {
          Sequence extended = new Sequence(best, out, scores[p]);
          if (extended.getScore() > ZERO_LOG) {
            next.add(extended);
          }
        }
      }
    }
  }

  /**
   * The value OpenNLP takes as the cut-off, {@code sorted[max(0, n − size)]} of the ascending
   * sort: the size-th largest (duplicates counted), in the order of {@link Double#compare}.
   */
  double kthLargest(double[] scores) {
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
