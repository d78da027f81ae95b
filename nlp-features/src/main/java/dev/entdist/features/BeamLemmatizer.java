package dev.entdist.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.lemmatizer.LemmatizerContextGenerator;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.SequenceValidator;

/**
 * The beam search of OpenNLP's {@code LemmatizerME} (2.5.x) through {@link OnePassBeamSearch}:
 * the beam's cut-off is found in one pass instead of a sort of every outcome probability for every
 * hypothesis at every token, which with the English model's many edit-script outcomes was about
 * half the lemmatiser's time. Everything else (context generator, validator, queue order, score
 * arithmetic through OpenNLP's own {@code Sequence}) is OpenNLP's, so the lemmas are identical; a
 * test and the benchmark check it against {@code LemmatizerME}.
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

  private final MaxentModel model;
  private final int size;
  private final LemmatizerContextGenerator contextGenerator;
  private final SequenceValidator<String> validator;
  private final double[] probs;
  private final double[] top;
  private final Map<List<String>, OnePassBeamSearch.Candidates> memo = new HashMap<>();
  private long evaluations;
  private long lookups;

  /** Maximum number of remembered contexts; the memo is cleared when it is reached. */
  static final int MEMO_LIMIT = 200_000;

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
    List<String> ses = OnePassBeamSearch.decode(tokens, size,
        (i, outcomes) -> contextGenerator.getContext(i, tokens, outcomes, additional),
        new OnePassBeamSearch.Scores() {
          @Override
          public OnePassBeamSearch.Candidates top(String[] context) {
            return candidates(context);
          }

          @Override
          public double[] all(String[] context) {
            evaluations++;
            return model.eval(context, probs);
          }
        }, validator, model, "lemmatizer");
    return LemmatizerME.decodeLemmas(tokens, ses.toArray(new String[0]));
  }

  private OnePassBeamSearch.Candidates candidates(String[] context) {
    lookups++;
    List<String> key = List.of(context);
    OnePassBeamSearch.Candidates c = memo.get(key);
    if (c != null) {
      return c;
    }
    c = OnePassBeamSearch.cut(model.eval(context, probs), size, top);
    evaluations++;
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.put(key, c);
    return c;
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
    return OnePassBeamSearch.kthLargest(scores, size, top);
  }
}
