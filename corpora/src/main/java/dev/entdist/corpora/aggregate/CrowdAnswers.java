package dev.entdist.corpora.aggregate;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The annotators' answers of a corpus as integer arrays, the form the EM methods work on: items
 * (the occurrences that have answers, in corpus order), annotators and labels (each sorted), and
 * for every answer its item, annotator and label. Answers are grouped by item.
 */
public final class CrowdAnswers {

  private final List<String> labels;
  private final List<String> annotators;
  private final int[] exampleOfItem;
  private final int[] itemStart;
  private final int[] annotatorOf;
  private final int[] labelOf;

  private CrowdAnswers(List<String> labels, List<String> annotators, int[] exampleOfItem,
      int[] itemStart, int[] annotatorOf, int[] labelOf) {
    this.labels = List.copyOf(labels);
    this.annotators = List.copyOf(annotators);
    this.exampleOfItem = exampleOfItem;
    this.itemStart = itemStart;
    this.annotatorOf = annotatorOf;
    this.labelOf = labelOf;
  }

  /**
   * The answers of {@code examples}; occurrences without annotations are not items.
   *
   * @throws IllegalArgumentException when no occurrence has annotations
   */
  public static CrowdAnswers of(List<AnnotatedExample> examples) {
    TreeSet<String> labelSet = new TreeSet<>();
    TreeSet<String> annotatorSet = new TreeSet<>();
    int items = 0;
    int answers = 0;
    for (AnnotatedExample e : examples) {
      if (e.hasAnnotations()) {
        items++;
        answers += e.annotations().size();
        for (Annotation a : e.annotations()) {
          labelSet.add(a.label());
          annotatorSet.add(a.annotator());
        }
      }
    }
    if (items == 0) {
      throw new IllegalArgumentException(
          "no occurrence names its annotators (no 'annotations'), so there is nothing to"
              + " aggregate");
    }
    Map<String, Integer> labelIndex = index(labelSet);
    Map<String, Integer> annotatorIndex = index(annotatorSet);
    int[] exampleOfItem = new int[items];
    int[] itemStart = new int[items + 1];
    int[] annotatorOf = new int[answers];
    int[] labelOf = new int[answers];
    int item = 0;
    int answer = 0;
    for (int x = 0; x < examples.size(); x++) {
      AnnotatedExample e = examples.get(x);
      if (!e.hasAnnotations()) {
        continue;
      }
      exampleOfItem[item] = x;
      itemStart[item] = answer;
      for (Annotation a : e.annotations()) {
        annotatorOf[answer] = annotatorIndex.get(a.annotator());
        labelOf[answer] = labelIndex.get(a.label());
        answer++;
      }
      item++;
    }
    itemStart[items] = answer;
    return new CrowdAnswers(new ArrayList<>(labelSet), new ArrayList<>(annotatorSet),
        exampleOfItem, itemStart, annotatorOf, labelOf);
  }

  /**
   * Answers given directly as arrays (for tests and generated crowds): answer a is annotator
   * {@code annotatorOf[a]}'s label {@code labelOf[a]} for item {@code itemOf[a]}; items are
   * 0 … max(itemOf), each with at least one answer, and must be non-decreasing in {@code itemOf}.
   */
  public static CrowdAnswers ofArrays(List<String> labels, List<String> annotators, int[] itemOf,
      int[] annotatorOf, int[] labelOf) {
    int n = itemOf.length;
    if (annotatorOf.length != n || labelOf.length != n || n == 0) {
      throw new IllegalArgumentException("answer arrays must be non-empty and of one length");
    }
    int items = itemOf[n - 1] + 1;
    int[] itemStart = new int[items + 1];
    for (int a = 0; a < n; a++) {
      int previous = a == 0 ? -1 : itemOf[a - 1];
      if (itemOf[a] != previous && itemOf[a] != previous + 1) {
        throw new IllegalArgumentException("items must be 0, 1, 2, … in order, each answered;"
            + " answer " + a + " is for item " + itemOf[a] + " after item " + previous);
      }
      if (itemOf[a] != previous) {
        itemStart[itemOf[a]] = a;
      }
      if (annotatorOf[a] < 0 || annotatorOf[a] >= annotators.size() || labelOf[a] < 0
          || labelOf[a] >= labels.size()) {
        throw new IllegalArgumentException("answer " + a + " names an unknown annotator or label");
      }
    }
    itemStart[items] = n;
    int[] exampleOfItem = new int[items];
    Arrays.setAll(exampleOfItem, i -> i);
    return new CrowdAnswers(labels, annotators, exampleOfItem, itemStart, annotatorOf.clone(),
        labelOf.clone());
  }

  private static Map<String, Integer> index(TreeSet<String> sorted) {
    Map<String, Integer> index = new TreeMap<>();
    for (String s : sorted) {
      index.put(s, index.size());
    }
    return index;
  }

  /** The labels, sorted: the columns of every posterior and confusion matrix. */
  public List<String> labels() {
    return labels;
  }

  /** The annotators' ids, sorted. */
  public List<String> annotators() {
    return annotators;
  }

  /** Number of items (occurrences with answers). */
  public int items() {
    return exampleOfItem.length;
  }

  /** Number of answers. */
  public int answers() {
    return annotatorOf.length;
  }

  /** The index, in the list this was built from, of the occurrence that is item {@code i}. */
  public int exampleOf(int item) {
    return exampleOfItem[item];
  }

  int itemStart(int item) {
    return itemStart[item];
  }

  int annotatorOf(int answer) {
    return annotatorOf[answer];
  }

  int labelOf(int answer) {
    return labelOf[answer];
  }
}
