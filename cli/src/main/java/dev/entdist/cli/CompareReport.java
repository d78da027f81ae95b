package dev.entdist.cli;

import dev.entdist.pipeline.Comparison;
import dev.entdist.pipeline.RepeatedComparison;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Corpus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RepeatedComparison} as tables or as the contract's JSON object. */
final class CompareReport {

  /** Columns below this type-level probability in every row fold into "other". */
  private static final double SHOWN = 0.01;

  private CompareReport() {}

  /**
   * The contract's object: {@code split}, {@code reference}, {@code regimes} (every evaluate key
   * plus {@code words}). With more than one run each metric is the mean over the runs, a
   * {@code *_std} key holds its sample standard deviation, the distributions are means, and
   * {@code split} gains {@code repeats} and the list {@code splits}.
   */
  static ObjectNode json(RepeatedComparison rc) {
    Comparison.Run first = rc.first();
    boolean repeated = rc.repeats() > 1;
    ObjectNode o = Json.object();
    ObjectNode split = o.putObject("split");
    split.put("seed", first.seed());
    split.put("test_fraction", first.testFraction());
    split.put("train", first.train());
    split.put("test", first.test());
    if (repeated) {
      split.put("repeats", rc.repeats());
      var splits = split.putArray("splits");
      for (Comparison.Run r : rc.runs()) {
        ObjectNode one = splits.addObject();
        one.put("seed", r.seed());
        one.put("train", r.train());
        one.put("test", r.test());
      }
    }
    ObjectNode ref = o.putObject("reference");
    for (String w : rc.words()) {
      ref.set(w, distribution(rc.labels(), rc.reference(w)));
    }
    ObjectNode regimes = o.putObject("regimes");
    for (String regime : rc.regimes()) {
      ObjectNode node = regimes.putObject(regime);
      Map<String, Double> std = MetricMaps.std(rc, regime);
      MetricMaps.mean(rc, regime).forEach((k, v) -> {
        Json.put(node, k, v);
        if (repeated) {
          Json.put(node, k + "_std", std.get(k));
        }
      });
      ObjectNode words = node.putObject("words");
      for (String w : rc.words()) {
        words.set(w, distribution(rc.labels(), rc.words(regime, w)));
      }
    }
    return o;
  }

  /** label → probability, sorted descending (ties by label order). */
  static ObjectNode distribution(List<String> labels, double[] p) {
    ObjectNode o = Json.object();
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    for (int i : order) {
      Json.put(o, labels.get(i), p[i]);
    }
    return o;
  }

