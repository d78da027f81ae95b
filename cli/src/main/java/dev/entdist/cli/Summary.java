package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The closing paragraph of {@code compare}: what the numbers show, computed from them. It never
 * states a conclusion the figures do not support: each sentence is chosen by comparing them.
 */
final class Summary {

  private Summary() {}

  static List<String> of(Corpus corpus, Comparison.Result r) {
    List<String> lines = new ArrayList<>();
    boolean allOneHot = corpus.examples().stream().allMatch(AnnotatedExample::isOneHot);
    Comparison.RegimeResult soft = find(r, "soft");
    Comparison.RegimeResult onehot = find(r, "onehot");
    if (allOneHot) {
      lines.add("Every label in this corpus is one-hot, so the soft and onehot regimes train on"
          + " the same targets and coincide.");
      lines.add("To learn distributions from a single-annotator corpus, try --regimes"
          + " onehot,type-soft (each surface form gets its training-split label distribution).");
      return lines;
    }
    if (soft == null || onehot == null) {
      return lines;
    }
    Map<String, Double> s = soft.metrics().toMap();
    Map<String, Double> o = onehot.metrics().toMap();
    double hRef = s.get("mean_entropy_ref");
    double hSoft = s.get("mean_entropy_pred");
    double hOne = o.get("mean_entropy_pred");
    double klSoft = s.get("mean_kl");
    double klOne = o.get("mean_kl");
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "The held-out references have a mean entropy of %.3f nats. ", hRef));
    if (hOne < hSoft) {
      sb.append(String.format(Locale.ROOT,
          "Trained on one-hot labels, the model is sharper: its predictions average %.3f nats"
              + " of entropy against %.3f for the model trained on the soft labels",
          hOne, hSoft));
      sb.append(hOne < hRef ? ", more certain than the annotators were. " : ". ");
    } else {
      sb.append(String.format(Locale.ROOT,
          "Here the one-hot model is not sharper than the soft one (%.3f against %.3f nats). ",
          hOne, hSoft));
    }
    if (klSoft < klOne) {
      sb.append(String.format(Locale.ROOT,
          "Soft labels bring the predictions closer to the annotated distributions: mean"
              + " KL(ref‖pred) %.4f against %.4f nats (%.0f%% lower).",
          klSoft, klOne, 100 * (klOne - klSoft) / klOne));
    } else {
      sb.append(String.format(Locale.ROOT,
          "On this split soft labels do not lower the mean KL(ref‖pred): %.4f against %.4f"
              + " nats for one-hot.", klSoft, klOne));
    }
    double topSoft = s.get("top1");
    double topOne = o.get("top1");
    sb.append(String.format(Locale.ROOT,
        " Top-1 agreement with the annotators' majority is %.3f (soft) and %.3f (onehot):"
            + " %s", topSoft, topOne,
        Math.abs(topSoft - topOne) < 0.02
            ? "the two regimes pick the same meaning about equally often; what differs is how"
                + " much mass they leave to the other meanings."
            : topSoft > topOne ? "soft labels also pick the majority meaning more often."
                : "one-hot labels pick the majority meaning more often, at the cost of"
                    + " calibration."));
    lines.addAll(wrap(sb.toString(), 96));
    return lines;
  }

  private static Comparison.RegimeResult find(Comparison.Result r, String name) {
    for (Comparison.RegimeResult rr : r.regimes()) {
      if (rr.regime().equals(name)) {
        return rr;
      }
    }
    return null;
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
