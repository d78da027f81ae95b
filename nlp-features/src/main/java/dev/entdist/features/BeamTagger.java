package dev.entdist.features;

import java.util.List;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.util.SequenceValidator;

/**
 * OpenNLP's {@code POSTaggerME} (2.5.x) decoding through {@link OnePassBeamSearch}, whose one
 * change cannot alter its result: OpenNLP's {@code BeamSearch} copies and sorts all of the
 * model's outcome probabilities for every hypothesis at every token to find the beam's cut-off
 * (the k-th largest); the one-pass search selects the k largest instead. That sort was about a
 * quarter of a served query's time. The context generator, the sequence validator, the queue
 * order, the score arithmetic (OpenNLP's own {@code Sequence}) and the tag format conversion are
 * OpenNLP's, so the tags are identical; a test checks them against {@code POSTaggerME} on every
 * sentence of the bundled corpus. Not thread-safe (one per thread, like the OpenNLP tools).
 */
final class BeamTagger extends POSTaggerME {

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
    List<String> tags = OnePassBeamSearch.decode(sentence, beamSize,
        (i, outcomes) -> cg.getContext(i, sentence, outcomes, additional),
        new OnePassBeamSearch.Scores() {
          @Override
          public OnePassBeamSearch.Candidates top(String[] context) {
            return OnePassBeamSearch.cut(model.eval(context, probs), beamSize, top);
          }

          @Override
          public double[] all(String[] context) {
            return probs; // the scores top() just computed for this context
          }
        }, validator, model, "tagger");
    // As POSTaggerME: tags already in the UD format are kept, others converted to it.
    return posTagFormatMapper.getGuessedFormat() == POSTagFormat.UD
        ? tags.toArray(new String[0])
        : posTagFormatMapper.convertTags(tags);
  }
}
