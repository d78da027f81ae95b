package dev.entdist.corpora;

import java.util.List;
import java.util.Map;

/** Turns a tokenized sentence and token spans into occurrences, as the tagged formats read them. */
final class Sentences {

  private Sentences() {}

  /** The sentence text: the tokens joined by single spaces. */
  static String text(List<String> tokens) {
    return String.join(" ", tokens);
  }

  /** The code-point offset where each token starts, plus the text length at the end. */
  static int[] tokenStarts(List<String> tokens) {
    int[] starts = new int[tokens.size() + 1];
    int offset = 0;
    for (int i = 0; i < tokens.size(); i++) {
      starts[i] = offset;
      String t = tokens.get(i);
      offset += t.codePointCount(0, t.length()) + 1;
    }
    starts[tokens.size()] = offset - 1;
    return starts;
  }

  /** The occurrence for tokens [start, end) with the given labels and votes. */
  static AnnotatedExample occurrence(String id, List<String> tokens, int[] starts, int start,
      int end, Map<String, Double> labels, Map<String, Integer> votes, int annotators,
      Map<String, Object> extra) {
    return occurrence(id, tokens, starts, start, end, labels, votes, annotators, extra,
        List.of());
  }

  /** The occurrence for tokens [start, end), with each annotator's answer. */
  static AnnotatedExample occurrence(String id, List<String> tokens, int[] starts, int start,
      int end, Map<String, Double> labels, Map<String, Integer> votes, int annotators,
      Map<String, Object> extra, List<Annotation> answers) {
    String text = text(tokens);
    String target = String.join(" ", tokens.subList(start, end));
    int cpStart = starts[start];
    int cpEnd = cpStart + target.codePointCount(0, target.length());
    return new AnnotatedExample(id, text, target, cpStart, cpEnd, labels, votes, annotators,
        extra, answers);
  }

  /** The name a file contributes to occurrence ids: its base name without extension. */
  static String idPrefix(String source) {
    String name = source;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
