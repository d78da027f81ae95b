package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.pipeline.Comparison;
import dev.entdist.pipeline.HeldOutEvaluation;
import dev.entdist.pipeline.RepeatedComparison;
import dev.entdist.trainer.FitStats;
import dev.entdist.trainer.Metric;
import dev.entdist.trainer.PairedBootstrap;
import dev.entdist.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code compare} adds about how far its figures can be trusted: the bootstrap intervals of
 * the first split (every metric of every regime, and the paired difference of every metric for
 * every pair of regimes), and warnings for small held-out sets and fits that stopped at the
 * iteration cap.
 */
final class CompareIntervals {

  /** The metrics the text output shows intervals and differences for. */
  static final List<Metric> SHOWN = List.of(Metric.MEAN_KL, Metric.TOP1, Metric.ECE,
      Metric.MEAN_ENTROPY_PRED);

  private CompareIntervals() {}

  /** Warnings about the comparison, one line each. */
  static List<String> warnings(RepeatedComparison rc, TrainerConfig config) {
    List<String> w = new ArrayList<>();
    for (Comparison.Run run : rc.runs()) {
      if (run.test() < HeldOutEvaluation.MIN_RELIABLE_OCCURRENCES) {
        w.add("the split with seed " + run.seed() + " holds out only " + run.test()
            + " occurrence(s) (fewer than " + HeldOutEvaluation.MIN_RELIABLE_OCCURRENCES
            + "): its figures are noisy; read the intervals, or use a larger corpus");
      }
      for (Comparison.RegimeResult r : run.regimes()) {
        FitStats s = r.training().stats();
        if (!r.calibrated() && !s.converged()) {
          boolean adam = config.optimizer() == TrainerConfig.Optimizer.ADAM;
          w.add(String.format(Locale.ROOT, "regime %s (seed %d) stopped at the %s cap (%d %s,"
              + " max|∂L/∂θ| %.2e > tol %s): its model is not the optimum; raise %s or --tol",
              r.regime(), run.seed(), adam ? "epoch" : "iteration", s.iterations(),
              adam ? "epochs" : "iterations", s.finalGradientMax(),
              Numbers.compact(config.tol()), adam ? "--epochs" : "--max-iter"));
        }
      }
    }
    return w;
  }

  /**
   * Adds to the compare object: each regime's {@code ci95}, {@code temperature} and {@code
   * converged}; {@code bootstrap}; {@code differences}; {@code skipped_unknown_label} (always 0:
   * every model of a comparison knows every label of the corpus); {@code warnings}.
   */
  static void addJson(ObjectNode o, RepeatedComparison rc, List<String> warnings) {
    Comparison.Run first = rc.first();
    ObjectNode regimes = (ObjectNode) o.get("regimes");
    for (Comparison.RegimeResult r : first.regimes()) {
      ObjectNode node = (ObjectNode) regimes.get(r.regime());
      Json.put(node, "temperature", r.temperature());
      node.put("converged", rc.runs().stream().allMatch(run ->
          run.regime(r.regime()).training().stats().converged()));
      if (first.intervals() != null) {
        ObjectNode ci = node.putObject("ci95");
        first.intervals().estimates().get(r.regime()).forEach((m, e) ->
            EvaluateReport.interval(ci.putArray(m.key()), e.interval()));
      }
    }
    o.put("skipped_unknown_label", 0);
    if (first.intervals() != null) {
      PairedBootstrap.Report b = first.intervals();
      ObjectNode bs = o.putObject("bootstrap");
      bs.put("resamples", b.settings().resamples());
      bs.put("seed", b.settings().seed());
      bs.put("sentences", b.groups());
      bs.put("split_seed", first.seed());
      ArrayNode diffs = o.putArray("differences");
      for (PairedBootstrap.Difference d : b.differences()) {
        ObjectNode n = diffs.addObject();
        n.put("a", d.a());
        n.put("b", d.b());
        n.put("metric", d.metric().key());
        Json.put(n, "difference", d.difference());
        EvaluateReport.interval(n.putArray("ci95"), d.interval());
      }
    }
    ArrayNode wa = o.putArray("warnings");
    warnings.forEach(wa::add);
  }

  /** The interval tables of the first split; nothing without intervals. */
  static void print(PrintWriter out, RepeatedComparison rc) {
    Comparison.Run first = rc.first();
    PairedBootstrap.Report b = first.intervals();
    if (b == null) {
      return;
    }
    out.printf(Locale.ROOT, "95%% intervals (%d bootstrap resamples of the %d held-out sentences%s,"
        + " seed %d):%n", b.settings().resamples(), b.groups(),
        rc.repeats() > 1 ? " of the first split" : "", b.settings().seed());
    List<String> header = new ArrayList<>();
    header.add("regime");
    SHOWN.forEach(m -> header.add(m.key()));
    Table t = new Table(header.toArray(String[]::new));
    for (Comparison.RegimeResult r : first.regimes()) {
      List<String> row = new ArrayList<>();
      row.add(r.regime());
      for (Metric m : SHOWN) {
        PairedBootstrap.Estimate e = b.estimates().get(r.regime()).get(m);
        row.add(CompareReport.f(e.value()) + " " + EvaluateReport.range(e.interval()));
      }
      t.row(row.toArray(String[]::new));
    }
    t.print(out);
    if (first.regimes().size() < 2) {
      return;
    }
    out.println();
    out.println("Paired differences a − b on the same held-out sentences (an interval that"
        + " excludes 0 supports a difference):");
    Table d = new Table("a − b", "metric", "difference", "95% interval", "");
    for (PairedBootstrap.Difference diff : b.differences()) {
      if (SHOWN.contains(diff.metric())) {
        d.row(diff.a() + " − " + diff.b(), diff.metric().key(),
            String.format(Locale.ROOT, "%+.4f", diff.difference()),
            EvaluateReport.range(diff.interval()),
            diff.excludesZero() ? "excludes 0" : "includes 0");
      }
    }
    d.print(out);
  }
}
