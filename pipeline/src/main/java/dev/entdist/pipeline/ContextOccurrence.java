package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds a word in a sentence a user typed and makes it an occurrence the feature pipeline can
 * analyse. The word matches case-insensitively as a whole word (not inside a longer word), or
 * through its lemma ("cell" finds "cells"); occurrences are numbered from 1 in reading order.
 * Each sentence of the context is analysed once, for finding the word and for its features.
 */
public final class ContextOccurrence {

  /** The label the occurrence carries: the feature pipeline ignores labels. */
  private static final Map<String, Double> NO_LABEL = Map.of("?", 1.0);

  private ContextOccurrence() {}

  /**
   * An occurrence found in a context, with the analysis of its sentence when it lies within one
   * sentence (as every single word does), so that its features need no second analysis.
   *
   * @param example the occurrence
   * @param sentence the analysed sentence holding it, or null when it straddles sentences
   */
  record Located(AnnotatedExample example, WordFinder.Sentence sentence) {

    /**
     * The occurrence's context vector: {@link FeaturePipeline#vectorize(AnnotatedExample)}, from
     * the analysis already made when there is one (the same vector, see {@link
     * FeaturePipeline#sentences}).
     */
    SparseVector vectorize(FeaturePipeline pipeline) {
      if (sentence == null) {
        return pipeline.vectorize(example);
      }
      return pipeline.vectorize(sentence.analysis(), example.start() - sentence.offset(),
          example.end() - sentence.offset());
    }
  }

  /**
   * The {@code occurrence}-th (1-based) occurrence of {@code word} in {@code context}.
   *
   * @throws PipelineException when the word is empty or does not occur that often
   */
  public static AnnotatedExample find(FeaturePipeline pipeline, String context, String word,
      int occurrence) {
    return locate(pipeline, context, word, occurrence).example();
  }

  /**
   * As {@link #find}, keeping the analysis of the occurrence's sentence: each sentence of the
   * context is analysed once.
   */
  static Located locate(FeaturePipeline pipeline, String context, String word, int occurrence) {
    if (word == null || word.isBlank()) {
      throw new PipelineException("the word to look for is empty");
    }
    if (occurrence < 1) {
      throw new PipelineException("the occurrence counts from 1, got " + occurrence);
    }
    List<WordFinder.Sentence> sentences = WordFinder.sentences(pipeline, context);
    List<int[]> spans = spans(sentences, context, word.toLowerCase(Locale.ROOT));
    if (spans.isEmpty()) {
      throw new PipelineException("'" + word + "' does not occur as a word in the context \""
          + context + "\": give a sentence that contains it");
    }
    if (occurrence > spans.size()) {
      throw new PipelineException("'" + word + "' occurs " + spans.size() + " time(s) in the"
          + " context, so occurrence " + occurrence + " does not exist");
    }
    int[] span = spans.get(occurrence - 1);
    int from = context.offsetByCodePoints(0, span[0]);
    int to = context.offsetByCodePoints(from, span[1] - span[0]);
    AnnotatedExample e = AnnotatedExample.of("context", context, context.substring(from, to),
        span[0], span[1], NO_LABEL);
    WordFinder.Sentence holding = sentences.stream()
        .filter(s -> s.holds(span[0], span[1])).findFirst().orElse(null);
    return new Located(e, holding);
  }

  /**
   * Code-point spans of {@code key} in {@code context}, in reading order: whole-word matches of
   * the word itself, and tokens whose lemma is the word.
   */
  static List<int[]> spans(List<WordFinder.Sentence> sentences, String context, String key) {
    List<int[]> spans = new ArrayList<>();
    for (int from : WordFinder.wholeWordStarts(context, key)) {
      int start = context.codePointCount(0, from);
      spans.add(new int[] {start, start + key.codePointCount(0, key.length())});
    }
    for (WordFinder.Match m : WordFinder.find(sentences, Set.of(key))) {
      int start = m.sentenceOffset() + m.start();
      int end = m.sentenceOffset() + m.end();
      if (spans.stream().noneMatch(s -> s[0] < end && start < s[1])) {
        spans.add(new int[] {start, end});
      }
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    return spans;
  }
}
