package dev.entdist.spark;

import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.corpora.Document;
import dev.entdist.corpora.DocumentReader;
import dev.entdist.pipeline.Annotation;
import dev.entdist.pipeline.PipelineException;
import dev.entdist.pipeline.PredictionLine;
import dev.entdist.pipeline.TextModel;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The predict job: documents (plain-text lines or JSONL, as {@code entdist predict} reads them)
 * to the lines {@code entdist predict} writes, one per occurrence, in input order. Each
 * partition reads its lines with the model its executor loaded once ({@link ModelRef}) and
 * analyses them in batches on the task's thread.
 */
public final class SparkPredict {

  /** Documents analysed together in a partition. */
  private static final int BATCH = 256;

  /**
   * What to predict and how to write it.
   *
   * @param kind plain text (a document a line) or JSONL
   * @param words the words to look for, or {@code null} for the model's
   * @param top jsonl: keep the top labels only, or {@code null} for all
   * @param tsv write the peers' pred.tsv rows (a header of the labels first) instead of jsonl
   * @param skipInvalid skip and count bad lines instead of failing on the first
   */
  public record Options(DocumentReader.Kind kind, List<String> words, Integer top, boolean tsv,
      boolean skipInvalid) implements Serializable {

    /** Validates and copies. */
    public Options {
      words = words == null ? null : List.copyOf(words);
      if (top != null && top < 1) {
        throw new IllegalArgumentException("top must be >= 1, got " + top);
      }
    }
  }

  /** Characters of the partition index before a skipped line's message. */
  private static final int PREFIX = 11;

  /** What a run read and wrote, from the job's accumulators. */
  public static final class Counters implements Serializable {
    private static final long serialVersionUID = 1L;
    final LongAccumulator documents;
    final LongAccumulator occurrences;
    final LongAccumulator skipped;
    final CollectionAccumulator<String> firstSkipped;

    /** Registers the accumulators with {@code sc}. */
    public Counters(JavaSparkContext sc) {
      documents = sc.sc().longAccumulator("documents");
      occurrences = sc.sc().longAccumulator("occurrences");
      skipped = sc.sc().longAccumulator("skipped lines");
      firstSkipped = sc.sc().collectionAccumulator("first skipped line per partition");
    }

    /** Documents read. */
    public long documents() {
      return documents.value();
    }

    /** Lines written (occurrences). */
    public long occurrences() {
      return occurrences.value();
    }

    /** Invalid lines skipped. */
    public long skipped() {
      return skipped.value();
    }

    /** The message of the first skipped line (in input order), or {@code null}. */
    public String firstSkipped() {
      List<String> all = firstSkipped.value();
      return all.isEmpty() ? null
          : all.stream().min(String::compareTo).orElseThrow().substring(PREFIX);
    }
  }

  private SparkPredict() {}

  /**
   * The output lines of {@code lines}, lazily (write or collect them; {@code counters} hold the
   * totals once an action has run).
   *
   * @throws PipelineException when the model cannot read text (trained on features)
   */
  public static JavaRDD<String> predict(ModelRef model, JavaRDD<SourceLine> lines,
      Options options, Counters counters) {
    TextModel m = model.get();
    if (!m.readsText()) {
      throw new PipelineException("model " + model.origin() + " was trained on a feature"
          + " directory (--features) and has no feature configuration, so predict cannot"
          + " compute features from text: train it with --corpus instead");
    }
    List<String> header = options.tsv() ? List.of(String.join("\t", m.labels())) : List.of();
    return lines.mapPartitionsWithIndex((index, it) -> {
      Iterator<String> out = new Lines(model.get(), it, options, counters, index);
      if (index != 0 || header.isEmpty()) {
        return out;
      }
      return concat(header.iterator(), out);
    }, true);
  }

  /** The words to look for: the model's, or the given ones lower-cased. */
  static Collection<String> lookFor(TextModel model, List<String> words) {
    if (words == null) {
      return model.words();
    }
    return new TreeSet<>(words.stream().map(w -> w.strip().toLowerCase(Locale.ROOT))
        .filter(w -> !w.isEmpty()).toList());
  }

  /** Output lines of one partition, a batch of documents at a time. */
  private static final class Lines implements Iterator<String> {
    private final TextModel model;
    private final Iterator<SourceLine> in;
    private final Options options;
    private final Counters counters;
    private final Collection<String> lookFor;
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final int partition;
    private boolean skippedHere;

    Lines(TextModel model, Iterator<SourceLine> in, Options options, Counters counters,
        int partition) {
      this.partition = partition;
      this.model = model;
      this.in = in;
      this.options = options;
      this.counters = counters;
      this.lookFor = lookFor(model, options.words());
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && in.hasNext()) {
        fill();
      }
      return !ready.isEmpty();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    private void fill() {
      List<Document> batch = new ArrayList<>(BATCH);
      while (batch.size() < BATCH && in.hasNext()) {
        SourceLine line = in.next();
        try {
          Document d = DocumentReader.parse(line.text(), line.number(), line.source(),
              options.kind());
          if (d != null) {
            batch.add(d);
          }
        } catch (CorpusFormatException e) {
          if (!options.skipInvalid()) {
            throw new BadLineException(e.getMessage());
          }
          counters.skipped.add(1);
          if (!skippedHere) {
            skippedHere = true;
            counters.firstSkipped.add(String.format(Locale.ROOT, "%010d ", partition)
                + e.getMessage());
          }
        }
      }
      List<List<Annotation>> found = model.annotateAll(batch, lookFor, 1);
      for (int i = 0; i < batch.size(); i++) {
        for (Annotation a : found.get(i)) {
          ready.add(options.tsv() ? PredictionLine.tsv(a)
              : PredictionLine.jsonl(batch.get(i), a, options.top()));
        }
        counters.occurrences.add(found.get(i).size());
      }
      counters.documents.add(batch.size());
    }
  }

  private static Iterator<String> concat(Iterator<String> a, Iterator<String> b) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return a.hasNext() || b.hasNext();
      }

      @Override
      public String next() {
        return a.hasNext() ? a.next() : b.next();
      }
    };
  }
}
