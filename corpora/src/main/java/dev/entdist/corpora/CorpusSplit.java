package dev.entdist.corpora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

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
   * This split, when both sides hold occurrences.
   *
   * @param testFraction the fraction the split was made with, for the message
   * @throws IllegalArgumentException when a side is empty (an empty test file or an empty
   *     training file would be written without a word otherwise)
   */
  public CorpusSplit requireBothSides(double testFraction) {
    if (test.isEmpty() && !train.isEmpty()) {
      throw new IllegalArgumentException("the test side would be empty: a test fraction of "
          + testFraction + " rounds to no whole sentence group; use a larger --test-fraction");
    }
    if (train.isEmpty() && !test.isEmpty()) {
      throw new IllegalArgumentException("the training side would be empty: a test fraction of "
          + testFraction + " holds out every sentence group; use a smaller --test-fraction");
    }
    if (train.isEmpty()) {
      throw new IllegalArgumentException("the corpus holds no occurrence to split");
    }
    return this;
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
    return byGroup(examples, testFraction, seed, AnnotatedExample::text);
  }

  /**
   * Splits by document where the occurrences carry one (the extra field {@code document}, which
   * the CoNLL reader sets after {@code -DOCSTART-} lines), and by sentence otherwise; the rule is
   * that of {@link #bySentence} with documents as the groups.
   */
  public static CorpusSplit byDocument(
      List<AnnotatedExample> examples, double testFraction, long seed) {
    return byGroup(examples, testFraction, seed, e -> {
      Object document = e.extra().get("document");
      return document == null ? e.text() : List.of("document", document);
    });
  }

  /**
   * Splits with the rule of {@link #bySentence}, grouping occurrences by {@code group} (equal
   * keys stay on one side).
   */
  public static CorpusSplit byGroup(List<AnnotatedExample> examples, double testFraction,
      long seed, Function<AnnotatedExample, ?> group) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "test fraction must be strictly between 0 and 1, got " + testFraction);
    }
    Map<Object, Integer> groupOf = new LinkedHashMap<>();
    int[] groupIndex = new int[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      Object key = group.apply(examples.get(i));
      Integer g = groupOf.putIfAbsent(key, groupOf.size());
      groupIndex[i] = g == null ? groupOf.size() - 1 : g;
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
    for (int i = 0; i < examples.size(); i++) {
      (inTest[groupIndex[i]] ? test : train).add(examples.get(i));
    }
    return new CorpusSplit(train, test);
  }
}