  static void print(PrintWriter out, Corpus corpus, RepeatedComparison rc) {
    Comparison.Run first = rc.first();
    int repeats = rc.repeats();
    out.printf(Locale.ROOT, "Corpus %s: %d occurrences of %d words, %d labels.%n",
        corpus.source(), corpus.size(), corpus.wordCounts().size(), rc.labels().size());
    if (repeats == 1) {
      out.printf(Locale.ROOT,
          "Split (seed %d, grouped by sentence): %d training, %d held-out occurrences.%n%n",
          first.seed(), first.train(), first.test());
    } else {
      IntSummaryStatistics test = rc.runs().stream()
          .mapToInt(Comparison.Run::test).summaryStatistics();
      out.printf(Locale.ROOT, "%d splits (seeds %d to %d, grouped by sentence): %s held-out"
          + " occurrences each; figures are means ± sample standard deviations over the"
          + " splits.%n%n", repeats, first.seed(), first.seed() + repeats - 1,
          range(test.getMin(), test.getMax()));
    }

    out.println("Held-out metrics (KL and JS in nats; lower is better, top-1 higher):");
    Table metrics = new Table("regime", "KL(ref‖pred)", "KL(pred‖ref)", "JS", "top-1",
        "H(pred)", "H(ref)", "ECE", "iterations");
    for (String regime : rc.regimes()) {
      Map<String, Double> m = MetricMaps.mean(rc, regime);
      Map<String, Double> sd = repeats > 1 ? MetricMaps.std(rc, regime) : Map.of();
      List<String> iterations = new ArrayList<>();
      for (Comparison.Run r : rc.runs()) {
        for (Comparison.RegimeResult rr : r.regimes()) {
          if (rr.regime().equals(regime)) {
            iterations.add(Integer.toString(rr.training().stats().iterations()));
          }
        }
      }
      metrics.row(regime, f(m, sd, "mean_kl"), f(m, sd, "mean_reverse_kl"),
          f(m, sd, "mean_js"), f(m, sd, "top1"), f(m, sd, "mean_entropy_pred"),
          f(m, sd, "mean_entropy_ref"), f(m, sd, "ece"), String.join("/", iterations));
    }
    metrics.print(out);
    out.println();
    if (rc.first().intervals() != null) {
      CompareIntervals.print(out, rc);
      out.println();
    }
    out.println("Per word: the type-level distribution (mean over the word's held-out occurrences)"
        + " of the");
    out.println("reference and of each regime; H(mean) is its entropy, mean H the mean entropy of"
        + " the");
    out.println("in-context distributions, i.e. how sure each single prediction is (nats).");

    for (String word : rc.words()) {
      out.println();
      List<Integer> counts = rc.heldOut(word);
      if (repeats == 1) {
        out.printf(Locale.ROOT, "%s — type-level distribution over %d held-out occurrences%n",
            word, counts.get(0));
      } else {
        int min = counts.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        long present = counts.stream().filter(c -> c > 0).count();
        out.printf(Locale.ROOT, "%s — type-level distribution, mean over %d split%s (%s held-out"
            + " occurrences each)%n", word, present, present == 1 ? "" : "s", range(min, max));
      }
      double[] ref = rc.reference(word);
      List<Integer> shown = rc.shownLabels(word, SHOWN);
      List<String> header = new ArrayList<>();
      header.add("");
      for (int j : shown) {
        header.add(rc.labels().get(j));
      }
      header.add("other");
      header.add("H(mean)");
      header.add("mean H");
      Table t = new Table(header.toArray(String[]::new));
      t.row(cells("reference", ref, shown, rc.meanEntropyReference(word)));
      for (String regime : rc.regimes()) {
        t.row(cells(regime, rc.words(regime, word), shown, rc.meanEntropy(regime, word)));
      }
      t.print(out);
    }
    out.println();
    for (String line : Summary.of(corpus, rc)) {
      out.println(line);
    }
    out.flush();
  }

  private static String range(int min, int max) {
    return min == max ? Integer.toString(min) : min + "–" + max;
  }

  /** A metric's mean, with "± std" when a spread is given. */
  private static String f(Map<String, Double> mean, Map<String, Double> std, String key) {
    Double sd = std.get(key);
    String m = f(mean.get(key));
    if (sd == null || sd.isNaN() || mean.get(key).isInfinite()) {
      return m;
    }
    return m + " ± " + String.format(Locale.ROOT, "%.4f", sd);
  }

  private static String[] cells(String name, double[] p, List<Integer> shown,
      double meanEntropy) {
    List<String> c = new ArrayList<>();
    c.add(name);
    double other = 1.0;
    for (int j : shown) {
      c.add(String.format(Locale.ROOT, "%.3f", p[j]));
      other -= p[j];
    }
    c.add(String.format(Locale.ROOT, "%.3f", Math.max(0, other)));
    c.add(String.format(Locale.ROOT, "%.3f",
        dev.entdist.divergence.Kernels.entropy(p, 0, p.length)));
    c.add(String.format(Locale.ROOT, "%.3f", meanEntropy));
    return c.toArray(String[]::new);
  }

  static String f(Double v) {
    if (v == null) {
      return "-";
    }
    if (v.isInfinite()) {
      return "∞";
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
