package dev.entdist.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Corpus;
import dev.entdist.trainer.InventoryMixing;
import dev.entdist.trainer.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --inventory auto}: the held-out choice decides what the model file holds. */
class InventoryAutoTest {

  @Test
  void theModelIsWhatTheHeldOutChoiceKept() {
    List<AnnotatedExample> examples = new ArrayList<>(BundledCorpus.load("cell").examples());
    examples.addAll(BundledCorpus.load("bank").examples());
    Corpus corpus = new Corpus("cell+bank", examples);
    TrainedModel m = Training.train(corpus, TrainSettings.defaults().withInventoryAuto(true)
        .withTrainer(TrainerConfig.defaults().withThreads(2).withMaxIter(60)), Monitor.SILENT);
    InventoryMixing.Choice c = m.inventory();
    assertNotNull(c);
    assertTrue(c.heldOut() > 0 && c.heldOut() < corpus.size(), "held out " + c.heldOut());
    assertEquals(c.meanKlMixed() < c.meanKlUnrestricted(), c.restrict(), c.toString());
    assertEquals(c.restrict(), m.model().softmax().restricted());
    if (c.restrict()) {
      assertEquals(c.weight(), m.model().softmax().unrestrictedWeight(), 0.0);
    }
    // the model reads text and has its word summaries like any other
    assertEquals(List.of("bank", "cell"), m.model().softmax().wordSummaries().keySet().stream()
        .sorted().toList());
  }
}
