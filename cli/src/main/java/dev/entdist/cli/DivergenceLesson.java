package dev.entdist.cli;

import dev.entdist.divergence.Distribution;
import dev.entdist.divergence.Divergences;
import dev.entdist.divergence.LogBase;
import dev.entdist.divergence.ScoreDifference;
import dev.entdist.divergence.ScoreFunction;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The text of {@code entdist divergence --explain}: KL divergence as a weighted score difference
 * for the user's own P and Q, then the one-hot case, the asymmetry, the entropy bounds and why the
 * score has to be the log. Every number printed is computed by divergence-core.
 */
final class DivergenceLesson {

  private static final String INDENT = "   ";

  private final PrintWriter out;
  private final Distribution p;
  private final Distribution q;
  private final LogBase base;
  private final ScoreFunction score;
  private final String ln;

  DivergenceLesson(
      PrintWriter out, Distribution p, Distribution q, LogBase base, ScoreFunction score) {
    this.out = out;
    this.p = p;
    this.q = q;
    this.base = base;
    this.score = score;
    this.ln = base == LogBase.E ? "ln" : "log" + base.label();
  }

  void print() {
    String title = score.isLog() ? "KL divergence as a weighted score difference"
        : "A weighted score difference with the " + score.name() + " score";
    out.println(title);
    out.println("-".repeat(title.length()));
    out.println("P, the reference (what is true):  " + show(p));
    out.println("Q, the model (what is predicted): " + show(q));
    out.println("Logs in base " + base.label() + ": values in " + base.unit() + ".");
    out.println();
    walkThrough();
    if (score.isLog()) {
      oneHot();
    }
    asymmetry();
    bounds();
    whyTheLog();
  }

  private void walkThrough() {
    ScoreDifference.Explanation e = ScoreDifference.explain(p, q, score);
    wrap("1. ", "Score each outcome by s(x) = " + score.formula() + (score.isLog()
        ? ", its surprisal" : "") + ": the less probability an outcome was given, the higher"
        + " its score (the worse). Weight the scores by P.");
    out.println();
    int w = Math.max(7, p.names().stream().mapToInt(String::length).max().orElse(1));
    out.printf(Locale.ROOT, "%s%-" + w + "s %8s %8s %8s %8s %8s %8s%n", INDENT, "outcome", "p",
        "q", "s(p)", "s(q)", "p*s(p)", "p*s(q)");
    for (ScoreDifference.Term t : e.terms()) {
      out.printf(Locale.ROOT, "%s%-" + w + "s %8s %8s %8s %8s %8s %8s%n", INDENT, t.outcome(),
          number(t.p()), number(t.q()), number(t.scoreOfP()), number(t.scoreOfQ()),
          number(t.weightedScoreOfP()), number(t.weightedScoreOfQ()));
    }
    out.printf(Locale.ROOT, "%s%-" + w + "s %8s %8s %8s %8s %8s %8s%n", INDENT, "sum", "", "",
        "", "", number(e.expectedScoreOfReference()), number(e.expectedScoreOfModel()));
    out.println();
    String sp = number(e.expectedScoreOfReference());
    String sq = number(e.expectedScoreOfModel());
    String d = number(e.difference());
    if (score.isLog()) {
      wrap("2. ", "sum p*s(p) = " + sp + " is the entropy H(P): how surprised P is, on"
          + " average, by its own outcomes.");
      wrap(INDENT, "sum p*s(q) = " + sq + " is the cross-entropy H(P,Q): the average surprise"
          + " when Q predicts the outcomes that P produces.");
      wrap("3. ", "KL(P||Q) = sum p*s(q) - sum p*s(p) = " + sq + " - " + sp + " = " + d + " "
          + base.unit() + ".");
      wrap(INDENT, "The extra surprise of predicting with Q when P is true. Weighted by P, it"
          + " is never negative, and 0 only when Q = P. The base only scales it: "
          + number(Divergences.klDivergence(p, q, LogBase.E)) + " nats = "
          + number(Divergences.klDivergence(p, q, LogBase.TWO)) + " bits = "
          + number(Divergences.klDivergence(p, q, LogBase.TEN)) + " hartleys.");
    } else {
      wrap("2. ", "sum p*s(p) = " + sp + " is P's expected score when P itself is the"
          + " forecast; sum p*s(q) = " + sq + " is the expected score of forecasting Q while P"
          + " is true.");
      wrap("3. ", "difference = " + sq + " - " + sp + " = " + d + (e.isNonNegative()
          ? ": Q scores no better than P for this pair."
          : ": Q scores BETTER than the truth, so this is no divergence.")
          + " With the log score the same steps give KL(P||Q) = "
          + number(Divergences.klDivergence(p, q, base)) + ".");
    }
    out.println();
  }

  private void oneHot() {
    int y = p.argmax();
    String name = p.name(y);
    double qy = q.get(y);
    Distribution hard = Distribution.oneHot(p.size(), y).withNames(p.names());
    out.println("One-hot labels");
    String nll = number(Divergences.surprisal(qy, base));
    String start = p.isOneHot()
        ? "P is one-hot on outcome " + name + ", so H(P) = 0 and"
        : "Were P one-hot on its most likely outcome, " + name + ", H(P) would be 0 and";
    wrap(INDENT, start + " KL = cross-entropy = -" + ln + " q(" + name + ") = -" + ln + " "
        + number(qy) + " = " + nll + " (as KL: " + number(Divergences.klDivergence(hard, q, base))
        + ", as cross-entropy: " + number(Divergences.crossEntropy(hard, q, base)) + "): the"
        + " negative log-likelihood of the labelled outcome, an ordinary classifier's loss."
        + (p.isOneHot() ? "" : " The one-hot target forgets that the other outcomes happen "
            + percent(1 - p.get(y)) + " of the time; soft labels keep that."));
    out.println();
  }

