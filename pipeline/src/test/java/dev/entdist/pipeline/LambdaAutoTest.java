package dev.entdist.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Corpus;
import dev.entdist.divergence.SparseVector;
import dev.entdist.trainer.TrainerConfig;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --lambda auto} through the pipeline: folds of whole sentences, a warm final fit. */
class LambdaAutoTest {

  private static final String TEXT = "The cell in the lab and the cell on the desk.";

  @Test
  void rowsOfOneSentenceShareASentenceNumberWhateverTheRegime() {
    AnnotatedExample a = AnnotatedExample.of("a", TEXT, "cell", 4, 8, Map.of("biology", 1.0));
    AnnotatedExample b = AnnotatedExample.of("b", TEXT, "cell", 28, 32, Map.of("device", 1.0));
    AnnotatedExample c = AnnotatedExample.of("c", "A cell.", "cell", 2, 6,
        Map.of("biology", 0.5, "device", 0.5));
    Map<AnnotatedExample, SparseVector> x = new IdentityHashMap<>();
    for (AnnotatedExample e : List.of(a, b, c)) {
      x.put(e, SparseVector.of(new int[] {e.start()}, new double[] {1}));
    }
    Training.Rows rows = Training.sentenceRows(dev.entdist.corpora.TrainingRegime.parse("soft"),
        List.of(a, b, c), List.of("biology", "device"), x, false, 1);
    assertEquals(3, rows.data().size());
    assertEquals(rows.sentences()[0], rows.sentences()[1]);
    assertNotEquals(rows.sentences()[0], rows.sentences()[2]);
  }

  @Test
  void oneSentenceIsNotEnoughToCrossValidate() {
    Corpus one = new Corpus("one sentence", List.of(
        AnnotatedExample.of("a", TEXT, "cell", 4, 8, Map.of("biology", 1.0)),
        AnnotatedExample.of("b", TEXT, "cell", 28, 32, Map.of("device", 1.0))));
    PipelineException e = assertThrows(PipelineException.class, () -> Training.train(one,
        TrainSettings.defaults().withLambdaAuto(true), Monitor.SILENT));
    assertTrue(e.getMessage().contains("2 training sentences"), e.getMessage());
  }

  @Test
  void theSearchReportsItsFoldsAndTheFinalFitUsesTheChosenLambda() {
    Corpus cell = BundledCorpus.load("cell");
    TrainedModel m = Training.train(cell, TrainSettings.defaults().withLambdaAuto(true)
        .withTrainer(TrainerConfig.defaults().withThreads(2)), Monitor.SILENT);
    assertNotNull(m.search());
    assertEquals(Training.LAMBDA_FOLDS, m.search().folds());
    assertNotNull(m.search().start(), "an L-BFGS search hands its folds to the final fit");
    assertEquals(m.search().chosen(), m.stats().lambda(), 0.0);
    assertTrue(m.stats().converged(), m.stats().toString());
  }
}
