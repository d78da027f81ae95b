package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.divergence.Distribution;
import dev.entdist.divergence.Divergences;
import dev.entdist.divergence.LogBase;
import dev.entdist.divergence.ScoreDifference;
import dev.entdist.divergence.ScoreFunction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entdist divergence}: every information measure between two distributions, and with
 * {@code --explain} a short lesson on KL divergence as a weighted score difference.
 */
@Command(
    name = "divergence",
    mixinStandardHelpOptions = true,
    description = {
      "Entropy, cross-entropy, KL in both directions and Jensen-Shannon between a reference P and"
          + " a model Q.",
      "With --explain, a walk-through: KL(P||Q) = sum p*s(q) - sum p*s(p) with the score"
          + " s(x) = log(1/x), the one-hot case, the asymmetry and the entropy bounds."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:bad distribution (negative value, lengths differ, sum far from 1)",
      "2:usage error (unknown option, a value that is not a number, unknown base or score)"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist divergence --p 0.9,0.1 --q 0.1,0.9",
      "  entdist divergence --p 0.9,0.1 --q 0.1,0.9 --explain",
      "  entdist divergence --p 0.9,0.1 --q 1,0 --explain --score linear",
      "  entdist divergence --p 0.5,0.3,0.2 --q 0.2,0.3,0.5 --base 2 --json"
    })
final class DivergenceCommand implements Callable<Integer> {

  @Option(names = "--p", required = true, paramLabel = "P1,P2,...",
      description = "The reference distribution P, comma-separated probabilities summing to 1"
          + " (within 1e-6; a smaller error is renormalised).")
  String p;

  @Option(names = "--q", required = true, paramLabel = "Q1,Q2,...",
      description = "The model distribution Q, as many probabilities as P.")
  String q;

  @Option(names = "--labels", split = ",", paramLabel = "NAME",
      description = "Names of the outcomes, comma-separated, one per probability"
          + " (default 1, 2, ...).")
  List<String> labels;

  @Option(names = "--base", defaultValue = "e", paramLabel = "e|2|10",
      description = "Base of the logarithm: e (nats, default), 2 (bits) or 10 (hartleys).")
  String base;

  @Option(names = "--explain",
      description = "Walk through KL as a weighted score difference instead of the table.")
  boolean explain;

  @Option(names = "--score", defaultValue = "log", paramLabel = "NAME",
      description = "Score for --explain: log (default; gives KL), linear (1 - x), sqrt"
          + " (1 - sqrt x) or quadratic ((1 - x)^2); the others show why only the log works.")
  String score;

  @Option(names = "--json",
      description = "Print one JSON object: kl_pq, kl_qp, cross_entropy_pq, cross_entropy_qp,"
          + " entropy_p, entropy_q, js, base (infinite values as \"Infinity\").")
  boolean json;

  @Spec CommandSpec spec;

  /** The measures of one pair, in one base. */
  record Measures(double entropyP, double entropyQ, double crossEntropyPq,
      double crossEntropyQp, double klPq, double klQp, double js) {

    static Measures of(Distribution p, Distribution q, LogBase base) {
      return new Measures(Divergences.entropy(p, base), Divergences.entropy(q, base),
          Divergences.crossEntropy(p, q, base), Divergences.crossEntropy(q, p, base),
          Divergences.klDivergence(p, q, base), Divergences.reverseKlDivergence(p, q, base),
          Divergences.jensenShannon(p, q, base));
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    double[] pValues;
    double[] qValues;
    LogBase logBase;
    ScoreFunction scoreFunction;
    try {
      pValues = numbers("--p", p);
      qValues = numbers("--q", q);
      logBase = LogBase.parse(base);
      scoreFunction = ScoreFunction.parse(score, logBase);
    } catch (IllegalArgumentException e) {
      err.println("entdist: " + e.getMessage()
          + " (see entdist divergence --help)");
      err.flush();
      return 2;
    }
    if (pValues.length != qValues.length) {
      throw new UserException("--p has " + pValues.length + " values but --q has "
          + qValues.length + ": P and Q must be over the same outcomes");
    }
    List<String> names = names(pValues.length);
    Distribution dp = distribution("--p", names, pValues);
    Distribution dq = distribution("--q", names, qValues);
    Measures m = Measures.of(dp, dq, logBase);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.println(out, json(dp, dq, logBase, m, explain ? scoreFunction : null));
    } else if (explain) {
      new DivergenceLesson(out, dp, dq, logBase, scoreFunction).print();
    } else {
      table(out, dp, dq, logBase, m);
    }
    out.flush();
    return 0;
  }

