package dev.entdist.corpora;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part every format's reader shares: records that yield several occurrences (a CoNLL
 * sentence) are queued, bad records are skipped and counted when asked, and {@code --drop-o} is
 * applied.
 */
abstract class AbstractCorpusReader implements CorpusReader {

  static final int KEPT_ERRORS = 10;
  static final String NO_ENTITY = "O";

  protected final LineSource lines;
  private final ReadOptions options;
  private final Deque<AnnotatedExample> pending = new ArrayDeque<>();
  private final List<CorpusFormatException> errors = new ArrayList<>();
  private long skipped;

  AbstractCorpusReader(LineSource lines, ReadOptions options) {
    this.lines = lines;
    this.options = options;
  }

  /**
   * Reads the next record and queues its occurrences.
   *
   * @return false at the end of the input
   * @throws CorpusFormatException after consuming the bad record
   */
  abstract boolean readRecord(Deque<AnnotatedExample> out)
      throws IOException, CorpusFormatException;

  @Override
  public final AnnotatedExample next() throws IOException, CorpusFormatException {
    while (true) {
      while (!pending.isEmpty()) {
        AnnotatedExample e = options.dropO() ? dropO(pending.poll(), options.noneLabel())
            : pending.poll();
        if (e != null) {
          return e;
        }
      }
      try {
        if (!readRecord(pending)) {
          return null;
        }
      } catch (CorpusFormatException e) {
        pending.clear();
        if (!options.skipInvalid()) {
          throw e;
        }
        skipped++;
        if (errors.size() < KEPT_ERRORS) {
          errors.add(e);
        }
      }
    }
  }

  @Override
  public String source() {
    return lines.source();
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public List<CorpusFormatException> skippedErrors() {
    return List.copyOf(errors);
  }

  @Override
  public String checksum() {
    return lines.checksum();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  /**
   * The example without the none-label outcome (its probability, votes and answers), or null
   * when nothing else is left.
   */
  static AnnotatedExample dropO(AnnotatedExample e, String none) {
    if (!e.labels().containsKey(none) && !e.votes().containsKey(none)) {
      return e;
    }
    Map<String, Double> labels = new TreeMap<>(e.labels());
    labels.remove(none);
    double sum = labels.values().stream().mapToDouble(Double::doubleValue).sum();
    if (labels.isEmpty() || sum <= 0) {
      return null;
    }
    labels.replaceAll((k, v) -> v / sum);
    Map<String, Integer> votes = new TreeMap<>(e.votes());
    votes.remove(none);
    List<Annotation> answers = new ArrayList<>(e.annotations());
    answers.removeIf(a -> a.label().equals(none));
    return new AnnotatedExample(e.id(), e.text(), e.target(), e.start(), e.end(), labels, votes,
        e.annotators(), e.extra(), answers);
  }
}
