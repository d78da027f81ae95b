package dev.entdist.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.trainer.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Training and comparing on aggregated annotator-level answers. */
class AggregationPipelineTest {

  private static final TrainerConfig TRAINER = TrainerConfig.defaults().withThreads(1);

  /**
   * The bundled "cell" occurrences, each answered by 4 of 5 seeded annotators (the last answers
   * at random) around its most probable label; labels as read are kept as the reference.
   */
  static Corpus crowd() {
    List<AnnotatedExample> cell = BundledCorpus.load("cell").examples();
    List<String> labels = new Corpus("cell", cell).labels();
    SplittableRandom random = new SplittableRandom(11);
    List<AnnotatedExample> out = new ArrayList<>();
    for (AnnotatedExample e : cell) {
      String truth = e.labels().entrySet().stream().max(Map.Entry.comparingByValue())
          .orElseThrow().getKey();
      List<dev.entdist.corpora.Annotation> answers = new ArrayList<>();
      int skip = random.nextInt(5);
      for (int a = 0; a < 5; a++) {
        if (a == skip) {
          continue;
        }
        boolean honest = a < 4 && random.nextDouble() < 0.8;
        String label = honest ? truth : labels.get(random.nextInt(labels.size()));
        answers.add(new dev.entdist.corpora.Annotation("w" + a, label));
      }
      out.add(new AnnotatedExample(e.id(), e.text(), e.target(), e.start(), e.end(), e.labels(),
          AnnotatedExample.countVotes(answers), 4, e.extra(), answers));
    }
    return new Corpus("cell-crowd", out);
  }

  private static Corpus voteShares(Corpus c) {
    List<AnnotatedExample> out = new ArrayList<>();
    for (AnnotatedExample e : c.examples()) {
      Map<String, Double> shares = new TreeMap<>();
      e.votes().forEach((k, v) -> shares.put(k, v / 4.0));
      out.add(e.withAggregatedLabels(shares));
    }
    return new Corpus(c.source(), out);
  }

  @Test
  void compareTrainsEveryRegimeUnderEveryAggregationAgainstTheLabelsAsRead() {
    Corpus crowd = crowd();
    CompareSettings settings = CompareSettings.defaults().withTrainer(TRAINER)
        .withAggregations(List.of(AggregationMethod.MAJORITY, AggregationMethod.DAWID_SKENE));
    RepeatedComparison rc = Comparison.compare(crowd, settings, Monitor.SILENT);
    assertEquals(List.of("majority/soft", "majority/onehot", "dawid-skene/soft",
        "dawid-skene/onehot"), rc.regimes());

    RepeatedComparison plain = Comparison.compare(crowd, CompareSettings.defaults()
        .withTrainer(TRAINER), Monitor.SILENT);
    assertArrayEquals(plain.first().references(), rc.first().references());

    // Majority vote is the vote shares: the same model as training on them directly.
    Corpus shares = voteShares(crowd);
    RepeatedComparison direct = Comparison.compare(shares, CompareSettings.defaults()
        .withTrainer(TRAINER), Monitor.SILENT);
    double[][] a = direct.first().regime("soft").predictions();
    double[][] b = rc.first().regime("majority/soft").predictions();
    assertEquals(direct.first().labels(), rc.first().labels());
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 1e-9);
    }
  }

  @Test
  void trainWithAggregateTrainsOnThePosteriors() {
    Corpus crowd = crowd();
    TrainSettings settings = TrainSettings.defaults().withTrainer(TRAINER)
        .withAggregate(AggregationMethod.DAWID_SKENE);
    TrainedModel viaSettings = Training.train(crowd, settings, Monitor.SILENT);
    TrainedModel direct = Training.train(Training.aggregate(crowd,
        AggregationMethod.DAWID_SKENE), settings.withAggregate(null), Monitor.SILENT);
    assertEquals(direct.stats().finalObjective(), viaSettings.stats().finalObjective(), 0);
    assertEquals(direct.model().labels(), viaSettings.model().labels());
  }

  @Test
  void aggregatingACorpusWithoutAnswersIsRefused() {
    assertThrows(PipelineException.class, () -> Training.aggregate(
        BundledCorpus.load("cell"), AggregationMethod.MAJORITY));
  }
}
