package dev.entdist.corpora.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Annotation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One EM iteration worked out by hand on three items, two labels (A, B) and three annotators:
 * item 0: x=A, y=A, z=B; item 1: x=B, y=B, z=B; item 2: x=A, y=B.
 */
class EmByHandTest {

  private static final double TOL = 1e-12;

  static CrowdAnswers tiny() {
    return CrowdAnswers.ofArrays(List.of("A", "B"), List.of("x", "y", "z"),
        new int[] {0, 0, 0, 1, 1, 1, 2, 2},
        new int[] {0, 1, 2, 0, 1, 2, 0, 1},
        new int[] {0, 0, 1, 1, 1, 1, 0, 1});
  }

  @Test
  void majorityVoteIsTheVoteProportions() {
    AggregationResult r = Aggregator.fit(tiny(), AggregationMethod.MAJORITY,
        AggregationSettings.DEFAULTS);
    assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0}, r.posterior(0), TOL);
    assertArrayEquals(new double[] {0, 1}, r.posterior(1), TOL);
    assertArrayEquals(new double[] {0.5, 0.5}, r.posterior(2), TOL);
    assertEquals(0, r.iterations());
    assertTrue(r.converged());
    assertTrue(Double.isNaN(r.logLikelihood()));
  }

  /**
   * From the majority start T0 = (2/3, 1/3), T1 = (0, 1), T2 = (1/2, 1/2), without smoothing.
   * M-step: π = (7/6, 11/6) / 3 = (7/18, 11/18). Rows (true label) of the confusion matrices,
   * from the T-weighted answers: x: A → (7/6, 0) = (1, 0), B → (5/6, 1) = (5/11, 6/11); y: A →
   * (2/3, 1/2) = (4/7, 3/7), B → (1/3, 3/2) = (2/11, 9/11); z answered only B: (0, 1) in both
   * rows. E-step: item 0: A ∝ 7/18·1·4/7·1 = 2/9, B ∝ 11/18·5/11·2/11·1 = 5/99, so T0 = (22/27,
   * 5/27); item 1: A ∝ 0 (x never answered B for A), B ∝ 11/18·6/11·9/11 = 3/11; item 2: A ∝
   * 7/18·1·3/7 = 1/6, B ∝ 11/18·5/11·9/11 = 5/22, so T2 = (11/26, 15/26). The log-likelihood is
   * log(2/9 + 5/99) + log(3/11) + log(1/6 + 5/22) = log(27/99) + log(3/11) + log(26/66).
   */
  @Test
  void oneDawidSkeneIteration() {
    AggregationResult r = Aggregator.fit(tiny(), AggregationMethod.DAWID_SKENE,
        new AggregationSettings(1, 0, 0));
    assertEquals(1, r.iterations());
    assertFalse(r.converged());
    assertEquals(7 / 18.0, r.prior().get(0), TOL);
    assertEquals(11 / 18.0, r.prior().get(1), TOL);
    AnnotatorQuality x = r.annotators().get(0);
    assertEquals(1.0, x.confusion().get(0).get(0), TOL);
    assertEquals(0.0, x.confusion().get(0).get(1), TOL);
    assertEquals(5 / 11.0, x.confusion().get(1).get(0), TOL);
    assertEquals(6 / 11.0, x.confusion().get(1).get(1), TOL);
    AnnotatorQuality y = r.annotators().get(1);
    assertEquals(4 / 7.0, y.confusion().get(0).get(0), TOL);
    assertEquals(2 / 11.0, y.confusion().get(1).get(0), TOL);
    assertEquals(1.0, r.annotators().get(2).confusion().get(0).get(1), TOL);
    assertArrayEquals(new double[] {22 / 27.0, 5 / 27.0}, r.posterior(0), TOL);
    assertArrayEquals(new double[] {0, 1}, r.posterior(1), TOL);
    assertArrayEquals(new double[] {11 / 26.0, 15 / 26.0}, r.posterior(2), TOL);
    assertEquals(Math.log(27 / 99.0) + Math.log(3 / 11.0) + Math.log(26 / 66.0),
        r.logLikelihood(), TOL);
    // x's expected accuracy: the mean posterior of the answers A, B, A.
    assertEquals((22 / 27.0 + 1 + 11 / 26.0) / 3, x.accuracy(), TOL);
  }

  /**
   * One-coin from the same start: p_x = (T0A + T1B + T2A)/3 = (2/3 + 1 + 1/2)/3 = 13/18, p_y =
   * (2/3 + 1 + 1/2)/3 = 13/18, p_z = (1/3 + 1)/2 = 2/3; π as Dawid–Skene. Item 2 (x=A, y=B):
   * A ∝ 7/18·13/18·5/18, B ∝ 11/18·5/18·13/18, so T2 = (7/18, 11/18).
   */
  @Test
  void oneOneCoinIteration() {
    AggregationResult r = Aggregator.fit(tiny(), AggregationMethod.ONE_COIN,
        new AggregationSettings(1, 0, 0));
    assertEquals(13 / 18.0, r.annotators().get(0).confusion().get(0).get(0), TOL);
    assertEquals(5 / 18.0, r.annotators().get(0).confusion().get(0).get(1), TOL);
    assertEquals(2 / 3.0, r.annotators().get(2).confusion().get(1).get(1), TOL);
    assertArrayEquals(new double[] {7 / 18.0, 11 / 18.0}, r.posterior(2), TOL);
  }

  /**
   * MACE from the same start, θ = 1/2 and ξ uniform: x's answer A on item 0 was true with
   * probability T0A·(1/2)/(1/2 + 1/2·1/2) = 2/3·2/3 = 4/9; over x's answers (A, B, A with T =
   * 2/3, 1, 1/2) the true shares are 4/9 + 2/3 + 1/3 = 13/9, so θ_x = 13/27, and the spam counts
   * are A: (1 − 4/9) + (1 − 1/3) = 11/9, B: 1/3, so ξ_x = (11/14, 3/14).
   */
  @Test
  void oneMaceIteration() {
    AggregationResult r = Aggregator.fit(tiny(), AggregationMethod.MACE,
        new AggregationSettings(1, 0, 0));
    AnnotatorQuality x = r.annotators().get(0);
    assertEquals(1 - 13 / 27.0, x.spamProbability(), TOL);
    assertEquals(13 / 27.0 + 14 / 27.0 * 11 / 14.0, x.confusion().get(0).get(0), TOL);
    assertEquals(14 / 27.0 * 3 / 14.0, x.confusion().get(0).get(1), TOL);
    assertEquals(0.5, r.prior().get(0), TOL);
  }

  @Test
  void applyGivesEachAnnotatedOccurrenceItsPosteriorAndKeepsTheRest() {
    AnnotatedExample plain = AnnotatedExample.of("p", "a cell", "cell", 2, 6, Map.of("x", 1.0));
    List<AnnotatedExample> corpus = List.of(
        annotated("0", List.of(new Annotation("x", "A"), new Annotation("y", "A"),
            new Annotation("z", "B"))),
        plain,
        annotated("1", List.of(new Annotation("x", "B"), new Annotation("y", "B"),
            new Annotation("z", "B"))),
        annotated("2", List.of(new Annotation("x", "A"), new Annotation("y", "B"))));
    Aggregator.Aggregated a = Aggregator.apply(corpus, AggregationMethod.DAWID_SKENE,
        new AggregationSettings(1, 0, 0));
    assertEquals(plain, a.examples().get(1));
    assertEquals(22 / 27.0, a.examples().get(0).labels().get("A"), TOL);
    assertEquals(Map.of("B", 1.0), a.examples().get(2).labels());
    assertEquals(corpus.get(3).annotations(), a.examples().get(3).annotations());
    assertEquals(Map.of("A", 1, "B", 1), a.examples().get(3).votes());
    assertEquals(3, a.answers().exampleOf(2));
  }

  private static AnnotatedExample annotated(String id, List<Annotation> answers) {
    Map<String, Integer> votes = AnnotatedExample.countVotes(answers);
    int total = answers.size();
    Map<String, Double> labels = new java.util.TreeMap<>();
    votes.forEach((k, v) -> labels.put(k, v / (double) total));
    return new AnnotatedExample(id, "a bank", "bank", 2, 6, labels, votes, total, Map.of(),
        answers);
  }
}