  private List<String> names(int n) {
    if (labels == null) {
      List<String> generated = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        generated.add(Integer.toString(i));
      }
      return generated;
    }
    List<String> trimmed = labels.stream().map(String::trim).toList();
    if (trimmed.size() != n) {
      throw new UserException("--labels has " + trimmed.size() + " names but --p has " + n
          + " values");
    }
    return trimmed;
  }

  private static double[] numbers(String option, String text) {
    String[] parts = text.split(",", -1);
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String s = parts[i].trim();
      try {
        if (s.isEmpty() || s.endsWith("d") || s.endsWith("D") || s.endsWith("f")
            || s.endsWith("F")) {
          throw new NumberFormatException();
        }
        v[i] = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": value at index " + i + " is '" + s
            + "', not a number");
      }
    }
    return v;
  }

  private Distribution distribution(String option, List<String> names, double[] v) {
    try {
      // Validate with the user's labels when there are any, so that messages name them.
      return labels != null ? Distribution.of(names, v) : Distribution.of(v).withNames(names);
    } catch (IllegalArgumentException e) {
      throw new UserException(option + ": " + e.getMessage());
    }
  }

  private static ObjectNode json(Distribution p, Distribution q, LogBase base, Measures m,
      ScoreFunction score) {
    ObjectNode o = Json.object();
    Json.put(o, "kl_pq", m.klPq());
    Json.put(o, "kl_qp", m.klQp());
    Json.put(o, "cross_entropy_pq", m.crossEntropyPq());
    Json.put(o, "cross_entropy_qp", m.crossEntropyQp());
    Json.put(o, "entropy_p", m.entropyP());
    Json.put(o, "entropy_q", m.entropyQ());
    Json.put(o, "js", m.js());
    o.put("base", base.label());
    o.put("unit", base.unit());
    ArrayNode labels = o.putArray("labels");
    p.names().forEach(labels::add);
    ArrayNode ps = o.putArray("p");
    ArrayNode qs = o.putArray("q");
    for (int j = 0; j < p.size(); j++) {
      ps.add(p.get(j));
      qs.add(q.get(j));
    }
    if (score != null) {
      ScoreDifference.Explanation e = ScoreDifference.explain(p, q, score);
      ObjectNode x = o.putObject("explain");
      x.put("score", score.name());
      x.put("formula", score.formula());
      Json.put(x, "expected_score_p", e.expectedScoreOfReference());
      Json.put(x, "expected_score_q", e.expectedScoreOfModel());
      Json.put(x, "difference", e.difference());
      ScoreDifference.Verdict v = ScoreDifference.verdict(score, p);
      x.put("counterexample_found", v.counterexample().isPresent());
      x.put("verdict", v.statement());
    }
    return o;
  }

  private static void table(
      PrintWriter out, Distribution p, Distribution q, LogBase base, Measures m) {
    out.println("P = " + DivergenceLesson.show(p) + "   Q = " + DivergenceLesson.show(q)
        + "   log base " + base.label() + " (" + base.unit() + ")");
    out.println();
    row(out, "entropy H(P)", m.entropyP());
    row(out, "entropy H(Q)", m.entropyQ());
    row(out, "cross-entropy H(P,Q)", m.crossEntropyPq());
    row(out, "cross-entropy H(Q,P)", m.crossEntropyQp());
    row(out, "KL(P||Q)", m.klPq());
    row(out, "KL(Q||P)", m.klQp());
    row(out, "Jensen-Shannon JS(P,Q)", m.js());
    out.println();
    out.println("KL(P||Q) = H(P,Q) - H(P); JS <= log 2 = "
        + DivergenceLesson.number(base.fromNats(Math.log(2)))
        + ". Run with --explain for the walk-through.");
  }

  private static void row(PrintWriter out, String name, double value) {
    String v = Double.isInfinite(value) ? "infinity"
        : String.format(Locale.ROOT, "%.10f", value);
    out.printf(Locale.ROOT, "  %-24s %16s%n", name, v);
  }
}
