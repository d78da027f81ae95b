package dev.entdist.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Figures against stats_expected.json, computed independently by stats_reference.py. */
class CorpusStatsTest {

  private static final double TOL = 1e-12;

  @TempDir Path dir;

  /** The corpus and the file of its reference figures. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"good.jsonl, stats_expected.json", "crowd.jsonl, stats_expected_crowd.json"})
  void figuresMatchTheIndependentCount(String corpus, String expected) throws Exception {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream(expected)) {
      ref = new ObjectMapper().readTree(in);
    }
    CorpusStats.Builder b = CorpusStats.builder();
    Fixtures.readAll(Fixtures.copy(corpus, dir), ReadOptions.defaults()).forEach(b::add);
    CorpusStats s = b.build();

    assertEquals(ref.get("examples").asLong(), s.examples());
    assertEquals(ref.get("targets").asInt(), s.targets());
    List<String> labels = new ArrayList<>();
    ref.get("labels").forEach(n -> labels.add(n.asText()));
    assertEquals(labels, s.labels());
    assertEquals(ref.get("mean_entropy_nats").asDouble(), s.meanEntropyNats(), TOL);
    assertEquals(ref.get("non_onehot_fraction").asDouble(), s.nonOneHotFraction(), TOL);
    assertEquals(ref.get("mean_annotators").asDouble(), s.meanAnnotators(), TOL);
    assertAgreement(ref.get("agreement"), s.agreement());

    assertEquals(ref.get("per_word").size(), s.words().size());
    for (CorpusStats.WordStats w : s.words()) {
      JsonNode r = ref.get("per_word").get(w.word());
      assertEquals(r.get("count").asLong(), w.count());
      assertEquals(r.get("mean_entropy_nats").asDouble(), w.meanEntropyNats(), TOL);
      assertEquals(r.get("type_entropy_nats").asDouble(), w.typeEntropyNats(), TOL);
      assertEquals(r.get("non_onehot_fraction").asDouble(), w.nonOneHotFraction(), TOL);
      assertEquals(r.get("type_distribution").size(), w.typeDistribution().size());
      for (Map.Entry<String, Double> p : w.typeDistribution().entrySet()) {
        assertEquals(r.get("type_distribution").get(p.getKey()).asDouble(), p.getValue(), TOL);
      }
      assertAgreement(r.get("agreement"), w.agreement());
    }
    assertEquals(ref.get("per_label").size(), s.labelStats().size());
    for (CorpusStats.LabelStats l : s.labelStats()) {
      JsonNode r = ref.get("per_label").get(l.label());
      assertEquals(r.get("argmax_count").asLong(), l.argmaxCount(), l.label());
      assertEquals(r.get("mass").asDouble(), l.mass(), TOL);
      assertEquals(r.get("words").asInt(), l.words());
    }
    assertEquals("cell", s.mostAmbiguous(1).get(0).word());
    Map<String, Long> answers = new java.util.TreeMap<>();
    ref.get("answers_per_annotator").fields()
        .forEachRemaining(f -> answers.put(f.getKey(), f.getValue().asLong()));
    assertEquals(answers, s.answersPerAnnotator());
  }

  private static void assertAgreement(JsonNode r, CorpusStats.Agreement a) {
    assertEquals(r.get("items").asLong(), a.items());
    if (a.items() == 0) {
      assertEquals(Double.NaN, a.meanPairwiseAgreement());
      return;
    }
    assertEquals(r.get("mean_pairwise_agreement").asDouble(), a.meanPairwiseAgreement(), TOL);
    assertEquals(r.get("fleiss_kappa").asDouble(), a.fleissKappa(), TOL);
    assertEquals(r.get("krippendorff_alpha").asDouble(), a.krippendorffAlpha(), TOL);
  }
}
