package dev.entdist.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and targets of the distribution-level label regimes. */
class LabelRegimeTest {

  private static final double[] Y = {0.2, 0.5, 0.3};

  @ParameterizedTest
  @ValueSource(strings = {"soft", "onehot", "smooth:0.1", "temper:0.5", "temper:2", "sample"})
  void nameRoundTrips(String spec) {
    LabelRegime r = LabelRegime.parse(spec);
    assertEquals(spec, r.name());
    assertEquals(r, LabelRegime.parse(r.name()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "votes", "type-soft", "smooth", "smooth:", "smooth:x", "smooth:2",
      "temper:0", "temper:-1", "soft:1", "onehot:0.1"})
  void badSpellingsAreRejectedWithAMessage(String spec) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelRegime.parse(spec));
    assertTrue(e.getMessage().length() > 10, e.getMessage());
  }

  @Test
  void targets() {
    assertArrayEquals(Y, LabelRegime.parse("soft").target(Y, 1));
    assertArrayEquals(new double[] {0, 1, 0}, LabelRegime.parse("onehot").target(Y, 1));
    assertArrayEquals(new double[] {0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3},
        LabelRegime.parse("smooth:0.1").target(Y, 1), 1e-15);
    double[] sharp = LabelRegime.parse("temper:0.5").target(Y, 1);
    double z = 0.04 + 0.25 + 0.09;
    assertArrayEquals(new double[] {0.04 / z, 0.25 / z, 0.09 / z}, sharp, 1e-15);
    assertArrayEquals(Y, LabelRegime.parse("temper:1").target(Y, 1), 1e-15);
  }

  @Test
  void onehotTiesGoToTheFirstOutcome() {
    assertArrayEquals(new double[] {0, 1, 0},
        LabelRegime.parse("onehot").target(new double[] {0.2, 0.4, 0.4}, 0));
  }

  @Test
  void masksRestrictTheTarget() {
    boolean[] allowed = {true, false, true};
    assertArrayEquals(new double[] {0.4, 0, 0.6},
        LabelRegime.parse("soft").target(Y, allowed, 1), 1e-15);
    assertArrayEquals(new double[] {0, 0, 1},
        LabelRegime.parse("onehot").target(Y, allowed, 1));
    assertArrayEquals(new double[] {0.05, 0, 0.95},
        LabelRegime.parse("smooth:0.1").target(Y, allowed, 1), 1e-15);
  }

  @Test
  void temperingTinyProbabilitiesNeitherUnderflowsNorOverflows() {
    double[] t = LabelRegime.parse("temper:0.01").target(new double[] {1e-300, 1 - 1e-300}, 0);
    assertArrayEquals(new double[] {0, 1}, t);
    double[] flat = LabelRegime.parse("temper:1000").target(new double[] {1e-300, 1}, 0);
    assertEquals(1.0, flat[0] + flat[1], 1e-15);
    assertTrue(flat[0] > 0.3, "T=1000 flattens, was " + flat[0]);
  }

  @Test
  void sampleIsSeededAndFollowsTheDistribution() {
    LabelRegime sample = LabelRegime.parse("sample");
    int[] counts = new int[3];
    for (long seed = 0; seed < 20_000; seed++) {
      double[] t = sample.target(Y, seed);
      assertArrayEquals(t, sample.target(Y, seed), "same seed, same draw");
      counts[Kernels.argmax(t, 0, 3)]++;
    }
    for (int j = 0; j < 3; j++) {
      // Binomial(20000, y): standard deviation below 71, so 5 sigma is 355.
      assertEquals(Y[j] * 20_000, counts[j], 355, "draws of outcome " + j);
    }
    assertArrayEquals(new double[] {0, 1, 0},
        sample.target(Y, new boolean[] {false, true, false}, 3));
  }

  @Test
  void distributionTargetsKeepNames() {
    Distribution d = Distribution.of(List.of("a", "b", "c"), Y);
    Distribution t = LabelRegime.parse("onehot").target(d, 0);
    assertEquals(List.of("a", "b", "c"), t.names());
    assertEquals(1.0, t.get(1));
    assertInstanceOf(LabelRegime.Smooth.class, LabelRegime.parse("smooth:0.2"));
  }
}
