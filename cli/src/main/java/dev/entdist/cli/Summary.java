package dev.entdist.cli;

import dev.entdist.pipeline.RepeatedComparison;
import dev.entdist.trainer.Evaluation.Metrics;
import dev.entdist.trainer.Metric;
import dev.entdist.trainer.PairedBootstrap;
import java.util.function.ToDoubleFunction;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The closing paragraph of {@code compare}: what the numbers show, computed from them. It never
 * states a conclusion the figures do not support: each sentence is chosen by comparing them, and
 * with several splits it says on how many of them a difference held.
 */
final class Summary {

  /** Top-1 rates closer than this are reported as about equal. */
  static final double TOP1_TIE = 0.02;

  private Summary() {}

  static List<String> of(Corpus corpus, RepeatedComparison rc) {
    List<String> lines = new ArrayList<>();
    boolean allOneHot = corpus.examples().stream().allMatch(AnnotatedExample::isOneHot);
    if (allOneHot) {
      lines.addAll(wrap("Every label in this corpus is one-hot, so the soft and onehot regimes"
          + " train on the same targets and coincide. To learn distributions from a"
          + " single-annotator corpus, try --regimes onehot,type-soft (each surface form gets"
          + " its label distribution over the training split).", 96));
      return lines;
    }
    List<String> regimes = rc.regimes();
    if (!regimes.contains("soft") || !regimes.contains("onehot")) {
      lines.addAll(wrap(best(rc), 96));
      return lines;
    }
    String s = "soft";
    String o = "onehot";
    int n = rc.repeats();
    double hRef = rc.mean(s, Metrics::meanEntropyRef);
    double hSoft = rc.mean(s, Metrics::meanEntropyPred);
    double hOne = rc.mean(o, Metrics::meanEntropyPred);
    double klSoft = rc.mean(s, Metrics::meanKl);
    double klOne = rc.mean(o, Metrics::meanKl);
    PairedBootstrap.Difference dH = difference(rc, o, s, Metric.MEAN_ENTROPY_PRED);
    PairedBootstrap.Difference dKl = difference(rc, s, o, Metric.MEAN_KL);
    PairedBootstrap.Difference dTop = difference(rc, s, o, Metric.TOP1);
    StringBuilder sb = new StringBuilder();
    if (n > 1) {
      sb.append(String.format(Locale.ROOT, "Over %d splits (means): ", n));
    }
    sb.append(String.format(Locale.ROOT,
        "The held-out references have a mean entropy of %.3f nats. ", hRef));
    boolean sharper = dH == null ? hOne < hSoft : dH.interval().entirelyBelow(0);
    if (sharper) {
      sb.append(String.format(Locale.ROOT,
          "Trained on one-hot labels, the model is sharper: its predictions average %.3f nats"
              + " of entropy against %.3f for the model trained on the soft labels%s%s",
          hOne, hSoft, ci(dH), splits(rc, "onehot", "soft", Metrics::meanEntropyPred)));
      sb.append(hOne < hRef ? ", more certain than the annotators were. "
          : hSoft > hRef ? "; both are less certain than the annotators were. " : ". ");
    } else {
      sb.append(String.format(Locale.ROOT,
          "Here the data do not show the one-hot model to be sharper than the soft one (%.3f"
              + " against %.3f nats of entropy%s). ", hOne, hSoft,
          dH == null ? "" : "; " + interval(dH)));
    }
    boolean klLower = dKl == null ? klSoft < klOne : dKl.interval().entirelyBelow(0);
    boolean klHigher = dKl == null ? klSoft > klOne : dKl.interval().entirelyAbove(0);
    if (klLower) {
      sb.append(String.format(Locale.ROOT,
          "Soft labels bring the predictions closer to the annotated distributions: mean"
              + " KL(ref‖pred) %.4f against %.4f nats", klSoft, klOne));
      String lower = splits(rc, "soft", "onehot", Metrics::meanKl);
      if (Double.isFinite(klOne) && klOne > 0) {
        sb.append(String.format(Locale.ROOT, " (%.0f%% lower%s%s)",
            100 * (klOne - klSoft) / klOne, dKl == null ? "" : "; " + interval(dKl),
            lower.isEmpty() ? "" : "; " + lower.substring(2, lower.length() - 1)));
      } else {
        sb.append(ci(dKl)).append(lower);
      }
      sb.append('.');
    } else if (klHigher) {
      sb.append(String.format(Locale.ROOT,
          "%s soft labels raise the mean KL(ref‖pred): %.4f against %.4f nats for one-hot%s%s.",
          n > 1 ? "On these splits" : "On this split", klSoft, klOne, ci(dKl),
          splits(rc, "onehot", "soft", Metrics::meanKl)));
    } else {
      sb.append(String.format(Locale.ROOT,
          "The data do not show which regime comes closer to the annotated distributions: mean"
              + " KL(ref‖pred) %.4f (soft) against %.4f nats (onehot)%s.", klSoft, klOne,
          dKl == null ? "" : "; " + interval(dKl) + ", which includes 0"));
    }
    double topSoft = rc.mean(s, Metrics::top1);
    double topOne = rc.mean(o, Metrics::top1);
    double eceSoft = rc.mean(s, Metrics::ece);
    double eceOne = rc.mean(o, Metrics::ece);
    sb.append(String.format(Locale.ROOT,
        " Top-1 agreement with the annotators' majority is %.3f (soft) and %.3f (onehot)%s: ",
        topSoft, topOne, ci(dTop)));
    boolean topTie = dTop == null ? Math.abs(topSoft - topOne) < TOP1_TIE : !dTop.excludesZero();
    if (topTie) {
      sb.append(dTop == null
          ? String.format(Locale.ROOT, "within %.2f of each other, so the two regimes find"
              + " the majority meaning about equally often", TOP1_TIE)
          : "the interval includes 0, so these data cannot tell which regime finds the"
              + " majority meaning more often");
      sb.append(sharper
          ? "; what differs is how much probability they leave to the other meanings."
          : ".");
    } else if (topSoft > topOne) {
      sb.append("soft labels also find the majority meaning more often.");
    } else {
      sb.append("one-hot labels find the majority meaning more often");
      sb.append(eceOne > eceSoft
          ? String.format(Locale.ROOT, ", but are less well calibrated (ECE %.4f against"
              + " %.4f).", eceOne, eceSoft)
          : ".");
    }
    if (dKl != null) {
      sb.append(String.format(Locale.ROOT, " (Intervals: 95%%, paired bootstrap over the %d"
          + " held-out sentences%s.)", rc.first().intervals().groups(),
          n > 1 ? " of the first split" : ""));
    }
    lines.addAll(wrap(sb.toString(), 96));
    if (regimes.size() > 2) {
      lines.add("");
      lines.addAll(wrap(best(rc), 96));
    }
    return lines;
  }

