package dev.entdist.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.trainer.Evaluation.Metrics;
import dev.entdist.trainer.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Regimes compared on the same splits, with typed results. */
class ComparisonTest {

  private static Corpus corpus;
  private static RepeatedComparison rc;

  @BeforeAll
  static void compare() {
    List<AnnotatedExample> examples = new ArrayList<>(BundledCorpus.load("cell").examples());
    examples.addAll(BundledCorpus.load("mouse").examples());
    corpus = new Corpus("cell+mouse", examples);
    rc = Comparison.compare(corpus, CompareSettings.defaults().withRepeats(2)
        .withTrainer(TrainerConfig.defaults().withThreads(2)), Monitor.SILENT);
  }

  @Test
  void theReferenceIsTheMeanAnnotationOfTheHeldOutOccurrences() {
    CorpusSplit split = CorpusSplit.bySentence(corpus.examples(), 0.2, 1);
    assertEquals(split.test().size(), rc.first().test());
    assertEquals(List.of("cell", "mouse"), rc.words().stream().sorted().toList());
    for (String word : rc.words()) {
      List<AnnotatedExample> held = split.test().stream()
          .filter(e -> e.word().equals(word)).toList();
      double[] mean = new double[corpus.labels().size()];
      for (AnnotatedExample e : held) {
        double[] d = e.distributionOver(corpus.labels());
        for (int j = 0; j < mean.length; j++) {
          mean[j] += d[j] / held.size();
        }
      }
      assertArrayEquals(mean, rc.first().reference().get(word), 1e-12);
    }
  }

  @Test
  void repeatedFiguresAreMeansOverTheSplits() {
    assertEquals(List.of("soft", "onehot"), rc.regimes());
    assertEquals(2, rc.repeats());
    assertEquals(List.of(1L, 2L), rc.runs().stream().map(Comparison.Run::seed).toList());
    List<Double> kl = rc.perRun("soft", Metrics::meanKl);
    assertEquals((kl.get(0) + kl.get(1)) / 2, rc.mean("soft", Metrics::meanKl), 1e-15);
    assertEquals(Math.abs(kl.get(0) - kl.get(1)) / Math.sqrt(2), rc.std("soft", Metrics::meanKl),
        1e-12);
    for (String regime : rc.regimes()) {
      assertEquals(rc.first().test(), rc.first().regime(regime).predictions().length);
    }
  }

  @Test
  void oneHotTrainingIsSharperThanSoftTraining() {
    assertTrue(rc.mean("onehot", Metrics::meanEntropyPred)
        < rc.mean("soft", Metrics::meanEntropyPred));
  }

  @Test
  void aRequestedWordWithoutHeldOutOccurrencesIsRefused() {
    assertThrows(PipelineException.class, () -> Comparison.compare(corpus,
        CompareSettings.defaults().withWords(List.of("bank")), Monitor.SILENT));
  }

  @Test
  void meanAndSampleStandardDeviationFollowTheirDefinitions() {
    assertEquals(2.0, RepeatedComparison.mean(List.of(1.0, 3.0)));
    assertEquals(Math.sqrt(2.0), RepeatedComparison.std(List.of(1.0, 3.0)), 1e-15);
    assertTrue(Double.isNaN(RepeatedComparison.std(List.of(1.0))), "one run has no spread");
  }
}
