package dev.entdist.corpora;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes the tagged formats. Consecutive occurrences with the same text form one sentence, which
 * is tokenized at whitespace (and at span edges). In CoNLL an occurrence whose labels are its
 * votes' proportions is written as one column per annotator (the {@code O} votes and the
 * annotators without a vote leave their column empty there), so a multi-annotator file converts
 * back to the same vote distributions; otherwise, and always in OpenNLP, one label per occurrence
 * is written: the only label of a one-hot occurrence, or with {@code argmax} the most probable
 * one (ties: first in label order). Soft labels without {@code argmax} are refused.
 */
final class TaggedWriter implements CorpusWriter {

  private final Writer out;
  private final CorpusFormat format;
  private final boolean argmax;
  private final String target;
  private final List<AnnotatedExample> sentence = new ArrayList<>();
  private Object document;
  private List<String> header;
  private List<String> columnNames;
  private long omitted;

  TaggedWriter(Writer out, CorpusFormat format, boolean argmax, String target) {
    this.out = out;
    this.format = format;
    this.argmax = argmax;
    this.target = target;
  }

  @Override
  public void write(AnnotatedExample example) throws IOException, CorpusFormatException {
    if (!sentence.isEmpty() && !sentence.get(0).text().equals(example.text())) {
      flush();
    }
    sentence.add(example);
  }

  @Override
  public long omitted() {
    return omitted;
  }

  @Override
  public void finish() throws IOException, CorpusFormatException {
    flush();
    out.close();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void flush() throws IOException, CorpusFormatException {
    if (sentence.isEmpty()) {
      return;
    }
    List<AnnotatedExample> examples = new ArrayList<>(sentence);
    sentence.clear();
    examples.sort(Comparator.comparingInt(AnnotatedExample::start)
        .thenComparingInt(AnnotatedExample::end));
    List<List<String>> outcomes = outcomes(examples);
    TreeSet<Integer> edges = new TreeSet<>();
    for (AnnotatedExample e : examples) {
      edges.add(e.start());
      edges.add(e.end());
    }
    SentenceLayout layout = new SentenceLayout(examples.get(0).text(), edges);
    int columns = outcomes.isEmpty() ? 1 : outcomes.get(0).size();
    boolean named = columnNames != null;
    String[][] tags = new String[columns][layout.tokens.size()];
    for (String[] column : tags) {
      java.util.Arrays.fill(column, AbstractCorpusReader.NO_ENTITY);
    }
    for (int i = 0; i < examples.size(); i++) {
      AnnotatedExample e = examples.get(i);
      int from = layout.tokenStartingAt(e.start());
      int to = layout.tokenEndingAt(e.end());
      if (from < 0 || to < 0) {
        throw refuse(e, "target", "the span does not start and end at a word boundary");
      }
      for (int j = 0; j < i; j++) {
        AnnotatedExample other = examples.get(j);
        if (other.start() == e.start() && other.end() == e.end()) {
          throw refuse(e, "start", "has the same span as example '" + other.id() + "'");
        }
      }
      List<String> types = outcomes.get(i);
      for (int c = 0; c < types.size(); c++) {
        String type = types.get(c);
        if (!type.equals(AbstractCorpusReader.NO_ENTITY)) {
          place(named ? new String[][] {tags[c]} : tags, from, to, type, e);
        }
      }
    }
    Object doc = examples.get(0).extra().get("document");
    if (format == CorpusFormat.CONLL && doc != null && !Objects.equals(doc, document)) {
      out.write("-DOCSTART-\n\n");
    }
    document = doc;
    if (format == CorpusFormat.CONLL && !Objects.equals(columnNames, header)) {
      out.write("# annotators:" + (named ? " " + String.join(" ", columnNames) : "") + "\n");
      header = columnNames;
    }
    if (format == CorpusFormat.CONLL) {
      writeConll(layout.tokens, tags);
    } else {
      writeOpenNlp(layout.tokens, tags[0]);
    }
  }

  /** Per example the outcome of each annotator column (all lists of one length). */
  private List<List<String>> outcomes(List<AnnotatedExample> examples)
      throws CorpusFormatException {
    columnNames = null;
    if (format == CorpusFormat.CONLL) {
      List<List<String>> perAnnotator = annotatorOutcomes(examples);
      if (perAnnotator != null) {
        countOmitted(perAnnotator);
        return perAnnotator;
      }
    }
    List<List<String>> perVote = new ArrayList<>();
    if (format == CorpusFormat.CONLL) {
      for (AnnotatedExample e : examples) {
        List<String> v = voteOutcomes(e);
        if (v == null || (!perVote.isEmpty() && v.size() != perVote.get(0).size())) {
          perVote = null;
          break;
        }
        perVote.add(v);
      }
      if (perVote != null) {
        countOmitted(perVote);
        return perVote;
      }
    }
    List<List<String>> single = new ArrayList<>();
    for (AnnotatedExample e : examples) {
      single.add(List.of(singleLabel(e)));
    }
    countOmitted(single);
    return single;
  }

  /**
   * One column per annotator of the sentence (names in order of first answer; an annotator
   * without an answer for an occurrence did not mark it), or null when an occurrence lacks
   * annotations, counts another number of annotators, its labels are not their vote shares, an
   * annotator answered one occurrence twice, or a name cannot be a column name.
   */
  private List<List<String>> annotatorOutcomes(List<AnnotatedExample> examples) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    AnnotatedExample widest = examples.get(0);
    for (AnnotatedExample e : examples) {
      if (e.annotations().size() > widest.annotations().size()) {
        widest = e;
      }
    }
    // The fullest occurrence sets the column order, so a file read back keeps its column order.
    widest.annotations().forEach(a -> names.add(a.annotator()));
    for (AnnotatedExample e : examples) {
      if (!e.hasAnnotations() || voteOutcomes(e) == null) {
        return null;
      }
      for (Annotation a : e.annotations()) {
        if (a.annotator().codePoints().anyMatch(Character::isWhitespace)) {
          return null;
        }
        names.add(a.annotator());
      }
    }
    List<String> order = new ArrayList<>(names);
    for (AnnotatedExample e : examples) {
      if (e.annotators() != order.size()) {
        return null;
      }
    }
    List<List<String>> out = new ArrayList<>();
    for (AnnotatedExample e : examples) {
      String[] row = new String[order.size()];
      java.util.Arrays.fill(row, AbstractCorpusReader.NO_ENTITY);
      for (Annotation a : e.annotations()) {
        int c = order.indexOf(a.annotator());
        if (!row[c].equals(AbstractCorpusReader.NO_ENTITY)
            || a.label().codePoints().anyMatch(Character::isWhitespace)) {
          return null;
        }
        row[c] = a.label();
      }
      out.add(List.of(row));
    }
    columnNames = order;
    return out;
  }

