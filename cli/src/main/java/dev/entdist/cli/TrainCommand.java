package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.LoadedCorpus;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.io.OutputTarget;
import dev.entdist.pipeline.Checksums;
import dev.entdist.pipeline.FeatureDirectory;
import dev.entdist.pipeline.LambdaSearchJson;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TextModel;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.TrainedModel;
import dev.entdist.pipeline.Training;
import dev.entdist.trainer.FitStats;
import dev.entdist.trainer.InventoryMixing;
import dev.entdist.trainer.LambdaSearch;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.TrainerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist train}: fits one model and writes it to a model file. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    defaultValueProvider = TrainerDefaults.class,
    description = {
      "Train a softmax model on soft (or regime-transformed) labels and write it to a model"
          + " file, with its feature configuration, the type-level distribution of every"
          + " training word and its provenance.",
      "",
      "With --corpus the whole corpus is the training set; hold data out first with"
          + " 'entdist corpus split'. With --features DIR it trains on a peer-format directory"
          + " (DIR/train when present, else DIR); such a model cannot compute features from"
          + " text, so query and --corpus evaluation refuse it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist train --corpus split/train.jsonl --out cell.model",
      "  entdist train --corpus split/train.jsonl --regime onehot --out onehot.model",
      "  entdist train --features feats --optimizer adam --out peers.model",
      "  cat train.jsonl | entdist train --corpus - --out -  > cell.model"})
