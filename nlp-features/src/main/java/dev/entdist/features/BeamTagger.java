package dev.entdist.features;

import java.util.List;
import java.util.PriorityQueue;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.util.Sequence;
import opennlp.tools.util.SequenceValidator;

/**
 * OpenNLP's {@code POSTaggerME} (2.5.x) with the one change {@link BeamLemmatizer} makes to the
 * beam search, which cannot alter its result: OpenNLP's {@code BeamSearch} copies and sorts all
 * of the model's outcome probabilities for every hypothesis at every token to find the beam's
 * cut-off (the k-th largest); this class selects the k largest in one pass. That sort was about
 * a quarter of a served query's time. The context generator, the sequence validator, the queue
 * order, the score arithmetic (OpenNLP's own {@link Sequence}) and the tag format conversion are
 * OpenNLP's, so the tags are identical; a test checks them against {@code POSTaggerME} on every
 * sentence of the bundled corpus. Not thread-safe (one per thread, like the OpenNLP tools).
 */
final class BeamTagger extends POSTaggerME {

  /** The minimum sequence score OpenNLP's {@code BeamSearch.bestSequence} uses. */
  private static final double ZERO_LOG = -100000;

  private static final Object[] NO_ADDITIONAL_CONTEXT = new Object[0];

  private final MaxentModel model;
  private final int beamSize;
  private final SequenceValidator<String> validator;
  private final double[] probs;
  private final double[] top;

  private BeamTagger(POSModel posModel, MaxentModel model, int beamSize) {
    // The UD format, as new POSTaggerME(posModel), which the tags are converted to.
    super(posModel, POSTagFormat.UD);
    this.model = model;
    this.beamSize = beamSize;
    this.validator = posModel.getFactory().getSequenceValidator();
    this.probs = new double[model.getNumOutcomes()];
    this.top = new double[beamSize];
  }

  /**
   * A tagger for {@code posModel}, or null when the model is not a maximum-entropy model decoded
   * by beam search (then only {@code POSTaggerME} can run it).
   */
  static BeamTagger of(POSModel posModel) {
    if (!(posModel.getArtifact("pos.model") instanceof MaxentModel maxent)) {
      return null;
    }
    String beam = posModel.getManifestProperty("BeamSize");
    int size = beam == null ? POSTaggerME.DEFAULT_BEAM_SIZE : Integer.parseInt(beam);
    return new BeamTagger(posModel, maxent, size);
  }

  /** The tags of {@code sentence}, as {@code POSTaggerME.tag(sentence, additionalContext)}. */
  @Override
  public String[] tag(String[] sentence, Object[] additionalContext) {
    Object[] additional = additionalContext == null ? NO_ADDITIONAL_CONTEXT : additionalContext;
    PriorityQueue<Sequence> prev = new PriorityQueue<>(beamSize);
    PriorityQueue<Sequence> next = new PriorityQueue<>(beamSize);
    prev.add(new Sequence());
    for (int i = 0; i < sentence.length; i++) {
      int hypotheses = Math.min(beamSize, prev.size());
      for (int h = 0; !prev.isEmpty() && h < hypotheses; h++) {
        Sequence best = prev.remove();
        String[] outcomes = best.getOutcomes().toArray(new String[0]);
        String[] context = cg.getContext(i, sentence, outcomes, additional);
        double[] scores = model.eval(context, probs);
        double min = BeamLemmatizer.kthLargest(scores, beamSize, top);
        for (int p = 0; p < scores.length; p++) {
          if (scores[p] >= min) {
            add(i, sentence, outcomes, best, p, scores[p], next);
          }
        }
        if (next.isEmpty()) {
          // As OpenNLP: when no top outcome is valid, every valid outcome advances.
          for (int p = 0; p < scores.length; p++) {
            add(i, sentence, outcomes, best, p, scores[p], next);
          }
        }
      }
      prev.clear();
      PriorityQueue<Sequence> swap = prev;
      prev = next;
      next = swap;
    }
    if (prev.isEmpty()) {
      throw new IllegalStateException("the tagger found no valid sequence");
    }
    List<String> tags = prev.remove().getOutcomes();
    // As POSTaggerME: tags already in the UD format are kept, others converted to it.
    return posTagFormatMapper.getGuessedFormat() == POSTagFormat.UD
        ? tags.toArray(new String[0])
        : posTagFormatMapper.convertTags(tags);
  }

  private void add(int i, String[] sentence, String[] outcomes, Sequence best, int p,
      double score, PriorityQueue<Sequence> next) {
    String out = model.getOutcome(p);
    if (validator.validSequence(i, sentence, outcomes, out)) {
      Sequence extended = new Sequence(best, out, score);
      if (extended.getScore() > ZERO_LOG) {
        next.add(extended);
      }
    }
  }
}
