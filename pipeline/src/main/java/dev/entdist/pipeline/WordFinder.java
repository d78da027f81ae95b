package dev.entdist.pipeline;

import dev.entdist.features.FeaturePipeline;
import dev.entdist.features.SentenceAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the occurrences of a set of words in a text. A single-token word matches a token whose
 * lower-cased form, or (when the analysis has lemmas) lower-cased lemma, equals it: "Cells" and
 * "cells" match cell; a noun the lemmatiser left alone (a capitalised plural tagged as a proper
 * noun, "Banks") matches through the regular English plural endings. A word of several tokens
 * ("new york") matches case-insensitively as a whole
 * word in the sentence. Occurrences come in reading order, each with the analysis of its sentence
 * so that its features are computed without analysing the sentence again.
 */
final class WordFinder {

  /**
   * One match.
   *
   * @param analysis the analysed sentence holding it
   * @param sentenceOffset code points of the text before the sentence
   * @param start first code point of the match within the sentence
   * @param end one past its last code point within the sentence
   * @param word the (lower-cased) word it matched
   */
  record Match(SentenceAnalysis analysis, int sentenceOffset, int start, int end, String word) {

    /** The matched text. */
    String surface() {
      String s = analysis.sentence();
      int from = s.offsetByCodePoints(0, start);
      return s.substring(from, s.offsetByCodePoints(from, end - start));
    }
  }

  private WordFinder() {}

  /**
   * A sentence of a text with its analysis.
   *
   * @param offset code points of the text before the sentence
   * @param analysis the analysed sentence
   */
  record Sentence(int offset, SentenceAnalysis analysis) {

    /** Whether the code-point span {@code [start, end)} of the text lies within this sentence. */
    boolean holds(int start, int end) {
      String s = analysis.sentence();
      return offset <= start && end <= offset + s.codePointCount(0, s.length());
    }
  }

  /** The sentences of {@code text}, as the feature pipeline splits it, each analysed once. */
  static List<Sentence> sentences(FeaturePipeline pipeline, String text) {
    List<Sentence> out = new ArrayList<>();
    if (text.isBlank()) {
      return out;
    }
    for (int[] span : pipeline.sentences(text)) {
      out.add(new Sentence(text.codePointCount(0, span[0]),
          pipeline.analyse(text.substring(span[0], span[1]))));
    }
    return out;
  }

  /** Every occurrence of {@code words} (lower-cased) in {@code text}, in reading order. */
  static List<Match> find(FeaturePipeline pipeline, String text, Set<String> words) {
    if (words.isEmpty() || text.isBlank()) {
      return new ArrayList<>();
    }
    return find(sentences(pipeline, text), words);
  }

  /** Every occurrence of {@code words} (lower-cased) in analysed sentences, in reading order. */
  static List<Match> find(List<Sentence> sentences, Set<String> words) {
    List<Match> out = new ArrayList<>();
    if (words.isEmpty()) {
      return out;
    }
    List<String> phrases = words.stream().filter(WordFinder::isPhrase).sorted().toList();
    for (Sentence s : sentences) {
      SentenceAnalysis a = s.analysis();
      String sentence = a.sentence();
      int offset = s.offset();
      List<Match> inSentence = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        String form = a.token(i).toLowerCase(Locale.ROOT);
        String word = words.contains(form) ? form : null;
        if (word == null && a.hasLemmas()) {
          String lemma = a.lemma(i).toLowerCase(Locale.ROOT);
          word = words.contains(lemma) && !isPhrase(lemma) ? lemma : null;
        }
        if (word == null && isNoun(a.tag(i))) {
          word = singular(form, words);
        }
        if (word != null) {
          inSentence.add(new Match(a, offset, a.start(i), a.end(i), word));
        }
      }
      for (String phrase : phrases) {
        for (int from : wholeWordStarts(sentence, phrase)) {
          int start = sentence.codePointCount(0, from);
          int end = start + phrase.codePointCount(0, phrase.length());
          boolean overlaps = inSentence.stream().anyMatch(m -> m.start() < end && start < m.end());
          if (!overlaps) {
            inSentence.add(new Match(a, offset, start, end, phrase));
          }
        }
      }
      inSentence.sort(Comparator.comparingInt(Match::start));
      out.addAll(inSentence);
    }
    return out;
  }

  /** Whether a (Universal Dependencies) tag marks a noun or a proper noun. */
  private static boolean isNoun(String tag) {
    return tag.equals("NOUN") || tag.equals("PROPN");
  }

  /**
   * The word among {@code words} that a plural noun form is of, by the regular English plural
   * rules (-s, -es, -ies), or {@code null}. The lemmatiser leaves a capitalised plural that the
   * tagger reads as a proper noun ("Banks of the river") as it is; this catches it.
   */
  static String singular(String form, Set<String> words) {
    if (form.length() < 3 || !form.endsWith("s")) {
      return null;
    }
    String[] candidates = {
      form.substring(0, form.length() - 1),
      form.endsWith("es") ? form.substring(0, form.length() - 2) : null,
      form.endsWith("ies") ? form.substring(0, form.length() - 3) + "y" : null
    };
    for (String c : candidates) {
      if (c != null && words.contains(c)) {
        return c;
      }
    }
    return null;
  }

  /** Whether {@code word} is more than one token of letters and digits ("new york", "t-shirt"). */
  static boolean isPhrase(String word) {
    return word.codePoints().anyMatch(cp -> !Character.isLetterOrDigit(cp));
  }

  /**
   * UTF-16 start indices of the case-insensitive matches of {@code word} in {@code text} that
   * are whole words: not preceded or followed by a letter or digit.
   */
  static List<Integer> wholeWordStarts(String text, String word) {
    String haystack = text.toLowerCase(Locale.ROOT);
    String needle = word.toLowerCase(Locale.ROOT);
    if (haystack.length() != text.length() || needle.length() != word.length()) {
      // Lower-casing changed the length (rare scripts): fall back to exact matching.
      haystack = text;
      needle = word;
    }
    List<Integer> out = new ArrayList<>();
    if (needle.isEmpty()) {
      return out;
    }
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      int end = i + needle.length();
      boolean leftOk = i == 0 || !Character.isLetterOrDigit(text.codePointBefore(i));
      boolean rightOk = end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end));
      if (leftOk && rightOk) {
        out.add(i);
      }
    }
    return out;
  }
}