final class TrainCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the training data comes from. */
  static final class Source {
    @Option(names = "--corpus", paramLabel = "FILE",
        description = "Training corpus (JSONL, CoNLL, OpenNLP), or 'bundled'.")
    String corpus;

    @Option(names = "--features", paramLabel = "DIR",
        description = "Peer-format feature directory (svmlight features + labels.tsv).")
    Path features;
  }

  @Option(names = "--regime", paramLabel = "R", defaultValue = "soft",
      description = "Label regime (default: ${DEFAULT-VALUE}): soft, onehot, smooth:EPS,"
          + " temper:T, sample, votes, type-soft (the last two need --corpus).")
  String regime;

  @Option(names = "--labels", paramLabel = "FILE",
      description = "Labels the model must know besides those of the corpus, one per line;"
          + " a label without training mass gets little probability, and 'model info' lists"
          + " it. Held-out data may then carry it.")
  Path labelsFile;

  @Option(names = "--out", paramLabel = "MODEL", required = true,
      description = "Model file to write (atomically: a crash never leaves half a model).")
  Path out;

  @Mixin TrainingOptions training;

  @Option(names = "--optimizer", paramLabel = "lbfgs|adam", defaultValue = "lbfgs",
      converter = OptimizerConverter.class,
      description = "Full-batch L-BFGS (default) or minibatch Adam.")
  TrainerConfig.Optimizer optimizer;

  @Option(names = "--epochs", paramLabel = "E",
      description = "Adam: passes over the data (default: ${DEFAULT-VALUE}).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "B",
      description = "Adam: minibatch size (default: ${DEFAULT-VALUE}).")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "A",
      description = "Adam: learning rate (default: ${DEFAULT-VALUE}).")
  Double learningRate;

  @Mixin FeatureOptions featureOptions;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of every random choice: Adam's shuffling, the sample regime, the λ"
          + " search folds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--aggregate", paramLabel = "M",
      converter = AggregationMethodConverter.class,
      description = "Before the regime, give every occurrence that names its annotators the"
          + " labels of majority, dawid-skene, one-coin or mace (as 'corpus aggregate' does)."
          + " Default: the labels as read.")
  AggregationMethod aggregate;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Write one CSV line per L-BFGS iteration (Adam epoch) of the final fit:"
          + " iteration,objective,gradient_max,seconds (seconds since the fit started).")
  Path trace;

  @Option(names = "--json", description = "Print one JSON object with the fit statistics.")
  boolean json;

  @Mixin CorpusReading.ReadMixin read;

  @Option(names = "--skip-invalid", description = "--corpus: skip invalid records (and say how"
      + " many) instead of stopping at the first.")
  boolean skipInvalid;

  @Override
  public Integer call() throws Exception {
    OutputTarget target = Outputs.checked(out.toString(), source.corpus,
        source.features == null ? null : source.features.resolve("meta.json"));
    TrainingRegime parsedRegime = parseRegime();
    TrainerConfig config = trainerConfig();
    String optimizerName = optimizer.name().toLowerCase(Locale.ROOT);
    Monitor monitor = Progress.monitor(spec);
    TrainedModel outcome;
    String checksum;
    if (source.corpus != null) {
      LoadedCorpus loaded = CorpusFiles.load(source.corpus,
          read.options(skipInvalid).withChecksum(true));
      CorpusReading.reportSkipped(loaded, spec);
      Corpus corpus = loaded.corpus();
      Progress.note(spec, "read " + corpus.size() + " occurrences from " + corpus.source());
      checksum = loaded.checksum();
      boolean searchable = corpus.examples().stream().map(AnnotatedExample::text).distinct()
          .limit(2).count() == 2;
      TrainSettings settings = new TrainSettings(parsedRegime, config, lambdaAuto(searchable),
          featureOptions.config(spec.commandLine())).withAggregate(aggregate)
          .withInventoryAuto(training.inventoryAuto());
      if (labelsFile != null) {
        settings = settings.withDeclaredLabels(LabelFiles.read(labelsFile));
      }
      outcome = Training.train(corpus, settings, monitor);
    } else {
      if (aggregate != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--aggregate needs the annotators' answers of a --corpus, which a feature directory"
                + " does not carry");
      }
      if (labelsFile != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--labels declares labels of a corpus: a feature directory's labels.tsv already"
                + " names every class");
      }
      if (featureOptions.given()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--hash-bits, --window and --opennlp-models describe text features: they cannot be"
                + " used with --features, whose features are already computed");
      }
      if (config.inventory() == TrainerConfig.InventoryMode.RESTRICT
          || training.inventoryAuto()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--inventory restrict and auto need the words of the occurrences, which a feature"
                + " directory does not carry: use --corpus, or --inventory none");
      }
      Path dir = FeatureDirectory.split(source.features, "train");
      PeerFormat.Split split = FeatureDirectory.read(source.features, "train");
      checksum = Checksums.ofFiles(List.of(source.features.resolve("meta.json"),
          dir.resolve("features.svm"), dir.resolve("labels.tsv"), dir.resolve("weights.tsv")));
      outcome = Training.train(split, parsedRegime.labelRegime().orElseThrow(), config,
          lambdaAuto(split.size() >= 2), monitor);
    }
    TextModel model = outcome.model().withSource(checksum, parsedRegime.name());
    if (source.features != null) {
      // The dimension lets evaluate refuse a feature directory of another dimension.
      model = TextModel.of(model.softmax().withFeatureDimension(
          PeerFormat.readMeta(source.features).nFeatures()));
    }
    model.save(target);
    if (trace != null) {
      outcome.writeTrace(trace);
    }
    // A model written to standard output leaves the report to stderr.
    PrintWriter stdout = target.isStandardOutput() ? spec.commandLine().getErr()
        : spec.commandLine().getOut();
    if (json) {
      ObjectNode n = json(outcome, parsedRegime.name(), optimizerName);
      if (aggregate != null) {
        n.put("aggregate", aggregate.spelling());
      }
      Json.println(stdout, n);
    } else {
      print(stdout, outcome, parsedRegime.name(), optimizerName, config);
    }
    return 0;
  }

  /**
   * Whether to search for λ: when {@code --lambda auto} was given, or by default with L-BFGS on
   * data the search can split ({@code searchable}: two sentences, or two rows of a feature
   * directory). With Adam, whose search refits every λ of the grid from scratch, and on data
   * too small to split, the default is the trainer's fixed λ.
   */
  private boolean lambdaAuto(boolean searchable) {
    if (spec.commandLine().getParseResult().hasMatchedOption("--lambda")) {
      return training.lambdaAuto();
    }
    return training.lambdaAuto() && optimizer == TrainerConfig.Optimizer.LBFGS && searchable;
  }

  private TrainingRegime parseRegime() {
    TrainingRegime r;
    try {
      r = TrainingRegime.parse(regime);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--regime: " + e.getMessage());
    }
    if (source.features != null && (r.needsVotes() || r.needsSurfaceForms()
        || r.labelRegime().isEmpty())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--regime " + r.name()
          + " needs " + (r.needsVotes() ? "annotator vote counts" : "the words of the occurrences")
          + ", which a feature directory does not carry: use --corpus, or one of soft, onehot,"
          + " smooth:EPS, temper:T, sample");
    }
    return r;
  }

  private TrainerConfig trainerConfig() {
    TrainerConfig c = training.configWithoutLambdaSearch(seed).withOptimizer(optimizer);
    if (epochs != null) {
      c = c.withEpochs(epochs);
    }
    if (batchSize != null) {
      c = c.withBatchSize(batchSize);
    }
    if (learningRate != null) {
      c = c.withLearningRate(learningRate);
    }
    return c;
  }

  private static ObjectNode json(TrainedModel o, String regime, String optimizer) {
    FitStats s = o.stats();
    ObjectNode n = Json.object();
    n.put("regime", regime);
    n.put("examples", o.rows());
    n.put("features", s.features());
    ArrayNode labels = n.putArray("labels");
    o.model().labels().forEach(labels::add);
    ArrayNode noMass = n.putArray("labels_without_mass");
    o.model().softmax().labelsWithoutMass().forEach(noMass::add);
    n.put("iterations", s.iterations());
    n.put("evaluations", s.evaluations());
    Json.put(n, "final_objective", s.finalObjective());
    Json.put(n, "final_gradient_max", s.finalGradientMax());
    Json.put(n, "fit_seconds", s.fitSeconds());
    if (o.search() != null) {
      Json.put(n, "search_seconds", o.search().searchSeconds());
    }
    n.put("converged", s.converged());
    n.put("optimizer", optimizer);
    Json.put(n, "lambda", s.lambda());
    n.put("occurrences", o.occurrences());
    if (o.search() != null) {
      n.set("lambda_search", LambdaSearchJson.of(o.search()));
    }
    if (o.inventory() != null) {
      InventoryMixing.Choice c = o.inventory();
      ObjectNode inv = n.putObject("inventory_choice");
      inv.put("restrict", c.restrict());
      Json.put(inv, "mixing_weight", c.weight());
      inv.put("held_out", c.heldOut());
      Json.put(inv, "held_out_kl_unrestricted", c.meanKlUnrestricted());
      Json.put(inv, "held_out_kl_delta_rule", c.meanKlDeltaRule());
      Json.put(inv, "held_out_kl_mixed", c.meanKlMixed());
    }
    return n;
  }

  private void print(PrintWriter w, TrainedModel o, String regime, String optimizer,
      TrainerConfig config) throws IOException {
    FitStats s = o.stats();
    if (o.search() != null) {
      LambdaSearch.Result r = o.search();
      w.printf(Locale.ROOT, "λ chosen by %d-fold cross-validation (mean held-out KL, nats):%n",
          r.folds());
      Table t = new Table("λ", "held-out KL", "");
      for (int i = 0; i < r.grid().size(); i++) {
        t.row(String.format(Locale.ROOT, "%.0e", r.grid().get(i)),
            Double.isNaN(r.heldOutKl().get(i)) ? "not reached"
                : String.format(Locale.ROOT, "%.5f", r.heldOutKl().get(i)),
            r.grid().get(i) == r.chosen() ? "← chosen" : "");
      }
      t.print(w);
      w.println();
    }
    if (o.inventory() != null) {
      InventoryMixing.Choice c = o.inventory();
      w.printf(Locale.ROOT, "Inventories chosen on %d held-out rows (mean KL, nats): unrestricted"
          + " %.5f, restricted with δ %.5f, restricted mixed with the full softmax (weight %.3g)"
          + " %.5f: %s.%n", c.heldOut(), c.meanKlUnrestricted(), c.meanKlDeltaRule(), c.weight(),
          c.meanKlMixed(), c.restrict() ? "restricted and mixed" : "unrestricted");
    }
    w.printf(Locale.ROOT, "Trained regime %s on %d rows (%d %s), %d labels, %d seen features.%n",
        regime, o.rows(), o.occurrences(), source.corpus != null ? "occurrences" : "feature rows",
        o.model().labels().size(), s.features());
    if (!o.model().softmax().labelsWithoutMass().isEmpty()) {
      w.printf(Locale.ROOT, "Labels without training mass: %s.%n",
          String.join(", ", o.model().softmax().labelsWithoutMass()));
    }
    String steps = optimizer.equals("adam")
        ? String.format(Locale.ROOT, "%d epochs, %d minibatch steps", s.iterations(),
            s.evaluations())
        : String.format(Locale.ROOT, "%d iterations, %d evaluations", s.iterations(),
            s.evaluations());
    w.printf(Locale.ROOT, "%s, λ = %s: %s, objective %.6f, max|∂L/∂θ| %.2e %s, %.1f s.%n",
        optimizer.equals("adam") ? "Adam" : "L-BFGS", lambdaText(s.lambda()), steps,
        s.finalObjective(), s.finalGradientMax(),
        s.converged() ? "(converged: <= tol " + compact(config.tol()) + ")"
            : "(not converged: tol " + compact(config.tol()) + "; raise "
                + (optimizer.equals("adam") ? "--epochs" : "--max-iter") + " or --tol)",
        s.fitSeconds());
    if (Files.isRegularFile(out)) {
      w.printf(Locale.ROOT, "Wrote %s (%,d bytes).%n", out, Files.size(out));
    } else {
      w.printf(Locale.ROOT, "Wrote %s.%n", out);
    }
    w.flush();
  }

  private static String lambdaText(double lambda) {
    return compact(lambda);
  }

  private static String compact(double v) {
    return Numbers.compact(v);
  }

  /** Converts an optimiser name, turning a bad one into a usage error (exit 2). */
  static final class OptimizerConverter
      implements CommandLine.ITypeConverter<TrainerConfig.Optimizer> {
    @Override
    public TrainerConfig.Optimizer convert(String value) {
      try {
        return TrainerConfig.Optimizer.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
