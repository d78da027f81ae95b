package dev.entdist.corpora.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The EM fit shared by Dawid–Skene, one-coin and MACE. Each model is a class prior π and, per
 * annotator j, a matrix e_j(l | k): the probability of answering l when the truth is k. The
 * E-step sets the posterior of item i to T_ik ∝ π_k · Π_{answers (j, l) of i} e_j(l | k) (in log
 * space) and the log-likelihood to Σ_i log Σ_k of the same product. The M-steps re-estimate the
 * parameters from T with {@code smoothing} added to every expected count. EM starts from the
 * majority-vote posterior (an M-step first), so it is deterministic.
 */
final class ExpectationMaximization {

  private final CrowdAnswers d;
  private final AggregationMethod method;
  private final AggregationSettings settings;
  private final int k;
  private final int annotators;
  /** Posteriors, item-major: t[i·K + k]. */
  private final double[] t;
  /** log e_j(l | k) at [(j·K + l)·K + k], so one answer's K values are adjacent. */
  private final double[] logEmit;
  private final double[] logPrior;
  /** MACE: probability of answering truly, and the spam distribution ξ_j(l) at [j·K + l]. */
  private final double[] theta;
  private final double[] xi;

  private ExpectationMaximization(CrowdAnswers d, AggregationMethod method,
      AggregationSettings settings) {
    this.d = d;
    this.method = method;
    this.settings = settings;
    this.k = d.labels().size();
    this.annotators = d.annotators().size();
    this.t = majority(d);
    this.logEmit = new double[annotators * k * k];
    this.logPrior = new double[k];
    this.theta = new double[annotators];
    this.xi = new double[annotators * k];
    Arrays.fill(theta, 0.5);
    Arrays.fill(xi, 1.0 / k);
  }

  /** Fits {@code method} to the answers. */
  static AggregationResult fit(CrowdAnswers d, AggregationMethod method,
      AggregationSettings settings) {
    ExpectationMaximization em = new ExpectationMaximization(d, method, settings);
    if (method == AggregationMethod.MAJORITY) {
      em.dawidSkeneStep();
      return em.result(0, Double.NaN, true);
    }
    double logLikelihood = Double.NaN;
    boolean converged = false;
    int iterations = 0;
    double tolerance = settings.tolerance() * d.items();
    while (iterations < settings.maxIterations()) {
      em.maximise();
      double next = em.expect();
      iterations++;
      boolean small = iterations > 1 && Math.abs(next - logLikelihood) <= tolerance;
      logLikelihood = next;
      if (small) {
        converged = true;
        break;
      }
    }
    return em.result(iterations, logLikelihood, converged);
  }

  /** The vote proportions of every item. */
  static double[] majority(CrowdAnswers d) {
    int k = d.labels().size();
    double[] t = new double[d.items() * k];
    for (int i = 0; i < d.items(); i++) {
      int from = d.itemStart(i);
      int to = d.itemStart(i + 1);
      for (int a = from; a < to; a++) {
        t[i * k + d.labelOf(a)] += 1.0 / (to - from);
      }
    }
    return t;
  }

  private void maximise() {
    switch (method) {
      case DAWID_SKENE -> dawidSkeneStep();
      case ONE_COIN -> oneCoinStep();
      case MACE -> maceStep();
      default -> throw new IllegalStateException("no M-step for " + method);
    }
  }

  /** π_k ∝ s + Σ_i T_ik; e_j(l | k) ∝ s + Σ over j's answers l on items i of T_ik. */
  private void dawidSkeneStep() {
    double s = settings.smoothing();
    double[] counts = new double[annotators * k * k];
    Arrays.fill(counts, s);
    fitPrior();
    for (int i = 0; i < d.items(); i++) {
      for (int a = d.itemStart(i); a < d.itemStart(i + 1); a++) {
        int base = d.annotatorOf(a) * k * k + d.labelOf(a);
        for (int c = 0; c < k; c++) {
          counts[base + c * k] += t[i * k + c];
        }
      }
    }
    for (int j = 0; j < annotators; j++) {
      for (int c = 0; c < k; c++) {
        int row = (j * k + c) * k;
        double sum = 0;
        for (int l = 0; l < k; l++) {
          sum += counts[row + l];
        }
        for (int l = 0; l < k; l++) {
          double e = sum > 0 ? counts[row + l] / sum : 1.0 / k;
          logEmit[(j * k + l) * k + c] = Math.log(e);
        }
      }
    }
  }

  /** π as Dawid–Skene; p_j = (s + Σ T_{i, l}) / (2s + n_j); a wrong answer: (1 − p_j)/(K − 1). */
  private void oneCoinStep() {
    double s = settings.smoothing();
    fitPrior();
    double[] right = new double[annotators];
    long[] given = new long[annotators];
    for (int i = 0; i < d.items(); i++) {
      for (int a = d.itemStart(i); a < d.itemStart(i + 1); a++) {
        right[d.annotatorOf(a)] += t[i * k + d.labelOf(a)];
        given[d.annotatorOf(a)]++;
      }
    }
    for (int j = 0; j < annotators; j++) {
      double p = k == 1 ? 1 : (right[j] + s) / (given[j] + 2 * s);
      for (int l = 0; l < k; l++) {
        for (int c = 0; c < k; c++) {
          logEmit[(j * k + l) * k + c] = Math.log(c == l ? p : (1 - p) / (k - 1));
        }
      }
    }
  }