  /** The paired difference a − b of the first split, or {@code null} without intervals. */
  private static PairedBootstrap.Difference difference(RepeatedComparison rc, String a,
      String b, Metric metric) {
    PairedBootstrap.Report r = rc.first().intervals();
    return r == null ? null : r.difference(a, b, metric);
  }

  /** " (difference −0.1426, 95% interval [−0.1997, −0.0849])", or empty without intervals. */
  private static String ci(PairedBootstrap.Difference d) {
    return d == null ? "" : " (" + interval(d) + ")";
  }

  /** "difference −0.1426, 95% interval [−0.1997, −0.0849]". */
  private static String interval(PairedBootstrap.Difference d) {
    return String.format(Locale.ROOT, "difference %+.4f, 95%% interval [%+.4f, %+.4f]",
        d.difference(), d.interval().lo(), d.interval().hi());
  }

  /** Which regime has the lowest mean KL(ref‖pred), and which the highest top-1. */
  private static String best(RepeatedComparison rc) {
    String bestKl = null;
    String bestTop = null;
    for (String r : rc.regimes()) {
      if (bestKl == null || rc.mean(r, Metrics::meanKl) < rc.mean(bestKl, Metrics::meanKl)) {
        bestKl = r;
      }
      if (bestTop == null || rc.mean(r, Metrics::top1) > rc.mean(bestTop, Metrics::top1)) {
        bestTop = r;
      }
    }
    return String.format(Locale.ROOT, "Of the %d regimes, %s comes closest to the annotated"
        + " distributions (mean KL(ref‖pred) %.4f nats) and %s has the highest top-1 (%.3f).",
        rc.regimes().size(), bestKl, rc.mean(bestKl, Metrics::meanKl), bestTop,
        rc.mean(bestTop, Metrics::top1));
  }

  /**
   * With several splits, " (on k of n splits)": on how many splits {@code lower} had the lower
   * value of {@code metric} than {@code higher}. Empty for a single split.
   */
  private static String splits(RepeatedComparison rc, String lower, String higher,
      ToDoubleFunction<Metrics> metric) {
    if (rc.repeats() < 2) {
      return "";
    }
    List<Double> a = rc.perRun(lower, metric);
    List<Double> b = rc.perRun(higher, metric);
    int k = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) < b.get(i)) {
        k++;
      }
    }
    return String.format(Locale.ROOT, " (lower on %d of %d splits)", k, a.size());
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
