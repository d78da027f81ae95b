package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Corpus;
import dev.entdist.trainer.Evaluation.Metrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Comparison.Result} as tables or as the contract's JSON object. */
final class CompareReport {

  /** Columns below this type-level probability in every row fold into "other". */
  private static final double SHOWN = 0.01;

  private CompareReport() {}

  static ObjectNode json(Comparison.Result r) {
    ObjectNode o = Json.object();
    ObjectNode split = o.putObject("split");
    split.put("seed", r.seed());
    split.put("test_fraction", r.testFraction());
    split.put("train", r.train());
    split.put("test", r.test());
    ObjectNode ref = o.putObject("reference");
    r.reference().forEach((w, d) -> ref.set(w, distribution(r.labels(), d)));
    ObjectNode regimes = o.putObject("regimes");
    for (Comparison.RegimeResult rr : r.regimes()) {
      ObjectNode node = regimes.putObject(rr.regime());
      rr.metrics().toMap().forEach((k, v) -> Json.put(node, k, v));
      ObjectNode words = node.putObject("words");
      rr.words().forEach((w, d) -> words.set(w, distribution(r.labels(), d)));
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

  static void print(PrintWriter out, Corpus corpus, Comparison.Result r) {
    out.printf(Locale.ROOT, "Corpus %s: %d occurrences of %d words, %d labels.%n",
        corpus.source(), corpus.size(), corpus.wordCounts().size(), r.labels().size());
    out.printf(Locale.ROOT,
        "Split (seed %d, grouped by sentence): %d training, %d held-out occurrences.%n%n",
        r.seed(), r.train(), r.test());

    out.println("Held-out metrics (KL and JS in nats; lower is better, top-1 higher):");
    Table metrics = new Table("regime", "KL(ref‖pred)", "KL(pred‖ref)", "JS", "top-1",
        "H(pred)", "H(ref)", "ECE", "iterations");
    for (Comparison.RegimeResult rr : r.regimes()) {
      Metrics m = rr.metrics();
      Map<String, Double> v = m.toMap();
      metrics.row(rr.regime(), f(v.get("mean_kl")), f(v.get("mean_reverse_kl")),
          f(v.get("mean_js")), f(v.get("top1")), f(v.get("mean_entropy_pred")),
          f(v.get("mean_entropy_ref")), f(v.get("ece")),
          Integer.toString(rr.training().stats().iterations()));
    }
    metrics.print(out);
    out.println();
    out.println("Per word: the type-level distribution (mean over the word's held-out occurrences)"
        + " of the");
    out.println("reference and of each regime; H(mean) is its entropy, mean H the mean entropy of"
        + " the");
    out.println("in-context distributions, i.e. how sure each single prediction is (nats).");

    for (String word : r.words()) {
      out.println();
      out.printf(Locale.ROOT, "%s — type-level distribution over %d held-out occurrences%n",
          word, r.heldOutCounts().get(word));
      double[] ref = r.reference().get(word);
      List<Integer> shown = new ArrayList<>();
      for (int j = 0; j < ref.length; j++) {
        boolean show = ref[j] >= SHOWN;
        for (Comparison.RegimeResult rr : r.regimes()) {
          show |= rr.words().get(word)[j] >= SHOWN;
        }
        if (show) {
          shown.add(j);
        }
      }
      List<String> header = new ArrayList<>();
      header.add("");
      for (int j : shown) {
        header.add(r.labels().get(j));
      }
      header.add("other");
      header.add("H(mean)");
      header.add("mean H");
      Table t = new Table(header.toArray(String[]::new));
      t.row(cells("reference", ref, shown,
          Comparison.meanEntropy(r.testWords(), r.references(), word)));
      for (Comparison.RegimeResult rr : r.regimes()) {
        t.row(cells(rr.regime(), rr.words().get(word), shown,
            Comparison.meanEntropy(r.testWords(), rr.predictions(), word)));
      }
      t.print(out);
    }
    out.println();
    for (String line : Summary.of(corpus, r)) {
      out.println(line);
    }
    out.flush();
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
