package dev.entdist.features;

import java.util.Arrays;
import java.util.List;

/**
 * The OpenNLP analysis of one sentence: its tokens with their code-point offsets in the sentence,
 * their part-of-speech tags (Universal Dependencies tags with the bundled models) and, when the
 * lemmatiser ran, their lemmas. Immutable.
 */
public final class SentenceAnalysis {

  private final String sentence;
  private final String[] tokens;
  private final int[] starts;
  private final int[] ends;
  private final String[] tags;
  private final String[] lemmas;

  SentenceAnalysis(
      String sentence, String[] tokens, int[] starts, int[] ends, String[] tags, String[] lemmas) {
    this.sentence = sentence;
    this.tokens = tokens;
    this.starts = starts;
    this.ends = ends;
    this.tags = tags;
    this.lemmas = lemmas;
  }

  /** The analysed sentence text. */
  public String sentence() {
    return sentence;
  }

  /** Number of tokens. */
  public int size() {
    return tokens.length;
  }

  /** The {@code i}-th token as written. */
  public String token(int i) {
    return tokens[i];
  }

  /** The part-of-speech tag of token {@code i}. */
  public String tag(int i) {
    return tags[i];
  }

  /** Whether lemmas were computed. */
  public boolean hasLemmas() {
    return lemmas != null;
  }

  /**
   * The lemma of token {@code i} (lower-cased by the bundled models).
   *
   * @throws IllegalStateException if the lemmatiser did not run
   */
  public String lemma(int i) {
    if (lemmas == null) {
      throw new IllegalStateException("this analysis has no lemmas");
    }
    return lemmas[i];
  }

  /** The first code point of token {@code i}, counted from the start of the sentence. */
  public int start(int i) {
    return starts[i];
  }

  /** One past the last code point of token {@code i}, counted from the start of the sentence. */
  public int end(int i) {
    return ends[i];
  }

  /** The tokens as an immutable list. */
  public List<String> tokens() {
    return List.of(tokens);
  }

  /** The tags as an immutable list. */
  public List<String> tags() {
    return List.of(tags);
  }

  /** The lemmas as an immutable list (empty when the lemmatiser did not run). */
  public List<String> lemmas() {
    return lemmas == null ? List.of() : List.of(lemmas);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SentenceAnalysis a
        && sentence.equals(a.sentence)
        && Arrays.equals(tokens, a.tokens)
        && Arrays.equals(starts, a.starts)
        && Arrays.equals(ends, a.ends)
        && Arrays.equals(tags, a.tags)
        && Arrays.equals(lemmas, a.lemmas);
  }

  @Override
  public int hashCode() {
    return sentence.hashCode() * 31 + Arrays.hashCode(tags);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(tokens[i]).append('/').append(tags[i]);
      if (lemmas != null) {
        sb.append('/').append(lemmas[i]);
      }
    }
    return sb.toString();
  }
}
