package dev.entdist.corpora;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a CoNLL/BIO/BIOES corpus: whitespace-separated columns, the token first, then one tag
 * per annotator ({@code ?} for an annotator who did not see the sentence), a blank line between
 * sentences; {@code -DOCSTART-} lines separate documents (numbered from 0 in the extra field
 * {@code document} of the occurrences after them). Every distinct span that any annotator
 * marked becomes one occurrence whose votes count, over the annotators who saw the sentence, the
 * type each gave that exact span, or {@code O} when the annotator marked no span with exactly
 * those tokens. Tags: {@code O}, {@code B-}, {@code I-} (also opening a span, as IOB1 does),
 * {@code E-}/{@code L-}, {@code S-}/{@code U-}.
 *
 * <p>A comment line {@code # annotators: a b c} names the tag columns of the sentences after it
 * (one name per tag column, until the next such line); the occurrences then carry each
 * annotator's answer under that name, and without it, when more than one tag column is read,
 * under the column's 1-based number ({@code 2} for the first tag column). A single unnamed tag
 * column gives no annotator-level answers. An annotator who saw the sentence but did not mark a span votes
 * {@link ReadOptions#noneLabel()} for it.
 */
final class ConllReader extends AbstractCorpusReader {

  private static final String UNSEEN = "?";
  private static final Pattern HEADER =
      Pattern.compile("#\\s*annotators\\s*:(.*)");

  private final int tagColumn;
  private final String idPrefix;
  private int sentence;
  private int document = -1;
  private final String none;
  private List<String> names;
  private long namesLine;
  private List<String> nextNames;
  private long nextNamesLine;

  ConllReader(LineSource lines, ReadOptions options) {
    super(lines, options);
    this.tagColumn = options.tagColumn();
    this.idPrefix = Sentences.idPrefix(lines.source());
    this.none = options.noneLabel();
  }

  @Override
  public CorpusFormat format() {
    return CorpusFormat.CONLL;
  }

  @Override
  boolean readRecord(Deque<AnnotatedExample> out) throws IOException, CorpusFormatException {
    if (nextNames != null) {
      names = nextNames;
      namesLine = nextNamesLine;
      nextNames = null;
    }
    List<String[]> rows = new ArrayList<>();
    long firstLine = 0;
    CorpusFormatException error = null;
    while (true) {
      String line;
      try {
        line = lines.next();
      } catch (CorpusFormatException e) {
        error = error == null ? e : error;
        continue;
      }
      if (line == null) {
        break;
      }
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        if (rows.isEmpty() && error == null) {
          continue;
        }
        break;
      }
      Matcher header = HEADER.matcher(stripped);
      if (header.matches()) {
        List<String> declared = List.of(header.group(1).strip().split("\\s+"));
        if (rows.isEmpty() && error == null) {
          names = declared.get(0).isEmpty() ? null : declared;
          namesLine = lines.lineNumber();
          continue;
        }
        nextNames = declared.get(0).isEmpty() ? null : declared;
        nextNamesLine = lines.lineNumber();
        break;
      }
      if (stripped.startsWith("-DOCSTART-")) {
        document++;
        if (rows.isEmpty() && error == null) {
          continue;
        }
        break;
      }
      String[] columns = stripped.split("\\s+");
      if (rows.isEmpty()) {
        firstLine = lines.lineNumber();
      } else if (columns.length != rows.get(0).length && error == null) {
        error = new CorpusFormatException(lines.source(), lines.lineNumber(), "columns",
            columns.length + " columns, but the sentence started (line " + firstLine + ") with "
                + rows.get(0).length);
      }
      if (columns.length < 2 && error == null) {
        error = new CorpusFormatException(lines.source(), lines.lineNumber(), "columns",
            "needs a token and at least one tag column, got '" + stripped + "'");
      }
      if (tagColumn >= 2 && columns.length < tagColumn && error == null) {
        error = new CorpusFormatException(lines.source(), lines.lineNumber(), "columns",
            "has " + columns.length + " columns, but --tag-column is " + tagColumn);
      }
      rows.add(columns);
    }
    int index = sentence++;
    if (error != null) {
      throw error;
    }
    if (rows.isEmpty()) {
      return false;
    }
    parseSentence(rows, firstLine, index, out);
    return true;
  }

  private void parseSentence(List<String[]> rows, long firstLine, int index,
      Deque<AnnotatedExample> out) throws CorpusFormatException {
    int width = rows.get(0).length;
    int[] columns;
    if (tagColumn == 0) {
      columns = new int[width - 1];
      for (int c = 1; c < width; c++) {
        columns[c - 1] = c;
      }
    } else {
      columns = new int[] {tagColumn < 0 ? width - 1 : tagColumn - 1};
    }
    List<String> tokens = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      tokens.add(row[0]);
    }
    if (names != null && names.size() != width - 1) {
      throw new CorpusFormatException(lines.source(), firstLine, "annotators",
          "the sentence has " + (width - 1) + " tag column(s), but '# annotators:' (line "
              + namesLine + ") names " + names.size());
    }
    List<List<Span>> marked = new ArrayList<>();
    List<String> who = new ArrayList<>();
    for (int c : columns) {
      List<Span> spans = annotatorSpans(rows, c, firstLine);
      if (spans != null) {
        marked.add(spans);
        who.add(names != null ? names.get(c - 1) : String.valueOf(c + 1));
      }
    }
    TreeMap<Long, Span> distinct = new TreeMap<>();
    for (List<Span> spans : marked) {
      for (Span s : spans) {
        distinct.putIfAbsent(((long) s.start() << 32) | s.end(), s);
      }
    }
    int[] starts = Sentences.tokenStarts(tokens);
    Map<String, Object> extra = document >= 0 ? Map.of("document", document) : Map.of();
    for (Span span : distinct.values()) {
      Map<String, Integer> votes = new TreeMap<>();
      List<Annotation> answers = new ArrayList<>(marked.size());
      for (int a = 0; a < marked.size(); a++) {
        String type = none;
        for (Span s : marked.get(a)) {
          if (s.sameTokens(span)) {
            type = s.type();
          }
        }
        votes.merge(type, 1, Integer::sum);
        if (names != null || columns.length > 1) {
          answers.add(new Annotation(who.get(a), type));
        }
      }
      Map<String, Double> labels = new TreeMap<>();
      votes.forEach((t, c) -> labels.put(t, c / (double) marked.size()));
      String id = idPrefix + ":" + index + ":" + span.start() + "-" + span.end();
      out.add(Sentences.occurrence(id, tokens, starts, span.start(), span.end(), labels, votes,
          marked.size(), extra, answers));
    }
  }

  /** The spans of one annotator column, or {@code null} when the annotator did not see it. */
  private List<Span> annotatorSpans(List<String[]> rows, int column, long firstLine)
      throws CorpusFormatException {
    String field = "column " + (column + 1);
    int unseen = 0;
    for (String[] row : rows) {
      if (row[column].equals(UNSEEN)) {
        unseen++;
      }
    }
    if (unseen == rows.size()) {
      return null;
    }
    if (unseen > 0) {
      throw new CorpusFormatException(lines.source(), firstLine, field,
          "mixes '?' (annotator did not see the sentence) with tags in one sentence");
    }
    List<Span> spans = new ArrayList<>();
    String openType = null;
    int openStart = -1;
    for (int i = 0; i < rows.size(); i++) {
      String tag = rows.get(i)[column];
      if (tag.equals(NO_ENTITY)) {
        if (openType != null) {
          spans.add(new Span(openStart, i, openType));
          openType = null;
        }
        continue;
      }
      if (tag.length() < 3 || (tag.charAt(1) != '-' && tag.charAt(1) != '_')) {
        throw new CorpusFormatException(lines.source(), firstLine + i, field,
            "'" + tag + "' is not a tag (O, B-TYPE, I-TYPE, E-TYPE, S-TYPE, or ? for unseen)");
      }
      char prefix = tag.charAt(0);
      String type = tag.substring(2);
      boolean continues = openType != null && openType.equals(type);
      switch (prefix) {
        case 'B':
          if (openType != null) {
            spans.add(new Span(openStart, i, openType));
          }
          openType = type;
          openStart = i;
          break;
        case 'I':
          if (!continues) {
            if (openType != null) {
              spans.add(new Span(openStart, i, openType));
            }
            openType = type;
            openStart = i;
          }
          break;
        case 'E':
        case 'L':
          if (continues) {
            spans.add(new Span(openStart, i + 1, type));
          } else {
            if (openType != null) {
              spans.add(new Span(openStart, i, openType));
            }
            spans.add(new Span(i, i + 1, type));
          }
          openType = null;
          break;
        case 'S':
        case 'U':
          if (openType != null) {
            spans.add(new Span(openStart, i, openType));
          }
          spans.add(new Span(i, i + 1, type));
          openType = null;
          break;
        default:
          throw new CorpusFormatException(lines.source(), firstLine + i, field,
              "'" + tag + "' has an unknown prefix '" + prefix + "' (use B, I, E, S or O)");
      }
    }
    if (openType != null) {
      spans.add(new Span(openStart, rows.size(), openType));
    }
    return spans;
  }
}
