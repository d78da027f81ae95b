package dev.entdist.corpora.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded synthetic crowds with planted confusion matrices and spammers: the EM methods find the
 * planted annotators and beat majority vote against the planted truth.
 */
class SyntheticCrowdTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void dawidSkeneRecoversThePlantedConfusionMatrices(long seed) {
    SyntheticCrowd crowd = SyntheticCrowd.generate(seed, 4000, 4, 12, 4, 5);
    AggregationResult ds = Aggregator.fit(crowd.answers, AggregationMethod.DAWID_SKENE,
        AggregationSettings.DEFAULTS);
    double worst = 0;
    for (int j = 0; j < crowd.confusion.length; j++) {
      for (int k = 0; k < 4; k++) {
        for (int l = 0; l < 4; l++) {
          worst = Math.max(worst, Math.abs(crowd.confusion[j][k][l]
              - ds.annotators().get(j).confusion().get(k).get(l)));
        }
      }
    }
    // Each annotator gives ~1700 answers, ~250 for the rarest true label: a cell's standard error
    // is about 0.03, so 0.12 is four of them.
    assertTrue(worst < 0.12, "largest confusion error " + worst);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void theEmMethodsBeatMajorityVoteWhenSpammersAreAbout(long seed) {
    SyntheticCrowd crowd = SyntheticCrowd.generate(seed, 4000, 4, 12, 4, 5);
    double majority = crowd.accuracy(Aggregator.fit(crowd.answers, AggregationMethod.MAJORITY,
        AggregationSettings.DEFAULTS));
    double ds = crowd.accuracy(Aggregator.fit(crowd.answers, AggregationMethod.DAWID_SKENE,
        AggregationSettings.DEFAULTS));
    double oneCoin = crowd.accuracy(Aggregator.fit(crowd.answers, AggregationMethod.ONE_COIN,
        AggregationSettings.DEFAULTS));
    double mace = crowd.accuracy(Aggregator.fit(crowd.answers, AggregationMethod.MACE,
        AggregationSettings.DEFAULTS));
    String figures = "majority " + majority + ", dawid-skene " + ds + ", one-coin " + oneCoin
        + ", mace " + mace;
    assertTrue(ds > majority + 0.03, figures);
    assertTrue(oneCoin > majority, figures);
    assertTrue(mace > majority, figures);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void maceAndOneCoinTellTheSpammersApart(long seed) {
    SyntheticCrowd crowd = SyntheticCrowd.generate(seed, 4000, 4, 12, 4, 5);
    AggregationResult mace = Aggregator.fit(crowd.answers, AggregationMethod.MACE,
        AggregationSettings.DEFAULTS);
    AggregationResult oneCoin = Aggregator.fit(crowd.answers, AggregationMethod.ONE_COIN,
        AggregationSettings.DEFAULTS);
    double leastSpammy = 1;
    double mostHonest = 1;
    double spammerAccuracy = 0;
    double honestAccuracy = 1;
    for (int j = 0; j < 12; j++) {
      double spam = mace.annotators().get(j).spamProbability();
      double accuracy = oneCoin.annotators().get(j).confusion().get(0).get(0);
      if (j < crowd.spammers) {
        leastSpammy = Math.min(leastSpammy, spam);
        spammerAccuracy = Math.max(spammerAccuracy, accuracy);
      } else {
        mostHonest = Math.min(mostHonest, 1 - spam);
        honestAccuracy = Math.min(honestAccuracy, accuracy);
      }
    }
    assertTrue(leastSpammy > 0.8, "a spammer's spamming probability is " + leastSpammy);
    assertTrue(mostHonest > 0.3, "an honest annotator's truthful probability is " + mostHonest);
    assertTrue(spammerAccuracy < honestAccuracy,
        "spammer accuracy up to " + spammerAccuracy + ", honest from " + honestAccuracy);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 5})
  void theFitIsDeterministicAndTheLogLikelihoodNeverFalls(long seed) {
    SyntheticCrowd crowd = SyntheticCrowd.generate(seed, 500, 3, 8, 2, 4);
    AggregationResult a = Aggregator.fit(crowd.answers, AggregationMethod.DAWID_SKENE,
        AggregationSettings.DEFAULTS);
    AggregationResult b = Aggregator.fit(crowd.answers, AggregationMethod.DAWID_SKENE,
        AggregationSettings.DEFAULTS);
    for (int i = 0; i < a.items(); i++) {
      assertEquals(java.util.Arrays.toString(a.posterior(i)),
          java.util.Arrays.toString(b.posterior(i)));
    }
    // Without smoothing EM is plain maximum likelihood, whose log-likelihood cannot fall.
    double previous = Double.NEGATIVE_INFINITY;
    for (int n = 1; n <= 30; n++) {
      double ll = Aggregator.fit(crowd.answers, AggregationMethod.DAWID_SKENE,
          new AggregationSettings(n, 0, 0)).logLikelihood();
      assertTrue(ll >= previous - 1e-9 * Math.abs(ll), "iteration " + n + ": " + ll + " < "
          + previous);
      previous = ll;
    }
  }
}
