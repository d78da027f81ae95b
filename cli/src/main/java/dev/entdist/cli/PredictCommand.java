package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.io.OutputTarget;
import dev.entdist.io.PendingOutput;
import dev.entdist.corpora.CorpusReader;
import dev.entdist.corpora.Document;
import dev.entdist.corpora.DocumentReader;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.pipeline.Annotation;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.PredictionLine;
import dev.entdist.pipeline.TextModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist predict}: the model's distribution for every occurrence in text or a corpus. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write the model's in-context distribution for every occurrence of a model word in"
          + " unlabelled text, or for every occurrence of a corpus.",
      "",
      "--text FILE: plain text, one document a line. Every occurrence of a word the model was"
          + " trained on is found: case-insensitively, as a whole word or through its lemma"
          + " (\"Cells\" is an occurrence of cell).",
      "--corpus FILE: JSONL with \"text\" and optionally \"id\" on each line; a line with"
          + " \"start\" and \"end\" (code points) is that one occurrence; labels are not needed."
          + " A CoNLL or OpenNLP corpus, or 'bundled', predicts each annotated occurrence.",
      "",
      "jsonl (default): one object per occurrence with doc (the line's id, else its line"
          + " number), start, end (code points in the document), surface, word, known_word,"
          + " distribution (label -> probability, most probable first) and entropy (nats); a"
          + " marked occurrence also keeps the old keys id and target. tsv: the peers' pred.tsv"
          + " layout, a header of the model's labels then one row per occurrence, at full"
          + " precision."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  printf 'My cell died.\\nThe cells divided.\\n' \\",
      "      | entdist predict --model cell.model --text -",
      "      two documents from stdin, one line per occurrence of cell on stdout",
      "  entdist predict --model cell.model --text notes.txt --words cell,bank \\",
      "      --top 3 --out notes.jsonl",
      "      only cell and bank, the three most probable labels each",
      "  entdist predict --model cell.model --corpus split/test.jsonl \\",
      "      --format tsv --out pred.tsv",
      "      the peers' pred.tsv for the held-out occurrences",
      "",
      "Exit codes: 0 success, 1 bad data (file, line and field named; --skip-invalid skips"
          + " such lines and counts them), 2 usage error."
    })
final class PredictCommand implements Callable<Integer> {

  /** Output layouts. */
  enum Format {
    /** One JSON object per occurrence. */
    JSONL,
    /** The peers' pred.tsv. */
    TSV
  }