  /**
   * MACE: with the current θ_j and ξ_j, answer l of j on item i was given truly with probability
   * T_il · θ_j / (θ_j + (1 − θ_j) ξ_j(l)), else as spam; θ_j = (s + expected true answers) /
   * (2s + n_j), ξ_j(l) ∝ s + expected spam answers l; e_j(l | k) = θ_j·[l = k] + (1 − θ_j)·ξ_j(l).
   */
  private void maceStep() {
    double s = settings.smoothing();
    Arrays.fill(logPrior, -Math.log(k));
    double[] truly = new double[annotators];
    double[] spam = new double[annotators * k];
    long[] given = new long[annotators];
    for (int i = 0; i < d.items(); i++) {
      for (int a = d.itemStart(i); a < d.itemStart(i + 1); a++) {
        int j = d.annotatorOf(a);
        int l = d.labelOf(a);
        double th = theta[j];
        double denominator = th + (1 - th) * xi[j * k + l];
        double q = denominator > 0 ? t[i * k + l] * th / denominator : 0;
        truly[j] += q;
        spam[j * k + l] += 1 - q;
        given[j]++;
      }
    }
    for (int j = 0; j < annotators; j++) {
      theta[j] = (truly[j] + s) / (given[j] + 2 * s);
      double sum = 0;
      for (int l = 0; l < k; l++) {
        sum += spam[j * k + l] + s;
      }
      for (int l = 0; l < k; l++) {
        xi[j * k + l] = sum > 0 ? (spam[j * k + l] + s) / sum : 1.0 / k;
      }
      for (int l = 0; l < k; l++) {
        for (int c = 0; c < k; c++) {
          double e = (c == l ? theta[j] : 0) + (1 - theta[j]) * xi[j * k + l];
          logEmit[(j * k + l) * k + c] = Math.log(e);
        }
      }
    }
  }

  private void fitPrior() {
    double s = settings.smoothing();
    double[] prior = new double[k];
    Arrays.fill(prior, s);
    for (int i = 0; i < d.items(); i++) {
      for (int c = 0; c < k; c++) {
        prior[c] += t[i * k + c];
      }
    }
    double sum = d.items() + k * s;
    for (int c = 0; c < k; c++) {
      logPrior[c] = Math.log(prior[c] / sum);
    }
  }

  /**
   * The E-step: fills T from the parameters and returns the log-likelihood of all answers. An
   * item whose answers the model finds impossible (only with smoothing 0) gets a uniform
   * posterior and makes the log-likelihood −∞.
   */
  private double expect() {
    double logLikelihood = 0;
    double[] score = new double[k];
    for (int i = 0; i < d.items(); i++) {
      System.arraycopy(logPrior, 0, score, 0, k);
      for (int a = d.itemStart(i); a < d.itemStart(i + 1); a++) {
        int base = (d.annotatorOf(a) * k + d.labelOf(a)) * k;
        for (int c = 0; c < k; c++) {
          score[c] += logEmit[base + c];
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double v : score) {
        max = Math.max(max, v);
      }
      if (max == Double.NEGATIVE_INFINITY) {
        Arrays.fill(t, i * k, (i + 1) * k, 1.0 / k);
        logLikelihood = Double.NEGATIVE_INFINITY;
        continue;
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(score[c] - max);
        t[i * k + c] = e;
        sum += e;
      }
      for (int c = 0; c < k; c++) {
        t[i * k + c] /= sum;
      }
      logLikelihood += max + Math.log(sum);
    }
    return logLikelihood;
  }

  private AggregationResult result(int iterations, double logLikelihood, boolean converged) {
    double[] right = new double[annotators];
    long[] given = new long[annotators];
    for (int i = 0; i < d.items(); i++) {
      for (int a = d.itemStart(i); a < d.itemStart(i + 1); a++) {
        right[d.annotatorOf(a)] += t[i * k + d.labelOf(a)];
        given[d.annotatorOf(a)]++;
      }
    }
    List<AnnotatorQuality> table = new ArrayList<>(annotators);
    for (int j = 0; j < annotators; j++) {
      List<List<Double>> confusion = new ArrayList<>(k);
      for (int c = 0; c < k; c++) {
        List<Double> row = new ArrayList<>(k);
        for (int l = 0; l < k; l++) {
          row.add(Math.exp(logEmit[(j * k + l) * k + c]));
        }
        confusion.add(row);
      }
      table.add(new AnnotatorQuality(d.annotators().get(j), given[j],
          given[j] == 0 ? Double.NaN : right[j] / given[j], confusion,
          method == AggregationMethod.MACE ? 1 - theta[j] : Double.NaN));
    }
    double[] prior = new double[k];
    for (int c = 0; c < k; c++) {
      prior[c] = Math.exp(logPrior[c]);
    }
    return new AggregationResult(method, d.labels(), t, prior, iterations, logLikelihood,
        converged, table);
  }
}
