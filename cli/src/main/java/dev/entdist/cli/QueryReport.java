package dev.entdist.cli;

import dev.entdist.divergence.Kernels;
import dev.entdist.trainer.SoftmaxModel;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Renders a query answer as horizontal bars with percentages and the entropy as a share of its
 * maximum log K (the JSON answer is {@link dev.entdist.serve.JsonAnswers#query}).
 */
final class QueryReport {

  /** Below this probability a label is left out of the bars unless {@code --top} is given. */
  static final double SHOWN = 0.005;

  private static final int BAR_WIDTH = 30;
  private static final String[] EIGHTHS = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

  /**
   * What a query found.
   *
   * @param word the word as asked
   * @param context the sentence, or {@code null}
   * @param occurrence which occurrence in the context (1-based), 0 without context
   * @param knownWord whether the model has training occurrences of the word
   * @param distribution over the model's labels
   */
  record Answer(String word, String context, int occurrence, boolean knownWord,
      double[] distribution) {}

  private QueryReport() {}

  static void print(PrintWriter out, SoftmaxModel model, Answer a, Integer top) {
    List<String> labels = model.labels();
    double[] p = a.distribution();
    if (a.context() != null) {
      out.printf(Locale.ROOT, "%s in \"%s\"%s%n", a.word(), a.context(),
          a.occurrence() > 1 ? " (occurrence " + a.occurrence() + ")" : "");
      out.println(a.knownWord() ? "  in-context distribution"
          : "  in-context distribution (the word itself was not seen in training)");
    } else if (a.knownWord()) {
      out.printf(Locale.ROOT, "%s%n  type-level distribution: the mean prediction over its"
          + " training occurrences%n", a.word());
    } else {
      out.printf(Locale.ROOT, "%s%n  not seen in training: answered from the word alone"
          + " (its spelling), not from any context%n", a.word());
    }
    int[] order = order(p);
    int shown = 0;
    int width = 0;
    for (String l : labels) {
      width = Math.max(width, l.length());
    }
    for (int r = 0; r < order.length; r++) {
      int j = order[r];
      boolean show = top != null ? r < top : p[j] >= SHOWN || r == 0;
      if (!show) {
        continue;
      }
      shown++;
      out.printf(Locale.ROOT, "  %-" + width + "s  %-" + BAR_WIDTH + "s  %5.1f%%%n",
          labels.get(j), bar(p[j]), 100 * p[j]);
    }
    if (shown < order.length) {
      double rest = 0;
      for (int r = shown; r < order.length; r++) {
        rest += p[order[r]];
      }
      out.printf(Locale.ROOT, "  (%d more label%s: %.1f%% together)%n", order.length - shown,
          order.length - shown == 1 ? "" : "s", 100 * rest);
    }
    out.println("  " + ambiguity(model, a));
  }

  /** The entropy in nats and as a share of log K, the entropy of the uniform distribution. */
  static String ambiguity(SoftmaxModel model, Answer a) {
    double[] p = a.distribution();
    double h = Kernels.entropy(p, 0, p.length);
    int k = p.length;
    if (k < 2) {
      return "one label only: no ambiguity possible";
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "entropy %.3f nats = %.2f of log %d = %.3f (all %d labels equally likely)", h,
        h / Math.log(k), k, Math.log(k), k));
    List<String> inventory = model.inventories().get(a.word().toLowerCase(Locale.ROOT));
    if (inventory != null && inventory.size() >= 2 && inventory.size() < k) {
      sb.append(String.format(Locale.ROOT, "; its %d training labels equally likely: log %d"
          + " = %.3f", inventory.size(), inventory.size(), Math.log(inventory.size())));
    }
    return sb.toString();
  }

  /** A bar of {@code p × 30} cells, in eighths of a cell. */
  static String bar(double p) {
    int eighths = (int) Math.round(Math.max(0, Math.min(1, p)) * BAR_WIDTH * 8);
    return "█".repeat(eighths / 8) + EIGHTHS[eighths % 8];
  }

  /** Label indices by probability, descending; ties keep label order. */
  static int[] order(double[] p) {
    Integer[] idx = new Integer[p.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> Double.compare(p[y], p[x]));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }
}
