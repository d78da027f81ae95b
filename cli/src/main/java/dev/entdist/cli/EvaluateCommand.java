package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.LoadedCorpus;
import dev.entdist.pipeline.FeatureDirectory;
import dev.entdist.pipeline.HeldOutEvaluation;
import dev.entdist.pipeline.TextModel;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.FeatureCompatibility;
import dev.entdist.trainer.PairedBootstrap;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.UnknownLabelsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist evaluate}: every evaluation metric of a model on held-out data. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Evaluate a model against the annotated distributions of held-out data: KL both ways,"
          + " Jensen-Shannon, cross-entropy, top-1 agreement, entropies, calibration and the"
          + " label-distribution-learning measures.",
      "",
      "Every metric comes with a 95 %% bootstrap interval that resamples whole sentences"
          + " (occurrences that share a sentence are not independent).",
      "",
      "--features DIR reads DIR/test when present, else DIR."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist evaluate --model cell.model --corpus split/test.jsonl",
      "  entdist evaluate --model cell.model --corpus test.conll --drop-o --json",
      "  entdist evaluate --model peers.model --features feats"})
final class EvaluateCommand implements Callable<Integer> {

  /** Metric key → one-line meaning, in the order of {@link Evaluation.Metrics#toMap()}. */
  static final Map<String, String> MEANING = Map.ofEntries(
      Map.entry("examples", "occurrences evaluated"),
      Map.entry("mean_kl", "mean KL(ref‖pred), nats (lower is better)"),
      Map.entry("mean_reverse_kl", "mean KL(pred‖ref), nats (lower is better)"),
      Map.entry("mean_js", "mean Jensen-Shannon, nats, ≤ log 2 (lower is better)"),
      Map.entry("cross_entropy", "mean H(ref, pred) = H(ref) + KL, nats"),
      Map.entry("top1", "argmax pred = argmax ref (higher is better)"),
      Map.entry("mean_entropy_pred", "mean H(pred), nats: how sure the model is"),
      Map.entry("mean_entropy_ref", "mean H(ref), nats: how sure the annotators were"),
      Map.entry("ece", "expected calibration error, 15 bins (lower is better)"),
      Map.entry("brier", "mean Σ (pred − ref)² (lower is better)"),
      Map.entry("chebyshev", "mean max |ref − pred| (lower is better)"),
      Map.entry("clark", "Clark distance (lower is better)"),
      Map.entry("canberra", "Canberra distance (lower is better)"),
      Map.entry("cosine", "cosine similarity (higher is better)"),
      Map.entry("intersection", "Σ min(ref, pred) (higher is better)"),
      Map.entry("manhattan", "mean Σ |ref − pred|, L1 (lower is better)"),
      Map.entry("euclidean", "mean sqrt(Σ (ref − pred)²), L2 (lower is better)"));

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "Model file written by 'entdist train'.")
  Path modelFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the held-out data comes from. */
  static final class Source {
    @Option(names = "--corpus", paramLabel = "FILE",
        description = "Held-out corpus (JSONL, CoNLL, OpenNLP), or 'bundled'.")
    String corpus;

    @Option(names = "--features", paramLabel = "DIR",
        description = "Peer-format feature directory (DIR/test, else DIR).")
    Path features;
  }

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for computing features (default: available processors).")
  Integer threads;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--skip-invalid", description = "Skip invalid corpus records (and say how"
      + " many) instead of stopping at the first.")
  boolean skipInvalid;

  @Mixin UnknownLabelsOption unknownLabels;

  @Option(names = "--by-word",
      description = "Also score each word's occurrences: occurrences, mean KL, top-1 and mean"
          + " entropies per word, most occurrences first (needs --corpus).")
  boolean byWord;

  @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
      description = "Bootstrap resamples for the 95 %% intervals, drawing whole sentences"
          + " (default: ${DEFAULT-VALUE}; 0: no intervals).")
  int resamples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object with every metric.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (resamples < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--resamples must be >= 0, got " + resamples);
    }
    PairedBootstrap.Settings bootstrap = resamples == 0 ? null
        : PairedBootstrap.Settings.defaults().withResamples(resamples).withSeed(seed);
    TextModel model = TextModel.load(modelFile);
    HeldOutEvaluation.Result result;
    String data;
    if (source.corpus != null) {
      LoadedCorpus loaded = CorpusFiles.load(source.corpus, read.options(skipInvalid));
      CorpusReading.reportSkipped(loaded, spec);
      Corpus corpus = loaded.corpus();
      data = corpus.source();
      HeldOutEvaluation.Settings settings = HeldOutEvaluation.Settings.of(threads())
          .withUnknownLabels(unknownLabels.policy).withByWord(byWord).withBootstrap(bootstrap);
      try {
        result = model.evaluate(corpus, settings);
      } catch (UnknownLabelsException e) {
        throw UnknownLabelsOption.error(e, data, modelFile.toString());
      }
    } else {
      if (byWord) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--by-word needs the words of the occurrences, which a feature directory does not"
                + " carry: use --corpus");
      }
      Path dir = FeatureDirectory.split(source.features, "test");
      // A model trained on other features (another --hash-bits) would answer with the weights
      // of unrelated features: refuse it before reading the rows.
      FeatureCompatibility.requireCompatible(model.softmax(), source.features,
          PeerFormat.readMeta(source.features));
      PeerFormat.Split split = FeatureDirectory.read(source.features, "test");
      if (!new HashSet<>(split.classes()).equals(new HashSet<>(model.labels()))) {
        throw new UserException(dir.resolve("labels.tsv") + " has classes " + split.sortedClasses()
            + " but model " + modelFile + " has labels " + model.labels()
            + ": evaluate on a directory exported with the same labels");
      }
      if (split.size() == 0) {
        throw new UserException(dir + " has no rows to evaluate on");
      }
      data = dir.toString();
      double[][] refs = split.inSortedOrder(split.labels());
      double[][] preds = model.softmax().predictAll(split.features(), null);
      List<Integer> rows = java.util.stream.IntStream.range(0, refs.length).boxed().toList();
      result = new HeldOutEvaluation.Result(data, Evaluation.evaluate(refs, preds), 0,
          new java.util.TreeSet<>(), List.of(), bootstrap == null ? null
              : PairedBootstrap.run(refs, Map.of(HeldOutEvaluation.SET, preds), rows,
                  bootstrap));
    }
    List<String> warnings = EvaluateReport.warnings(result, source.features != null);
    warnings.forEach(w -> Progress.warn(spec, w));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.println(out, EvaluateReport.json(result, warnings));
    } else {
      EvaluateReport.print(out, modelFile.toString(), data, result, MEANING);
    }
    return 0;
  }

  private int threads() {
    return threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
