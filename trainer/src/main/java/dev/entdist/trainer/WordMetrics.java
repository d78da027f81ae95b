package dev.entdist.trainer;

/**
 * The metrics of one word's held-out rows.
 *
 * @param word the lower-cased target word
 * @param examples its rows
 * @param meanKl mean KL(ref ‖ pred) over them, nats
 * @param top1 fraction with argmax pred = argmax ref
 * @param meanEntropyPred mean H(pred), nats
 * @param meanEntropyRef mean H(ref), nats
 * @param metrics every metric of these rows (ECE over a handful of rows is noisy)
 */
public record WordMetrics(
    String word,
    int examples,
    double meanKl,
    double top1,
    double meanEntropyPred,
    double meanEntropyRef,
    Evaluation.Metrics metrics) {

  static WordMetrics of(String word, Evaluation.Metrics m) {
    return new WordMetrics(word, m.examples(), m.meanKl(), m.top1(), m.meanEntropyPred(),
        m.meanEntropyRef(), m);
  }
}