  private void asymmetry() {
    double pq = Divergences.klDivergence(p, q, base);
    double qp = Divergences.reverseKlDivergence(p, q, base);
    out.println("Asymmetry");
    out.println(INDENT + "KL(P||Q) = " + pad(number(pq)) + " weights by P: it punishes Q for"
        + " little mass where P has much.");
    out.println(INDENT + "KL(Q||P) = " + pad(number(qp)) + " weights by Q: it punishes Q for"
        + " mass where P has little.");
    if (Double.isInfinite(pq)) {
      wrap(INDENT, "KL(P||Q) is infinite: Q gives probability 0 to an outcome that P says"
          + " happens, and a model is infinitely surprised by what it ruled out.");
    }
    Distribution uniform = Distribution.uniform(p.size()).withNames(p.names());
    if (pq == qp && !p.equals(q) && !p.equals(uniform)) {
      wrap(INDENT, "They are equal here only because this pair is symmetric. Against the"
          + " uniform Q = " + show(uniform) + ", KL(P||Q) = "
          + number(Divergences.klDivergence(p, uniform, base)) + " but KL(Q||P) = "
          + number(Divergences.klDivergence(uniform, p, base)) + ".");
    }
    out.println(INDENT + "Jensen-Shannon, symmetric and bounded: JS(P,Q) = "
        + number(Divergences.jensenShannon(p, q, base)) + " <= " + ln + " 2 = "
        + number(base.fromNats(Math.log(2))) + ".");
    out.println();
  }

  private void bounds() {
    int n = p.size();
    double max = base.fromNats(Math.log(n));
    double hp = Divergences.entropy(p, base);
    double hq = Divergences.entropy(q, base);
    out.println("Entropy bounds");
    out.println(INDENT + "0 <= H <= " + ln + " N = " + number(max) + " for N = " + n
        + " outcomes: 0 when one outcome is certain, " + ln + " N when all");
    out.println(INDENT + "are equally likely (a fair die: " + ln + " 6 = "
        + number(base.fromNats(Math.log(6))) + ").");
    if (n > 1) {
      out.println(INDENT + "H(P) = " + number(hp) + " (" + percent(hp / max) + " of the"
          + " maximum), H(Q) = " + number(hq) + " (" + percent(hq / max) + ").");
    } else {
      out.println(INDENT + "H(P) = H(Q) = 0: with one outcome nothing is uncertain.");
    }
    out.println();
  }

  private void whyTheLog() {
    out.println("Why the log?");
    wrap(INDENT, ascii(ScoreDifference.verdict(score, p).statement()));
    if (score.isLog()) {
      wrap(INDENT, "Not every decreasing score will do. "
          + ascii(ScoreDifference.verdict(ScoreFunction.linear(), p).statement()));
    } else {
      wrap(INDENT, "With the log score the difference is KL(P||Q), which is never negative.");
    }
  }

  /** Prints a paragraph wrapped at 90 columns, {@code first} before its first line. */
  private void wrap(String first, String text) {
    StringBuilder line = new StringBuilder(first);
    // Keep "a = b" and "a <= b" on one line.
    for (String word : text.replace(" = ", "\u00a0=\u00a0").replace(" <= ", "\u00a0<=\u00a0")
        .split(" ")) {
      word = word.replace('\u00a0', ' ');
      if (line.length() + word.length() > 90 && line.length() > INDENT.length()) {
        out.println(line.toString().stripTrailing());
        line = new StringBuilder(INDENT);
      }
      line.append(word).append(' ');
    }
    out.println(line.toString().stripTrailing());
  }

  /** The library's sentences in plain ASCII, like the rest of the terminal output. */
  static String ascii(String text) {
    return text.replace("Σ", "sum").replace("‖", "||").replace("≥", ">=").replace("≤", "<=")
        .replace("·", "*").replace("−", "-").replace("²", "^2").replace("√", "sqrt ")
        .replace("≠", "!=");
  }

  /**
   * A distribution as {@code (cat 0.9, dog 0.1)}, or {@code (0.9, 0.1)} when its outcomes are
   * only numbered.
   */
  static String show(Distribution d) {
    boolean numbered = true;
    for (int j = 0; j < d.size(); j++) {
      numbered &= d.name(j).equals(Integer.toString(j + 1));
    }
    StringBuilder sb = new StringBuilder("(");
    for (int j = 0; j < d.size(); j++) {
      sb.append(j > 0 ? ", " : "").append(numbered ? "" : d.name(j) + " ")
          .append(shortNumber(d.get(j)));
    }
    return sb.append(')').toString();
  }

  /** Four decimals, or {@code infinity}. */
  static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "infinity" : "-infinity";
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String shortNumber(double v) {
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e")) {
      return s;
    }
    s = s.contains(".") ? s.replaceAll("0+$", "") : s;
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
  }

  private static String pad(String s) {
    return String.format(Locale.ROOT, "%-8s", s);
  }
}
