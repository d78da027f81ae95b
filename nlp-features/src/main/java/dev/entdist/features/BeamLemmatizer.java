package dev.entdist.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Second, the model's context of a token holds only the token, its tag and the previous
 * decision, which recur across a corpus; the outcomes that pass the beam's cut-off for a context
 * are remembered (a bounded memo, cleared when full), so the maximum-entropy model (exponentials
 * over every outcome) is evaluated once per distinct context. The model is a pure function of
 * the context, so this changes no result either; in the rare case that none of the remembered
 * outcomes is valid the model is evaluated again for OpenNLP's fall-back.
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
  private final Map<List<String>, Candidates> memo = new HashMap<>();
  private long evaluations;
  private long lookups;

  /** Maximum number of remembered contexts; the memo is cleared when it is reached. */
  static final int MEMO_LIMIT = 200_000;

  /** The outcomes at or above the cut-off for one context: indices ascending, probabilities. */
  private record Candidates(int[] outcomes, double[] scores) {}

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
        Candidates c = candidates(context);
        for (int j = 0; j < c.outcomes.length; j++) {
          add(i, tokens, outcomes, best, c.outcomes[j], c.scores[j], next);
        }
        if (next.isEmpty()) {
          // As OpenNLP: when no top outcome is valid, every valid outcome advances.
          double[] scores = model.eval(context, probs);
          evaluations++;
          for (int p = 0; p < scores.length; p++) {
            add(i, tokens, outcomes, best, p, scores[p], next);
          }
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

  private Candidates candidates(String[] context) {
    lookups++;
    List<String> key = List.of(context);
    Candidates c = memo.get(key);
    if (c != null) {
      return c;
    }
    double[] scores = model.eval(context, probs);
    evaluations++;
    double min = kthLargest(scores);
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
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    c = new Candidates(outcomes, values);
    memo.put(key, c);
    return c;
  }

  private void add(int i, String[] tokens, String[] outcomes, Sequence best, int p, double score,
      PriorityQueue<Sequence> next) {
    String out = model.getOutcome(p);
    if (validator.validSequence(i, tokens, outcomes, out)) {
      Sequence extended = new Sequence(best, out, score);
      if (extended.getScore() > ZERO_LOG) {
        next.add(extended);
      }
    }
  }

  /** How many contexts were looked up, and how many of them needed the model. */
  long[] memoStatistics() {
    return new long[] {lookups, evaluations};
  }

  /**
   * The value OpenNLP takes as the cut-off, {@code sorted[max(0, n − size)]} of the ascending
   * sort: the size-th largest (duplicates counted), in the order of {@link Double#compare}.
   */
  double kthLargest(double[] scores) {
    return kthLargest(scores, size, top);
  }

  /**
   * The cut-off of OpenNLP's beam search of width {@code size} over {@code scores}: {@code
   * sorted[max(0, n − size)]} of their ascending sort, found in one pass with {@code top} (at
   * least {@code size} long) as scratch space.
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
