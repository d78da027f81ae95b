package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.pipeline.Calibration;
import dev.entdist.pipeline.TextModel;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.TemperatureScaling;
import dev.entdist.trainer.UnknownLabelsException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist calibrate}: fits a model's temperature on development data. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Calibrate a model: fit one temperature T that divides every logit, by the mean"
          + " KL(annotation‖prediction) on a development corpus, and write the model with it."
          + " T > 1 softens over-confident predictions, T < 1 sharpens timid ones; the top"
          + " label of an occurrence never changes. query (in a context), predict, evaluate and"
          + " serve then apply T.",
      "",
      "Use development data that is neither the training data nor the test data the model"
          + " will be judged on (e.g. 'entdist corpus split' twice). A word's stored type-level"
          + " distribution ('query WORD' without a context) keeps the training temperature."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist calibrate --model m.model --corpus dev.jsonl --out m2.model",
      "  entdist calibrate --model m.model --corpus dev.jsonl --out m.model --json"
    })
final class CalibrateCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "Model file written by 'entdist train'.")
  Path modelFile;

  @Option(names = "--corpus", paramLabel = "DEV", required = true,
      description = "Development corpus (JSONL, CoNLL, OpenNLP), or 'bundled'.")
  String corpus;

  @Option(names = "--out", paramLabel = "MODEL", required = true,
      description = "Calibrated model file to write (atomically; may be --model itself).")
  Path out;

  @Mixin UnknownLabelsOption unknownLabels;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for computing features (default: available processors).")
  Integer threads;

  @Option(names = "--json", description = "Print one JSON object: temperature, and mean KL"
      + " and ECE on DEV before and after.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && !Files.isRegularFile(out)) {
      throw new UserException("--out " + out + " is not a regular file: a model is written to a"
          + " temporary file and moved into place, so name a file");
    }
    TextModel model = TextModel.load(modelFile);
    Corpus dev = CorpusFiles.read(corpus, ReadOptions.defaults().withChecksum(false));
    Calibration.Result result;
    try {
      result = Calibration.calibrate(model, dev, threads != null ? threads
          : Math.max(1, Runtime.getRuntime().availableProcessors()), unknownLabels.policy);
    } catch (UnknownLabelsException e) {
      throw UnknownLabelsOption.error(e, dev.source(), modelFile.toString());
    }
    result.model().save(out);
    TemperatureScaling.Result fit = result.fit();
    if (fit.atBound()) {
      Progress.warn(spec, "the temperature lies at the end of the searched range ["
          + TemperatureScaling.MIN_TEMPERATURE + ", " + TemperatureScaling.MAX_TEMPERATURE
          + "]: the development data may not fit this model");
    }
    if (fit.before().examples() < EvaluateReport.MIN_OCCURRENCES) {
      Progress.warn(spec, "only " + fit.before().examples() + " development occurrence(s):"
          + " a temperature fitted on so few may not carry over");
    }
    if (result.skippedUnknownLabel() > 0) {
      Progress.warn(spec, result.skippedUnknownLabel() + " development occurrence(s) skipped:"
          + " they carry labels the model does not know");
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = Json.object();
      Json.put(o, "temperature", fit.temperature());
      Json.put(o, "previous_temperature", model.softmax().temperature());
      o.put("examples", fit.before().examples());
      o.put("skipped_unknown_label", result.skippedUnknownLabel());
      put(o.putObject("before"), fit.before());
      put(o.putObject("after"), fit.after());
      o.put("at_bound", fit.atBound());
      o.put("out", out.toString());
      Json.println(w, o);
    } else {
      w.printf(Locale.ROOT, "Temperature %.4g fitted on %d occurrence(s) of %s (was %.4g).%n",
          fit.temperature(), fit.before().examples(), dev.source(),
          model.softmax().temperature());
      Table t = new Table("on " + dev.source(), "before", "after");
      t.row("mean KL(ref‖pred)", CompareReport.f(fit.before().meanKl()),
          CompareReport.f(fit.after().meanKl()));
      t.row("ECE", CompareReport.f(fit.before().ece()), CompareReport.f(fit.after().ece()));
      t.row("mean H(pred)", CompareReport.f(fit.before().meanEntropyPred()),
          CompareReport.f(fit.after().meanEntropyPred()));
      t.row("top-1", CompareReport.f(fit.before().top1()), CompareReport.f(fit.after().top1()));
      t.print(w);
      w.printf(Locale.ROOT, "Wrote %s (%,d bytes). Judge it on test data with 'entdist evaluate'"
          + ".%n", out, Files.size(out));
      w.flush();
    }
    return 0;
  }

  private static void put(ObjectNode o, Evaluation.Metrics m) {
    Json.put(o, "mean_kl", m.meanKl());
    Json.put(o, "ece", m.ece());
    Json.put(o, "mean_entropy_pred", m.meanEntropyPred());
    Json.put(o, "top1", m.top1());
  }
}
