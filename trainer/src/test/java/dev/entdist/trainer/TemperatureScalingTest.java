package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemperatureScalingTest {

  private static SoftmaxModel trained(boolean restrict) {
    SplittableRandom r = new SplittableRandom(8);
    int n = 120;
    List<SparseVector> x = Fixtures.sparseRows(n, 60, 5, r);
    List<String> groups = new ArrayList<>();
    double[][] t = Fixtures.softTargets(n, 4, r);
    for (int i = 0; i < n; i++) {
      groups.add(i % 3 == 0 ? "cell" : "bank");
      if (i % 3 == 0) { // cell never carries ld in training
        t[i][0] += t[i][3];
        t[i][3] = 0;
      }
    }
    TrainerConfig c = TrainerConfig.defaults().withMaxIter(60);
    if (restrict) {
      c = c.withInventory(TrainerConfig.InventoryMode.RESTRICT, 0.01);
    }
    return SoftmaxTrainer.fit(TrainingData.of(Fixtures.labels(4), x, t, null, groups), c)
        .model();
  }

  @Test
  void predictDividesTheLogitsByTheTemperature() {
    SoftmaxModel m = trained(false).withTemperature(2.5);
    SplittableRandom r = new SplittableRandom(1);
    for (SparseVector x : Fixtures.sparseRows(20, 60, 5, r)) {
      double[] z = new double[4];
      for (int j = 0; j < 4; j++) {
        z[j] = m.bias(j);
        for (int e = 0; e < x.nnz(); e++) {
          z[j] += x.value(e) * m.weight(x.index(e), j);
        }
      }
      double max = Math.max(Math.max(z[0], z[1]), Math.max(z[2], z[3]));
      double s = 0;
      double[] p = new double[4];
      for (int j = 0; j < 4; j++) {
        p[j] = Math.exp((z[j] - max) / 2.5);
        s += p[j];
      }
      for (int j = 0; j < 4; j++) {
        p[j] /= s;
      }
      assertArrayEquals(p, m.predict(x, "cell"), 1e-14);
    }
  }

  /** References made by the model at a known temperature: the fit must find that temperature. */
  @ParameterizedTest(name = "restrict={0}")
  @ValueSource(booleans = {false, true})
  void recoversTheTemperatureThatMadeTheReferences(boolean restrict) {
    SoftmaxModel m = trained(restrict);
    SoftmaxModel truth = m.withTemperature(2.5);
    SplittableRandom r = new SplittableRandom(2);
    List<SparseVector> xs = Fixtures.sparseRows(200, 60, 5, r);
    List<String> words = new ArrayList<>(Collections.nCopies(100, "cell"));
    words.addAll(Collections.nCopies(100, "bank"));
    double[][] refs = truth.predictAll(xs, words);
    TemperatureScaling.Result fit = TemperatureScaling.fit(m, xs, words, refs);
    assertEquals(2.5, fit.temperature(), 2.5e-3);
    assertEquals(0, fit.after().meanKl(), 1e-8);
    assertTrue(fit.after().meanKl() < fit.before().meanKl());
    assertTrue(!fit.atBound());
  }

  @Test
  void neverWorseThanTheCurrentTemperatureOnTheDevelopmentRows() {
    SoftmaxModel m = trained(false);
    SplittableRandom r = new SplittableRandom(3);
    List<SparseVector> xs = Fixtures.sparseRows(80, 60, 5, r);
    double[][] refs = Fixtures.softTargets(80, 4, r);
    List<String> words = Collections.nCopies(80, "bank");
    TemperatureScaling.Result fit = TemperatureScaling.fit(m, xs, words, refs);
    assertTrue(fit.after().meanKl() <= fit.before().meanKl());
    // the minimum of a scan over a fine grid is not lower than the search's
    double best = Double.POSITIVE_INFINITY;
    for (double logT = Math.log(0.05); logT < Math.log(40); logT += 0.01) {
      best = Math.min(best, Evaluation.evaluate(refs,
          m.withTemperature(Math.exp(logT)).predictAll(xs, words)).meanKl());
    }
    assertTrue(fit.after().meanKl() <= best + 1e-9, fit.after().meanKl() + " vs grid " + best);
  }

  /**
   * With one-hot references, mean KL = mean −log q(y); its derivative in 1/T vanishes where the
   * mean of E_q[z] − z_y is 0, and there mean H(q) = mean −log q(y): at the fitted temperature
   * the mean entropy of the predictions equals their mean KL.
   */
  @Test
  void atTheFittedTemperatureMeanEntropyEqualsMeanKlForOneHotReferences() {
    SoftmaxModel m = trained(false);
    SplittableRandom r = new SplittableRandom(7);
    List<SparseVector> xs = Fixtures.sparseRows(300, 60, 5, r);
    List<String> words = Collections.nCopies(300, "bank");
    double[][] refs = new double[300][4];
    SoftmaxModel soft = m.withTemperature(2);
    for (int i = 0; i < 300; i++) { // a label drawn from the model at T = 2
      double[] p = soft.predict(xs.get(i), "bank");
      double u = r.nextDouble();
      int j = 0;
      while (j < 3 && u >= p[j]) {
        u -= p[j++];
      }
      refs[i][j] = 1;
    }
    TemperatureScaling.Result fit = TemperatureScaling.fit(m, xs, words, refs);
    assertTrue(!fit.atBound());
    assertEquals(fit.after().meanKl(), fit.after().meanEntropyPred(), 1e-3);
  }

  @Test
  void goldenSectionFindsTheMinimumOfAParabolaAndStopsAtABound() {
    assertEquals(0.3, TemperatureScaling.goldenSection(x -> (x - 0.3) * (x - 0.3), -2, 2), 1e-4);
    assertEquals(2, TemperatureScaling.goldenSection(x -> -x, -2, 2), 0);
  }
}
