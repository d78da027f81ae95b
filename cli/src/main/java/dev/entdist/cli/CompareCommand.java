package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.LoadedCorpus;
import dev.entdist.pipeline.CompareSettings;
import dev.entdist.pipeline.Comparison;
import dev.entdist.pipeline.RepeatedComparison;
import dev.entdist.trainer.PairedBootstrap;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.aggregate.AggregationMethod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code entdist compare}: several label regimes trained on one split, side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    defaultValueProvider = TrainerDefaults.class,
    description = {
      "Train several label regimes on the same split and show, word by word, the type-level"
          + " distribution each one learned next to the reference, with the evaluation metrics.",
      "",
      "The type-level distribution of a word is the mean prediction over its held-out"
          + " occurrences; its reference is the mean annotated distribution over the same"
          + " occurrences. The split groups occurrences by sentence.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist compare",
      "      soft against onehot on the bundled corpus (seed 1, 20 %% held out)",
      "  entdist compare --regimes soft,onehot,smooth:0.1 --words cell,bank --json",
      "      three regimes, two words, one JSON object on stdout",
      "  entdist compare --repeats 3 --chart compare.png",
      "      splits with seeds 1, 2, 3: mean ± std, and a 1800x1800 PNG",
      "  entdist compare --corpus mine.jsonl --regimes onehot,type-soft",
      "      single annotator: each word's training distribution as soft labels",
      "",
      "Every metric of the first split comes with a 95 %% interval from a bootstrap that"
          + " resamples whole held-out sentences, and each pair of regimes with the paired"
          + " interval of their difference; the closing paragraph claims a difference only"
          + " where its interval excludes 0. The model of every regime knows every label of the"
          + " corpus, so --unknown-labels never skips an occurrence here; a label that occurs"
          + " only among held-out occurrences is a label without training mass.",
      "",
      "The chart has one panel per word (grouped bars: reference and each regime, per label)"
          + " and, on the right, a reliability diagram (top-1 accuracy against confidence in"
          + " the 15 bins of the ECE) and the mean entropy of the predictions. Below, every"
          + " held-out occurrence: each label's predicted against its annotated probability,"
          + " and the mean entropy of predictions and references by context kind (the field"
          + " 'cue' of the bundled corpus).",
      "",
      "Exit codes: 0 success, 1 bad data or a failed run (e.g. regime votes on a corpus"
          + " without votes), 2 usage error."
    })
final class CompareCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "FILE", defaultValue = "bundled",
      description = "Corpus file (JSONL, CoNLL, OpenNLP; .gz is read as such), or 'bundled'"
          + " (default) for the corpus inside the jar.")
  String corpus;

  @Option(names = "--regimes", paramLabel = "REGIME", split = ",", splitSynopsisLabel = ",",
      defaultValue = "soft,onehot",
      description = "Label regimes to compare (default: ${DEFAULT-VALUE}): soft, onehot,"
          + " smooth:EPS, temper:T, votes, sample, type-soft.")
  List<String> regimes;

  @Option(names = "--words", paramLabel = "WORD", split = ",", splitSynopsisLabel = ",",
      description = "Words to show (default: every word with at least 5 held-out occurrences,"
          + " at most 12, most frequent first).")
  List<String> words;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of sentences held out for evaluation (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the split and of seeded regimes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--repeats", paramLabel = "R", defaultValue = "1",
      description = "Rerun on R splits with the seeds S, S+1, ..., S+R-1 and show the mean ±"
          + " sample standard deviation of every metric (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--chart", paramLabel = "OUT.png",
      description = "Also draw the comparison as a PNG of " + CompareChart.WIDTH + "x"
          + CompareChart.HEIGHT + " pixels: per-word grouped bars, a reliability diagram,"
          + " and occurrence by occurrence predicted against annotated probabilities and"
          + " entropies by context kind.")
  Path chart;

  @Option(names = "--calibrate",
      description = "Also show each regime calibrated (named REGIME+T): a temperature fitted by"
          + " mean KL on a held-out fifth of the training sentences, never on the test.")
  boolean calibrate;

  @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
      description = "Bootstrap resamples of the held-out sentences for the 95 %% intervals and"
          + " the paired differences between regimes (default: ${DEFAULT-VALUE}; 0: none)."
          + " With --repeats they describe the first split.")
  int resamples;

  @Mixin UnknownLabelsOption unknownLabels;

  @Mixin TrainingOptions training;

  @Mixin FeatureOptions featureOptions;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--skip-invalid", description = "Skip invalid corpus records (and say how"
      + " many) instead of stopping at the first.")
  boolean skipInvalid;

  @Option(names = "--aggregate", paramLabel = "M", split = ",", splitSynopsisLabel = ",",
      converter = AggregationMethodConverter.class,
      description = "Train every regime once per method (majority, dawid-skene, one-coin,"
          + " mace) on the labels it gives the occurrences that name their annotators; columns"
          + " are named METHOD/REGIME, e.g. --aggregate majority,dawid-skene --regimes"
          + " soft,onehot. The held-out references stay the labels as read.")
  List<AggregationMethod> aggregate;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (chart != null) {
      Outputs.checked(chart.toString(), corpus);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new ParameterException(spec.commandLine(),
          "--test-fraction must be between 0 and 1, got " + testFraction);
    }
    if (repeats < 1) {
      throw new ParameterException(spec.commandLine(),
          "--repeats must be at least 1, got " + repeats);
    }
    if (training.lambdaAuto()) {
      throw new ParameterException(spec.commandLine(), "--lambda auto is only supported by"
          + " 'entdist train': give compare a number, e.g. --lambda 1e-4");
    }
    if (training.inventoryAuto()) {
      throw new ParameterException(spec.commandLine(), "--inventory auto is only supported by"
          + " 'entdist train': give compare none or restrict[:δ]");
    }
    TrainerConfig config = training.config(seed);
    List<TrainingRegime> parsed;
    try {
      parsed = regimes.stream().map(TrainingRegime::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--regimes: " + e.getMessage());
    }
    if (resamples < 0) {
      throw new ParameterException(spec.commandLine(),
          "--resamples must be >= 0, got " + resamples);
    }
    CompareSettings settings = new CompareSettings(parsed, words == null ? List.of() : words,
        testFraction, seed, repeats, config, featureOptions.config(spec.commandLine()))
        .withCalibrate(calibrate)
        .withBootstrap(resamples == 0 ? null
            : PairedBootstrap.Settings.defaults().withResamples(resamples).withSeed(seed))
        .withAggregations(aggregate == null ? List.of() : aggregate);
    PrintWriter out = spec.commandLine().getOut();
    LoadedCorpus loaded = CorpusFiles.load(corpus, read.options(skipInvalid));
    CorpusReading.reportSkipped(loaded, spec);
    Corpus data = loaded.corpus();
    RepeatedComparison result = Comparison.compare(data, settings, Progress.monitor(spec));
    if (chart != null) {
      CompareChart.write(chart, result);
      Progress.note(spec, "chart written to " + chart);
    }
    List<String> warnings = CompareIntervals.warnings(result, config);
    warnings.forEach(w -> Progress.warn(spec, w));
    if (json) {
      ObjectNode o = CompareReport.json(result);
      CompareIntervals.addJson(o, result, warnings);
      Json.println(out, o);
    } else {
      CompareReport.print(out, data, result);
    }
    return 0;
  }
}
