package dev.entdist.corpora;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One annotated occurrence of a target word: the text, the target span in Unicode code points
 * (as Python and most annotation tools count), the label distribution over entity types and,
 * when the source has them, the raw annotator votes and the individual annotators' answers.
 *
 * @param id identifier, unique within a corpus
 * @param text the sentence (or passage) holding the occurrence
 * @param target the surface form of the occurrence; equals the code points [start, end) of text
 * @param start first code point of the span
 * @param end one past the last code point of the span
 * @param labels label → probability, sorted by label, summing to 1 within 1e-6 (renormalised)
 * @param votes label → number of annotators who chose it, sorted by label; empty when unknown
 * @param annotators number of annotators (1 for a single-annotator corpus; ≥ Σ votes)
 * @param extra fields of the source record this type does not interpret, kept for round trips
 * @param annotations each annotator's answer, in source order; empty when the source does not
 *     name annotators. When present, {@code votes} are their counts.
 */
public record AnnotatedExample(
    String id,
    String text,
    String target,
    int start,
    int end,
    Map<String, Double> labels,
    Map<String, Integer> votes,
    int annotators,
    Map<String, Object> extra,
    List<Annotation> annotations) {

  /** Validates the span and the labels, and makes every map an immutable sorted copy. */
  public AnnotatedExample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(target, "target");
    int length = text.codePointCount(0, text.length());
    if (start < 0 || end > length || start >= end) {
      throw new IllegalArgumentException(
          "span [" + start + ", " + end + ") outside the text of " + length + " code points");
    }
    String span = codePointSubstring(text, start, end);
    if (!span.equals(target)) {
      throw new IllegalArgumentException(
          "span [" + start + ", " + end + ") is '" + span + "', not the target '" + target + "'");
    }
    votes = votes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(votes));
    for (Map.Entry<String, Integer> v : votes.entrySet()) {
      if (v.getValue() == null || v.getValue() < 0) {
        throw new IllegalArgumentException("vote count of '" + v.getKey() + "' is " + v.getValue());
      }
    }
    labels = normalisedLabels(labels);
    if (annotators < 1) {
      throw new IllegalArgumentException("annotator count must be >= 1, got " + annotators);
    }
    extra = extra == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(extra));
    annotations = annotations == null ? List.of() : List.copyOf(annotations);
  }

  /** An occurrence without annotator-level answers. */
  public AnnotatedExample(String id, String text, String target, int start, int end,
      Map<String, Double> labels, Map<String, Integer> votes, int annotators,
      Map<String, Object> extra) {
    this(id, text, target, start, end, labels, votes, annotators, extra, List.of());
  }

  /** Whether the occurrence names its annotators (has annotator-level answers). */
  public boolean hasAnnotations() {
    return !annotations.isEmpty();
  }

  /** The number of answers per label of {@link #annotations()}, sorted by label. */
  public static Map<String, Integer> countVotes(List<Annotation> annotations) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Annotation a : annotations) {
      counts.merge(a.label(), 1, Integer::sum);
    }
    return counts;
  }

  /** An example without votes or extra fields, with one annotator. */
  public static AnnotatedExample of(
      String id, String text, String target, int start, int end, Map<String, Double> labels) {
    return new AnnotatedExample(id, text, target, start, end, labels, Map.of(), 1, Map.of());
  }

  /** The target lower-cased (root locale): the key a word's inventory and summary use. */
  public String word() {
    return target.toLowerCase(java.util.Locale.ROOT);
  }

  /** The probability of each label in {@code labelSpace} (0 for labels this example lacks). */
  public double[] distributionOver(List<String> labelSpace) {
    double[] p = new double[labelSpace.size()];
    for (int j = 0; j < p.length; j++) {
      p[j] = labels.getOrDefault(labelSpace.get(j), 0.0);
    }
    return p;
  }

  /** The UTF-16 index in {@link #text} where the span starts. */
  public int startChar() {
    return text.offsetByCodePoints(0, start);
  }

  /** The UTF-16 index in {@link #text} one past the span. */
  public int endChar() {
    return text.offsetByCodePoints(0, end);
  }

  /** Whether all the mass sits on one label. */
  public boolean isOneHot() {
    return labels.size() == 1;
  }

  /**
   * A copy with other labels (votes dropped, since they would no longer match; the annotators'
   * answers are kept, since they are what the labels were made from).
   */
  public AnnotatedExample withLabels(Map<String, Double> newLabels) {
    return new AnnotatedExample(id, text, target, start, end, newLabels, Map.of(), annotators,
        extra, annotations);
  }

  /** A copy with other labels that keeps the votes and the annotators' answers. */
  public AnnotatedExample withAggregatedLabels(Map<String, Double> newLabels) {
    return new AnnotatedExample(id, text, target, start, end, newLabels, votes, annotators,
        extra, annotations);
  }

  static String codePointSubstring(String text, int start, int end) {
    int s = text.offsetByCodePoints(0, start);
    int e = text.offsetByCodePoints(s, end - start);
    return text.substring(s, e);
  }

  private static Map<String, Double> normalisedLabels(Map<String, Double> labels) {
    if (labels == null || labels.isEmpty()) {
      throw new IllegalArgumentException("labels are empty");
    }
    TreeMap<String, Double> sorted = new TreeMap<>();
    double sum = 0;
    for (Map.Entry<String, Double> e : labels.entrySet()) {
      Double v = e.getValue();
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new IllegalArgumentException("empty label name");
      }
      if (v == null || !Double.isFinite(v) || v < 0) {
        throw new IllegalArgumentException("probability of label '" + e.getKey() + "' is " + v);
      }
      if (v > 0) {
        sorted.put(e.getKey(), v);
        sum += v;
      }
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("labels are all zero");
    }
    if (Math.abs(sum - 1.0) > 1e-6) {
      throw new IllegalArgumentException("label probabilities sum to " + sum + ", not 1");
    }
    if (sum != 1.0) {
      for (Map.Entry<String, Double> e : sorted.entrySet()) {
        e.setValue(e.getValue() / sum);
      }
    }
    return Collections.unmodifiableMap(sorted);
  }
}