  private void countOmitted(List<List<String>> outcomes) {
    for (List<String> o : outcomes) {
      if (o.stream().allMatch(AbstractCorpusReader.NO_ENTITY::equals)) {
        omitted++;
      }
    }
  }

  /** The votes laid out one per annotator, or null when the labels are not the votes' shares. */
  private static List<String> voteOutcomes(AnnotatedExample e) {
    int total = e.votes().values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return null;
    }
    for (Map.Entry<String, Double> l : e.labels().entrySet()) {
      if (Math.abs(l.getValue() - e.votes().getOrDefault(l.getKey(), 0) / (double) total)
          > 1e-9) {
        return null;
      }
    }
    List<Map.Entry<String, Integer>> counts = new ArrayList<>(e.votes().entrySet());
    counts.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Integer> c : counts) {
      for (int k = 0; k < c.getValue(); k++) {
        out.add(c.getKey());
      }
    }
    while (out.size() < e.annotators()) {
      out.add(AbstractCorpusReader.NO_ENTITY);
    }
    return out;
  }

  private String singleLabel(AnnotatedExample e) throws CorpusFormatException {
    if (e.isOneHot()) {
      return e.labels().keySet().iterator().next();
    }
    if (!argmax) {
      throw refuse(e, "labels", "has the soft labels " + e.labels() + ", and "
          + format.spelling() + " holds one label per occurrence: pass --argmax to write the most"
          + " probable label (the distribution is then lost)");
    }
    String best = null;
    for (Map.Entry<String, Double> l : e.labels().entrySet()) {
      if (best == null || l.getValue() > e.labels().get(best)) {
        best = l.getKey();
      }
    }
    return best;
  }

  private void place(String[][] tags, int from, int to, String type, AnnotatedExample e)
      throws CorpusFormatException {
    if (type.codePoints().anyMatch(Character::isWhitespace) || type.isEmpty()) {
      throw refuse(e, "labels", "the label '" + type + "' contains whitespace");
    }
    for (String[] column : tags) {
      boolean free = true;
      for (int t = from; t < to && free; t++) {
        free = column[t].equals(AbstractCorpusReader.NO_ENTITY);
      }
      if (free) {
        column[from] = "B-" + type;
        for (int t = from + 1; t < to; t++) {
          column[t] = "I-" + type;
        }
        return;
      }
    }
    throw refuse(e, "start", "overlaps another name in the same sentence, which "
        + format.spelling() + " cannot hold in " + tags.length + " tag column"
        + (tags.length == 1 ? "" : "s"));
  }

  private void writeConll(List<String> tokens, String[][] tags) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < tokens.size(); t++) {
      sb.append(tokens.get(t));
      for (String[] column : tags) {
        sb.append('\t').append(column[t]);
      }
      sb.append('\n');
    }
    out.write(sb.append('\n').toString());
  }

  private void writeOpenNlp(List<String> tokens, String[] tags) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < tokens.size(); t++) {
      if (tags[t].startsWith("B-")) {
        sb.append(OpenNlpReader.START).append(':').append(tags[t].substring(2)).append("> ");
      }
      sb.append(tokens.get(t));
      boolean inside = !tags[t].equals(AbstractCorpusReader.NO_ENTITY);
      if (inside && (t + 1 == tokens.size() || !tags[t + 1].startsWith("I-"))) {
        sb.append(' ').append(OpenNlpReader.END);
      }
      sb.append(t + 1 == tokens.size() ? "\n" : " ");
    }
    out.write(sb.toString());
  }

  private CorpusFormatException refuse(AnnotatedExample e, String field, String why) {
    return new CorpusFormatException(target, 0, field, "example '" + e.id() + "' " + why);
  }
}
