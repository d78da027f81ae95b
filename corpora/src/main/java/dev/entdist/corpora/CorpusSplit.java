package dev.entdist.corpora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A train/test split of a corpus in which every occurrence of one sentence lands on the same side,
 * so a model is never tested on a sentence it was trained on.
 *
 * @param train the training occurrences, in input order
 * @param test the held-out occurrences, in input order
 */
public record CorpusSplit(List<AnnotatedExample> train, List<AnnotatedExample> test) {

  /** Copies both lists. */
  public CorpusSplit {
    train = List.copyOf(train);
    test = List.copyOf(test);
  }

  /**
   * Splits by sentence: occurrences are grouped by their exact {@code text}; the groups (in order
   * of first appearance) are shuffled with a generator seeded by {@code seed}, and the first
   * {@code Math.round(testFraction × #groups)} of them (halves round up) go to test, the rest to
   * train. With few groups one side may therefore be empty. The same input and seed always give
   * the same split; each side keeps the input order.
   *
   * @param examples the occurrences to split
   * @param testFraction share of sentence groups held out, strictly between 0 and 1
   * @param seed seed of the shuffle
   * @throws IllegalArgumentException when testFraction is not in (0, 1)
   */
  public static CorpusSplit bySentence(
      List<AnnotatedExample> examples, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "test fraction must be strictly between 0 and 1, got " + testFraction);
    }
    Map<String, Integer> groupOf = new LinkedHashMap<>();
    for (AnnotatedExample e : examples) {
      groupOf.putIfAbsent(e.text(), groupOf.size());
    }
    int groups = groupOf.size();
    int[] order = new int[groups];
    for (int i = 0; i < groups; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = groups - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int testGroups = (int) Math.round(testFraction * groups);
    boolean[] inTest = new boolean[groups];
    for (int i = 0; i < testGroups; i++) {
      inTest[order[i]] = true;
    }
    List<AnnotatedExample> train = new ArrayList<>();
    List<AnnotatedExample> test = new ArrayList<>();
    for (AnnotatedExample e : examples) {
      (inTest[groupOf.get(e.text())] ? test : train).add(e);
    }
    return new CorpusSplit(train, test);
  }
}
