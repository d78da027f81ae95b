package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.pipeline.HeldOutEvaluation;
import dev.entdist.trainer.Metric;
import dev.entdist.trainer.PairedBootstrap;
import dev.entdist.trainer.WordMetrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The output of {@code entdist evaluate}: JSON and text of a {@link HeldOutEvaluation.Result}. */
final class EvaluateReport {

  /** Fewer occurrences than this earn a warning. */
  static final int MIN_OCCURRENCES = HeldOutEvaluation.MIN_RELIABLE_OCCURRENCES;

  private EvaluateReport() {}

  /** Warnings about the result: too few occurrences, skipped occurrences. */
  static List<String> warnings(HeldOutEvaluation.Result r, boolean rowsAreSentences) {
    List<String> w = new ArrayList<>();
    if (r.small()) {
      w.add("only " + r.metrics().examples() + " occurrence(s) evaluated (fewer than "
          + HeldOutEvaluation.MIN_RELIABLE_OCCURRENCES + "): the figures are noisy; read the"
          + " intervals");
    }
    if (r.skippedUnknownLabel() > 0) {
      w.add(r.skippedUnknownLabel() + " occurrence(s) skipped: they carry label(s) "
          + r.unknownLabels() + " that the model does not know");
    }
    return w;
  }

  /** One JSON object: every metric, the skipped count, intervals, per-word figures, warnings. */
  static ObjectNode json(HeldOutEvaluation.Result r, List<String> warnings) {
    ObjectNode o = Json.object();
    r.metrics().toMap().forEach((k, v) -> {
      if (k.equals("examples")) {
        o.put(k, r.metrics().examples());
      } else {
        Json.put(o, k, v);
      }
    });
    o.put("skipped_unknown_label", r.skippedUnknownLabel());
    if (!r.unknownLabels().isEmpty()) {
      ArrayNode u = o.putArray("unknown_labels");
      r.unknownLabels().forEach(u::add);
    }
    if (r.intervals() != null) {
      PairedBootstrap.Report b = r.intervals();
      ObjectNode bs = o.putObject("bootstrap");
      bs.put("resamples", b.settings().resamples());
      bs.put("seed", b.settings().seed());
      bs.put("groups", b.groups());
      ObjectNode ci = o.putObject("ci95");
      b.estimates().get(HeldOutEvaluation.SET).forEach((m, e) -> interval(ci.putArray(m.key()),
          e.interval()));
    }
    if (!r.byWord().isEmpty()) {
      ArrayNode words = o.putArray("by_word");
      for (WordMetrics w : r.byWord()) {
        ObjectNode n = words.addObject();
        n.put("word", w.word());
        n.put("examples", w.examples());
        Json.put(n, "mean_kl", w.meanKl());
        Json.put(n, "top1", w.top1());
        Json.put(n, "mean_entropy_pred", w.meanEntropyPred());
        Json.put(n, "mean_entropy_ref", w.meanEntropyRef());
      }
    }
    ArrayNode wa = o.putArray("warnings");
    warnings.forEach(wa::add);
    return o;
  }

  /** Adds [lo, hi] to {@code a}. */
  static void interval(ArrayNode a, PairedBootstrap.Interval i) {
    a.add(Json.MAPPER.valueToTree(i.lo()));
    a.add(Json.MAPPER.valueToTree(i.hi()));
  }

  /** The metric table (with intervals) and, when asked for, the per-word table. */
  static void print(PrintWriter out, String model, String data, HeldOutEvaluation.Result r,
      Map<String, String> meaning) {
    out.printf(Locale.ROOT, "Model %s on %s: %d occurrence(s)%s%s.%n", model, data,
        r.metrics().examples(),
        r.intervals() == null ? "" : " in " + r.intervals().groups() + " sentence(s)",
        r.skippedUnknownLabel() == 0 ? "" : "; " + r.skippedUnknownLabel()
            + " skipped for unknown label(s) " + r.unknownLabels());
    boolean ci = r.intervals() != null;
    Table t = ci ? new Table("metric", "value", "95% interval", "meaning").leftAligned(3)
        : new Table("metric", "value", "meaning").leftAligned(2);
    r.metrics().toMap().forEach((k, v) -> {
      String value = k.equals("examples") ? Integer.toString(r.metrics().examples())
          : CompareReport.f(v);
      if (ci) {
        String interval = k.equals("examples") ? ""
            : range(r.intervals().estimates().get(HeldOutEvaluation.SET).get(Metric.ofKey(k))
                .interval());
        t.row(k, value, interval, meaning.getOrDefault(k, ""));
      } else {
        t.row(k, value, meaning.getOrDefault(k, ""));
      }
    });
    t.print(out);
    if (ci) {
      out.printf(Locale.ROOT, "Intervals: %d bootstrap resamples of whole sentences (seed %d).%n",
          r.intervals().settings().resamples(), r.intervals().settings().seed());
    }
    if (!r.byWord().isEmpty()) {
      out.printf(Locale.ROOT, "%nBy word (%d words, most occurrences first):%n",
          r.byWord().size());
      Table w = new Table("word", "occurrences", "mean KL", "top-1", "H(pred)", "H(ref)");
      for (WordMetrics m : r.byWord()) {
        w.row(m.word(), Integer.toString(m.examples()), CompareReport.f(m.meanKl()),
            CompareReport.f(m.top1()), CompareReport.f(m.meanEntropyPred()),
            CompareReport.f(m.meanEntropyRef()));
      }
      w.print(out);
    }
    out.flush();
  }

  /** "[lo, hi]" with four decimals (∞ for infinite ends). */
  static String range(PairedBootstrap.Interval i) {
    return "[" + CompareReport.f(i.lo()) + ", " + CompareReport.f(i.hi()) + "]";
  }
}
