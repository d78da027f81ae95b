package dev.entdist.corpora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spans the annotators of one text marked, turned into occurrences the way the annotation
 * tools' importers read them: every distinct span (code points) that any annotator marked is an
 * occurrence, and every annotator who annotated the text answers for it, with the label they gave
 * that exact span or the none-label.
 */
final class SpanVotes {

  private final String text;
  private final String none;
  /** Annotator → (span key → label), annotators in order of appearance. */
  private final Map<String, Map<Long, String>> marks = new LinkedHashMap<>();

  SpanVotes(String text, String none) {
    this.text = text;
    this.none = none;
  }

  /** Registers an annotator who annotated the text (and may mark nothing). */
  void annotator(String who) {
    marks.computeIfAbsent(who, w -> new TreeMap<>());
  }

  /**
   * Records that {@code who} marked code points [start, end) as {@code label}.
   *
   * @return the label {@code who} had already given that span, or null
   */
  String mark(String who, int start, int end, String label) {
    String before = marks.computeIfAbsent(who, w -> new TreeMap<>()).putIfAbsent(key(start, end),
        label);
    return before == null || before.equals(label) ? null : before;
  }

  /** The occurrences, by span; {@code idPrefix} + ":start-end" names them. */
  List<AnnotatedExample> occurrences(String idPrefix, Map<String, Object> extra) {
    TreeMap<Long, Boolean> spans = new TreeMap<>();
    marks.values().forEach(m -> m.keySet().forEach(k -> spans.put(k, true)));
    List<AnnotatedExample> out = new ArrayList<>();
    for (long k : spans.keySet()) {
      int start = (int) (k >>> 32);
      int end = (int) k;
      List<Annotation> answers = new ArrayList<>();
      for (Map.Entry<String, Map<Long, String>> m : marks.entrySet()) {
        answers.add(new Annotation(m.getKey(), m.getValue().getOrDefault(k, none)));
      }
      Map<String, Integer> votes = AnnotatedExample.countVotes(answers);
      Map<String, Double> labels = new TreeMap<>();
      votes.forEach((label, c) -> labels.put(label, c / (double) answers.size()));
      out.add(new AnnotatedExample(idPrefix + ":" + start + "-" + end, text,
          AnnotatedExample.codePointSubstring(text, start, end), start, end, labels, votes,
          answers.size(), extra, answers));
    }
    return out;
  }

  private static long key(int start, int end) {
    return ((long) start << 32) | end;
  }
}
