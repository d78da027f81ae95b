package dev.entdist.cli;

import dev.entdist.pipeline.RepeatedComparison;
import dev.entdist.trainer.Evaluation.Metrics;
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
    StringBuilder sb = new StringBuilder();
    if (n > 1) {
      sb.append(String.format(Locale.ROOT, "Over %d splits (means): ", n));
    }
    sb.append(String.format(Locale.ROOT,
        "The held-out references have a mean entropy of %.3f nats. ", hRef));
    if (hOne < hSoft) {
      sb.append(String.format(Locale.ROOT,
          "Trained on one-hot labels, the model is sharper: its predictions average %.3f nats"
              + " of entropy against %.3f for the model trained on the soft labels%s",
          hOne, hSoft, splits(rc, "onehot", "soft", Metrics::meanEntropyPred)));
      sb.append(hOne < hRef ? ", more certain than the annotators were. "
          : hSoft > hRef ? "; both are less certain than the annotators were. " : ". ");
    } else {
      sb.append(String.format(Locale.ROOT,
          "Here the one-hot model is not sharper than the soft one (%.3f against %.3f nats"
              + " of entropy). ", hOne, hSoft));
    }
    if (klSoft < klOne) {
      sb.append(String.format(Locale.ROOT,
          "Soft labels bring the predictions closer to the annotated distributions: mean"
              + " KL(ref‖pred) %.4f against %.4f nats", klSoft, klOne));
      String lower = splits(rc, "soft", "onehot", Metrics::meanKl);
      if (Double.isFinite(klOne) && klOne > 0) {
        sb.append(String.format(Locale.ROOT, " (%.0f%% lower%s)",
            100 * (klOne - klSoft) / klOne, lower.isEmpty() ? "" : "; " + lower.substring(2,
                lower.length() - 1)));
      } else {
        sb.append(lower);
      }
      sb.append('.');
    } else {
      sb.append(String.format(Locale.ROOT,
          "%s soft labels do not lower the mean KL(ref‖pred): %.4f against %.4f nats for"
              + " one-hot%s.", n > 1 ? "On these splits" : "On this split", klSoft, klOne,
          splits(rc, "onehot", "soft", Metrics::meanKl)));
    }
    double topSoft = rc.mean(s, Metrics::top1);
    double topOne = rc.mean(o, Metrics::top1);
    double eceSoft = rc.mean(s, Metrics::ece);
    double eceOne = rc.mean(o, Metrics::ece);
    sb.append(String.format(Locale.ROOT,
        " Top-1 agreement with the annotators' majority is %.3f (soft) and %.3f (onehot): ",
        topSoft, topOne));
    if (Math.abs(topSoft - topOne) < TOP1_TIE) {
      sb.append(String.format(Locale.ROOT, "within %.2f of each other, so the two regimes find"
          + " the majority meaning about equally often", TOP1_TIE));
      sb.append(Math.abs(hOne - hSoft) >= 0.01
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
    lines.addAll(wrap(sb.toString(), 96));
    if (regimes.size() > 2) {
      lines.add("");
      lines.addAll(wrap(best(rc), 96));
    }
    return lines;
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
