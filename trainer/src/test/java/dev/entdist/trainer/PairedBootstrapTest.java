package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

  private static double[][] noisy(double[][] ref, double noise, SplittableRandom r) {
    double[][] out = new double[ref.length][];
    for (int i = 0; i < ref.length; i++) {
      double[] p = ref[i].clone();
      double s = 0;
      for (int j = 0; j < p.length; j++) {
        p[j] = p[j] + noise * r.nextDouble() + 1e-3;
        s += p[j];
      }
      for (int j = 0; j < p.length; j++) {
        p[j] /= s;
      }
      out[i] = p;
    }
    return out;
  }

  private static List<Integer> sentences(int n, int perSentence) {
    List<Integer> g = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      g.add(i / perSentence);
    }
    return g;
  }

  @Test
  void intervalsBracketThePointAndSeparateAClearlyBetterSet() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] ref = Fixtures.softTargets(300, 4, r);
    Map<String, double[][]> sets = new LinkedHashMap<>();
    sets.put("good", noisy(ref, 0.1, r));
    sets.put("bad", noisy(ref, 2.0, r));
    PairedBootstrap.Report report = PairedBootstrap.run(ref, sets, sentences(300, 3),
        PairedBootstrap.Settings.defaults().withResamples(400));
    assertEquals(100, report.groups());
    for (String name : sets.keySet()) {
      report.estimates().get(name).forEach((metric, e) -> {
        assertEquals(report.metrics().get(name).get(metric), e.value(), 0.0);
        assertTrue(e.interval().lo() <= e.interval().hi(), metric + " interval ordered");
      });
    }
    PairedBootstrap.Difference d = report.difference("good", "bad", Metric.MEAN_KL);
    assertEquals(report.metrics().get("good").meanKl() - report.metrics().get("bad").meanKl(),
        d.difference(), 1e-15);
    assertTrue(d.interval().entirelyBelow(0), "good - bad mean KL " + d);
    assertTrue(d.excludesZero());
    PairedBootstrap.Difference reverse = report.difference("bad", "good", Metric.MEAN_KL);
    assertEquals(-d.difference(), reverse.difference(), 0.0);
    assertEquals(new PairedBootstrap.Interval(-d.interval().hi(), -d.interval().lo()),
        reverse.interval());
    // one difference per metric for the one pair
    assertEquals(Metric.values().length, report.differences().size());
  }

  @Test
  void identicalSetsDifferByExactlyZero() {
    SplittableRandom r = new SplittableRandom(4);
    double[][] ref = Fixtures.softTargets(50, 3, r);
    double[][] pred = noisy(ref, 0.5, r);
    Map<String, double[][]> sets = new LinkedHashMap<>();
    sets.put("a", pred);
    sets.put("b", pred.clone());
    PairedBootstrap.Report report = PairedBootstrap.run(ref, sets, sentences(50, 2),
        PairedBootstrap.Settings.defaults().withResamples(100));
    for (PairedBootstrap.Difference d : report.differences()) {
      if (Double.isInfinite(report.metrics().get("a").get(d.metric()))) {
        // reverse KL is infinite where a reference has zeros: inf - inf has no sign
        assertTrue(Double.isNaN(d.difference()) && Double.isNaN(d.interval().lo()));
      } else {
        assertEquals(new PairedBootstrap.Interval(0, 0), d.interval(), d.metric().key());
      }
      assertTrue(!d.excludesZero());
    }
  }

  @Test
  void oneSentenceGivesNoSpreadAndTheSeedFixesTheIntervals() {
    SplittableRandom r = new SplittableRandom(5);
    double[][] ref = Fixtures.softTargets(40, 3, r);
    Map<String, double[][]> sets = Map.of("m", noisy(ref, 0.5, r));
    PairedBootstrap.Report one = PairedBootstrap.run(ref, sets, sentences(40, 40),
        PairedBootstrap.Settings.defaults().withResamples(50));
    PairedBootstrap.Estimate kl = one.estimates().get("m").get(Metric.MEAN_KL);
    assertEquals(kl.value(), kl.interval().lo(), 1e-12);
    assertEquals(kl.value(), kl.interval().hi(), 1e-12);

    PairedBootstrap.Settings s = PairedBootstrap.Settings.defaults().withResamples(200);
    PairedBootstrap.Report a = PairedBootstrap.run(ref, sets, sentences(40, 1), s);
    PairedBootstrap.Report b = PairedBootstrap.run(ref, sets, sentences(40, 1), s);
    PairedBootstrap.Report c = PairedBootstrap.run(ref, sets, sentences(40, 1), s.withSeed(2));
    assertEquals(a.estimates(), b.estimates());
    assertTrue(!a.estimates().equals(c.estimates()));
  }

  @Test
  void intervalIsThePercentileOfResampledMetrics() {
    // resampling draws groups with replacement: recompute each replicate's mean KL by brute force
    SplittableRandom r = new SplittableRandom(6);
    double[][] ref = Fixtures.softTargets(30, 3, r);
    double[][] pred = noisy(ref, 0.7, r);
    List<Integer> groups = sentences(30, 2);
    int resamples = 99;
    PairedBootstrap.Report report = PairedBootstrap.run(ref, Map.of("m", pred), groups,
        new PairedBootstrap.Settings(resamples, 11, 0.9));
    SplittableRandom draw = new SplittableRandom(11);
    double[] kl = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      List<double[]> rr = new ArrayList<>();
      List<double[]> pp = new ArrayList<>();
      for (int d = 0; d < 15; d++) {
        int g = draw.nextInt(15);
        for (int i = 2 * g; i < 2 * g + 2; i++) {
          rr.add(ref[i]);
          pp.add(pred[i]);
        }
      }
      kl[b] = Evaluation.evaluate(rr.toArray(new double[0][]), pp.toArray(new double[0][]))
          .meanKl();
    }
    Arrays.sort(kl);
    // 99 values: the 5 % and 95 % quantiles are the 5th and 93rd order statistics (0-based 4.9, 93.1)
    double lo = kl[4] + 0.9 * (kl[5] - kl[4]);
    double hi = kl[93] + 0.1 * (kl[94] - kl[93]);
    PairedBootstrap.Interval got = report.estimates().get("m").get(Metric.MEAN_KL).interval();
    assertEquals(lo, got.lo(), 1e-12);
    assertEquals(hi, got.hi(), 1e-12);
  }

  @Test
  void quantileFollowsNumpysLinearRuleAndInfinityIsKept() {
    double[] sorted = {1, 2, 3, 4};
    assertEquals(1.75, PairedBootstrap.quantile(sorted, 0.25), 1e-15);
    assertEquals(4, PairedBootstrap.quantile(sorted, 1), 0);
    double[] inf = {1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    assertEquals(Double.POSITIVE_INFINITY, PairedBootstrap.percentile(inf, 0.025).hi());
    assertTrue(Double.isNaN(PairedBootstrap.percentile(new double[] {1, Double.NaN}, 0.1).lo()));
  }

  @Test
  void refusesMismatchedShapes() {
    double[][] ref = {{1, 0}, {0, 1}};
    assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.run(ref,
        Map.of("m", ref), List.of(1), PairedBootstrap.Settings.defaults()));
    assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.run(ref, Map.of(),
        List.of(1, 2), PairedBootstrap.Settings.defaults()));
    assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap.Settings(0, 1, 0.95));
  }
}
