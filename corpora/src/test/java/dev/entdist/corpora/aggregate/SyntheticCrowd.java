package dev.entdist.corpora.aggregate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded synthetic crowd: a planted true label per item (drawn from a skewed prior), one
 * planted confusion matrix per annotator (accuracy on the diagonal, the rest of each row spread
 * unevenly over the other labels), some spammers who answer uniformly at random, and a fixed
 * number of distinct annotators per item.
 */
final class SyntheticCrowd {

  final int[] truth;
  final double[][][] confusion;
  final CrowdAnswers answers;
  final int spammers;

  private SyntheticCrowd(int[] truth, double[][][] confusion, CrowdAnswers answers,
      int spammers) {
    this.truth = truth;
    this.confusion = confusion;
    this.answers = answers;
    this.spammers = spammers;
  }

  /**
   * A crowd of {@code items} items, {@code labels} labels and {@code annotators} annotators, the
   * first {@code spammers} of whom answer at random, each item answered by {@code perItem}.
   */
  static SyntheticCrowd generate(long seed, int items, int labels, int annotators,
      int spammers, int perItem) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] prior = new double[labels];
    for (int k = 0; k < labels; k++) {
      prior[k] = labels - k;
    }
    normalise(prior);
    double[][][] confusion = new double[annotators][labels][labels];
    for (int j = 0; j < annotators; j++) {
      double accuracy = 0.55 + 0.4 * random.nextDouble();
      for (int k = 0; k < labels; k++) {
        double[] row = confusion[j][k];
        if (j < spammers) {
          Arrays.fill(row, 1.0 / labels);
          continue;
        }
        double[] off = new double[labels];
        for (int l = 0; l < labels; l++) {
          off[l] = l == k ? 0 : -Math.log(random.nextDouble());
        }
        normalise(off);
        for (int l = 0; l < labels; l++) {
          row[l] = l == k ? accuracy : (1 - accuracy) * off[l];
        }
      }
    }
    int[] truth = new int[items];
    int n = items * perItem;
    int[] itemOf = new int[n];
    int[] annotatorOf = new int[n];
    int[] labelOf = new int[n];
    int[] order = IntStream.range(0, annotators).toArray();
    for (int i = 0; i < items; i++) {
      truth[i] = draw(prior, random);
      for (int r = 0; r < perItem; r++) {
        int swap = r + random.nextInt(annotators - r);
        int t = order[r];
        order[r] = order[swap];
        order[swap] = t;
      }
      int[] chosen = Arrays.copyOf(order, perItem);
      Arrays.sort(chosen);
      for (int r = 0; r < perItem; r++) {
        int a = i * perItem + r;
        itemOf[a] = i;
        annotatorOf[a] = chosen[r];
        labelOf[a] = draw(confusion[chosen[r]][truth[i]], random);
      }
    }
    List<String> labelNames = IntStream.range(0, labels)
        .mapToObj(k -> String.format("L%02d", k)).toList();
    List<String> annotatorNames = IntStream.range(0, annotators)
        .mapToObj(j -> String.format("a%03d", j)).toList();
    return new SyntheticCrowd(truth, confusion,
        CrowdAnswers.ofArrays(labelNames, annotatorNames, itemOf, annotatorOf, labelOf),
        spammers);
  }

  /** Share of items whose argmax (ties: first label) is the planted truth. */
  double accuracy(AggregationResult r) {
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      if (r.argmax(i) == truth[i]) {
        right++;
      }
    }
    return right / (double) truth.length;
  }

  private static int draw(double[] p, SplittableRandom random) {
    double u = random.nextDouble();
    double c = 0;
    for (int k = 0; k < p.length; k++) {
      c += p[k];
      if (u < c) {
        return k;
      }
    }
    return p.length - 1;
  }

  private static void normalise(double[] v) {
    double sum = Arrays.stream(v).sum();
    for (int k = 0; k < v.length; k++) {
      v[k] /= sum;
    }
  }
}
