package dev.entdist.corpora;

/**
 * A typed token span [start, end) of one annotator in a tokenized sentence.
 *
 * @param start first token
 * @param end one past the last token
 * @param type the entity type
 */
record Span(int start, int end, String type) {

  /** Whether the two spans cover the same tokens. */
  boolean sameTokens(Span other) {
    return start == other.start && end == other.end;
  }
}
