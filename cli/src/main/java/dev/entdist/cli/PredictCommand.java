package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.SoftmaxModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist predict}: one predicted distribution per occurrence of a corpus. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write the model's in-context distribution for every occurrence of a corpus.",
      "",
      "jsonl: one object a line with id, target and distribution (label → probability, sorted"
          + " descending). tsv: the peers' pred.tsv layout, a header of the model's labels then"
          + " one row per occurrence, at full precision so small probabilities stay positive."
    })
final class PredictCommand implements Callable<Integer> {

  /** Output layouts. */
  enum Format {
    /** One JSON object per occurrence. */
    JSONL,
    /** The peers' pred.tsv. */
    TSV
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "Model file written by 'entdist train'.")
  Path modelFile;

  @Option(names = "--corpus", paramLabel = "FILE", required = true,
      description = "Corpus whose occurrences to predict (JSONL, CoNLL, OpenNLP), or 'bundled'.")
  String corpus;

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "Output file, written atomically (a temporary file, then a move); a pipe"
          + " or device such as /dev/stdout is written through.")
  Path out;

  @Option(names = "--format", paramLabel = "jsonl|tsv", defaultValue = "jsonl",
      description = "Output layout (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for computing features (default: available processors).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    SoftmaxModel model = ModelFiles.read(modelFile);
    Corpus data = CorpusFiles.read(corpus, ReadOptions.defaults());
    double[][] predictions = CorpusPredictions.predict(model, modelFile, data,
        threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors()),
        "predict");
    if (Files.exists(out) && !Files.isRegularFile(out)) {
      // A device or pipe (e.g. /dev/stdout): write through it; replacing it would be wrong.
      write(out, data, model, predictions);
    } else {
      AtomicOutput.write(out, tmp -> write(tmp, data, model, predictions));
    }
    Progress.note(spec, "wrote " + predictions.length + " predictions to " + out);
    return 0;
  }

  private void write(Path file, Corpus data, SoftmaxModel model, double[][] predictions)
      throws IOException {
    if (format == Format.TSV) {
      PeerFormat.writeDistributions(file, model.labels(), predictions);
    } else {
      writeJsonl(file, data, model, predictions);
    }
  }

  private static void writeJsonl(Path file, Corpus data, SoftmaxModel model,
      double[][] predictions) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < predictions.length; i++) {
        AnnotatedExample e = data.examples().get(i);
        ObjectNode o = Json.object();
        o.put("id", e.id());
        o.put("target", e.target());
        o.set("distribution", CompareReport.distribution(model.labels(), predictions[i]));
        w.write(Json.MAPPER.writeValueAsString(o));
        w.write('\n');
      }
    }
  }
}