  /** Documents predicted in one parallel batch; bounds the memory of a stream. */
  private static final int BATCH = 256;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "Model file written by 'entdist train --corpus'.")
  Path modelFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Where the documents come from. */
  static final class Input {
    @Option(names = "--text", paramLabel = "FILE",
        description = "Plain text, one document a line ('-' reads standard input).")
    String text;

    @Option(names = "--corpus", paramLabel = "FILE",
        description = "JSONL documents ('-' reads standard input), or a corpus (CoNLL,"
            + " OpenNLP, 'bundled') whose annotated occurrences are predicted.")
    String corpus;
  }

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "-",
      description = "Output file (default: '-', standard output); a file is written atomically"
          + " (a temporary file, then a move), a pipe or device is written through.")
  String out;

  @Option(names = "--format", paramLabel = "jsonl|tsv", defaultValue = "jsonl",
      description = "Output layout (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--words", paramLabel = "WORD", split = ",", splitSynopsisLabel = ",",
      description = "Look only for these words (default: every word the model was trained"
          + " on); a word the model never saw is answered from its context and features.")
  List<String> words;

  @Option(names = "--top", paramLabel = "K",
      description = "jsonl: keep the K most probable labels of each distribution (default:"
          + " all).")
  Integer top;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for analysing text (default: available processors).")
  Integer threads;

  @Option(names = "--skip-invalid",
      description = "Skip lines that are not valid documents (counted on stderr) instead of"
          + " stopping at the first.")
  boolean skipInvalid;

  @Option(names = "--input-format", paramLabel = "FORMAT",
      converter = CorpusReading.FormatConverter.class,
      description = "--corpus format: jsonl, conll (also bio, bioes), opennlp, label-studio or"
          + " doccano (default: by extension, else by the first line; --format names the output"
          + " layout).")
  CorpusFormat inputFormat;

  @Option(names = "--drop-o", description = "--corpus: drop the O (no entity) outcome,"
      + " leaving out occurrences labelled only O.")
  boolean dropO;

  @Option(names = "--tag-column", paramLabel = "N", defaultValue = "0",
      description = "--corpus CoNLL: read only the N-th column (1-based; -1 = the last) as the"
          + " single annotator. Default 0: every column after the token.")
  int tagColumn;

  @Option(names = "--max-line-length", paramLabel = "BYTES", defaultValue = "1048576",
      description = "Reject lines longer than this many bytes (default: ${DEFAULT-VALUE}).")
  int maxLineLength;

  /** How --corpus is read: the corpus options, without skipping (counted here instead). */
  private ReadOptions readOptions() {
    try {
      return new ReadOptions(inputFormat, false, dropO, tagColumn, maxLineLength,
          ReadOptions.DEFAULT_NONE_LABEL, false);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    if (top != null && top < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--top must be >= 1, got " + top);
    }
    if (threads != null && threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--threads must be >= 1, got " + threads);
    }
    if (format == Format.TSV && top != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--top applies to jsonl: pred.tsv always has a column per label");
    }
    OutputTarget target = Outputs.checked(out, modelFile, input.text, input.corpus);
    try (TextModel model = TextModel.load(modelFile)) {
      if (!model.readsText()) {
        throw new UserException("model " + modelFile + " was trained on a feature directory"
            + " (--features) and has no feature configuration, so predict cannot compute"
            + " features from text: train it with --corpus instead");
      }
      Collection<String> lookFor = words == null ? model.words()
          : new TreeSet<>(words.stream().map(w -> w.strip().toLowerCase(Locale.ROOT))
              .filter(w -> !w.isEmpty()).toList());
      Counts counts;
      if (out.equals("-")) {
        // The command line's own writer, so that in-process callers capture the output.
        Writer w = spec.commandLine().getOut();
        counts = predict(model, lookFor, w);
        w.flush();
      } else {
        try (PendingOutput pending = target.open()) {
          try (OutputStream os = pending.stream()) {
            counts = write(model, lookFor, os);
          }
          // Only a complete output replaces a file: a bad line above leaves it as it was.
          pending.commit();
        }
      }
      if (counts.skipped > 0) {
        Progress.note(spec, "skipped " + counts.skipped + " invalid line(s); the first: "
            + counts.firstSkipped);
      }
      Progress.note(spec, "wrote " + counts.occurrences + " prediction(s) for "
          + counts.documents + " document(s)" + (out.equals("-") ? "" : " to " + out));
    }
    return 0;
  }

  /** What a run read and wrote. */
  private static final class Counts {
    long documents;
    long occurrences;
    long skipped;
    String firstSkipped;
  }

  private Counts write(TextModel model, Collection<String> lookFor, OutputStream os)
      throws IOException, CorpusFormatException {
    Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    Counts c = predict(model, lookFor, w);
    w.flush();
    return c;
  }

  private Counts predict(TextModel model, Collection<String> lookFor, Writer w)
      throws IOException, CorpusFormatException {
    Counts counts = new Counts();
    int t = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    if (format == Format.TSV) {
      w.write(String.join("\t", model.labels()));
      w.write('\n');
    }
    Monitor monitor = Progress.monitor(spec);
    try (Source source = open(); Monitor.Task task = monitor.task("predicting", -1)) {
      List<Document> batch = new ArrayList<>(BATCH);
      while (true) {
        Document d;
        try {
          d = source.next();
        } catch (CorpusFormatException e) {
          if (!skipInvalid) {
            throw e;
          }
          if (counts.skipped++ == 0) {
            counts.firstSkipped = e.getMessage();
          }
          continue;
        }
        if (d != null) {
          batch.add(d);
        }
        if (batch.size() == BATCH || (d == null && !batch.isEmpty())) {
          List<List<Annotation>> found = model.annotateAll(batch, lookFor, t);
          for (int i = 0; i < batch.size(); i++) {
            for (Annotation a : found.get(i)) {
              writeLine(w, batch.get(i), a);
              counts.occurrences++;
            }
          }
          counts.documents += batch.size();
          task.stepBy(batch.size());
          batch.clear();
        }
        if (d == null) {
          break;
        }
      }
    }
    return counts;
  }

  private void writeLine(Writer w, Document d, Annotation a) throws IOException {
    w.write(format == Format.TSV ? PredictionLine.tsv(a) : PredictionLine.jsonl(d, a, top));
    w.write('\n');
  }

  /** Documents one at a time, from plain text, JSONL or a labelled corpus. */
  private interface Source extends AutoCloseable {
    Document next() throws IOException, CorpusFormatException;

    @Override
    void close() throws IOException;
  }

  private Source open() throws IOException, CorpusFormatException {
    int maxLine = maxLineLength;
    ReadOptions options = readOptions();
    if (input.text != null) {
      DocumentReader r = DocumentReader.open(input.text, DocumentReader.Kind.TEXT, maxLine);
      return new Source() {
        @Override
        public Document next() throws IOException, CorpusFormatException {
          return r.next();
        }

        @Override
        public void close() throws IOException {
          r.close();
        }
      };
    }
    String file = input.corpus;
    boolean jsonl = inputFormat != null ? inputFormat == CorpusFormat.JSONL && !dropO
        : file.equals("-") || file.endsWith(".jsonl") || file.endsWith(".jsonl.gz")
        || (file.endsWith(".json") && !Files.isRegularFile(Path.of(file)))
        || (!file.equals("bundled") && Files.isRegularFile(Path.of(file))
            && CorpusFiles.formatOf(file, options) == CorpusFormat.JSONL);
    if (jsonl) {
      DocumentReader r = DocumentReader.open(file, DocumentReader.Kind.JSONL, maxLine);
      return new Source() {
        @Override
        public Document next() throws IOException, CorpusFormatException {
          return r.next();
        }

        @Override
        public void close() throws IOException {
          r.close();
        }
      };
    }
    CorpusReader reader = CorpusFiles.open(file, options);
    return new Source() {
      private long n;

      @Override
      public Document next() throws IOException, CorpusFormatException {
        AnnotatedExample e = reader.next();
        if (e == null) {
          return null;
        }
        n++;
        return new Document(e.id(), n, e.text(), e.start(), e.end());
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
