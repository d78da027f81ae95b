package dev.entdist.corpora;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Streams the OpenNLP name-sample format: one whitespace-tokenized sentence a line, names marked
 * {@code <START:type> tokens <END>} ({@code <START>} alone means the type {@code default}, as in
 * OpenNLP). Each marked span becomes a one-hot occurrence with
 * one vote.
 * Blank lines are skipped.
 */
final class OpenNlpReader extends AbstractCorpusReader {

  static final String START = "<START";
  static final String END = "<END>";
  static final String DEFAULT_TYPE = "default";

  private final String idPrefix;
  private int sentence;

  OpenNlpReader(LineSource lines, ReadOptions options) {
    super(lines, options);
    this.idPrefix = Sentences.idPrefix(lines.source());
  }

  @Override
  public CorpusFormat format() {
    return CorpusFormat.OPENNLP;
  }

  @Override
  boolean readRecord(Deque<AnnotatedExample> out) throws IOException, CorpusFormatException {
    String line = lines.nextNonBlank();
    if (line == null) {
      return false;
    }
    int index = sentence++;
    long number = lines.lineNumber();
    List<String> tokens = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    String openType = null;
    int openStart = -1;
    for (String token : line.strip().split("\\s+")) {
      if (token.startsWith(START) && token.endsWith(">")) {
        if (openType != null) {
          throw new CorpusFormatException(lines.source(), number, "<START>",
              "a name starts inside another name (nested names are not allowed)");
        }
        String inside = token.substring(START.length(), token.length() - 1);
        if (inside.isEmpty()) {
          openType = DEFAULT_TYPE;
        } else if (inside.startsWith(":") && inside.length() > 1) {
          openType = inside.substring(1);
        } else {
          throw new CorpusFormatException(lines.source(), number, "<START>",
              "'" + token + "' is not <START> or <START:type>");
        }
        openStart = tokens.size();
      } else if (token.equals(END)) {
        if (openType == null) {
          throw new CorpusFormatException(lines.source(), number, "<END>",
              "<END> without a <START>");
        }
        if (openStart == tokens.size()) {
          throw new CorpusFormatException(lines.source(), number, "<END>",
              "a name with no tokens");
        }
        spans.add(new Span(openStart, tokens.size(), openType));
        openType = null;
      } else {
        tokens.add(token);
      }
    }
    if (openType != null) {
      throw new CorpusFormatException(lines.source(), number, "<END>",
          "the name opened at token " + (openStart + 1) + " is never closed");
    }
    int[] starts = Sentences.tokenStarts(tokens);
    for (Span s : spans) {
      String id = idPrefix + ":" + index + ":" + s.start() + "-" + s.end();
      out.add(Sentences.occurrence(id, tokens, starts, s.start(), s.end(),
          Map.of(s.type(), 1.0), Map.of(s.type(), 1), 1, Map.of()));
    }
    return true;
  }
}
