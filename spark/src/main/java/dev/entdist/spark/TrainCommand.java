package dev.entdist.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.LoadedCorpus;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.features.FeatureConfig;
import dev.entdist.pipeline.Checksums;
import dev.entdist.pipeline.FeatureDirectory;
import dev.entdist.pipeline.LambdaSearchJson;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TextModel;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.TrainedModel;
import dev.entdist.pipeline.Training;
import dev.entdist.trainer.FitStats;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entdist-spark train}: {@code entdist train} with the objective summed over the
 * partitions of a cluster ({@link SparkFitter}); with {@code --corpus} the features are also
 * computed on the executors ({@link SparkFeatures}). The model file is the local trainer's.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train as 'entdist train' does, with every objective evaluation a Spark job over the"
          + " partitions of the rows (and, with --corpus, the features computed on the"
          + " executors). The driver runs the same L-BFGS and writes the same model file.",
      "",
      "The corpus or feature directory is read on the driver (a local path); the model may be"
          + " written to any Hadoop URI."
    })
final class TrainCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the training data comes from. */
  static final class Source {
    @Option(names = "--corpus", paramLabel = "FILE",
        description = "Training corpus (JSONL, CoNLL, OpenNLP), or 'bundled'.")
    String corpus;

    @Option(names = "--features", paramLabel = "DIR",
        description = "Peer-format feature directory (DIR/train when present, else DIR).")
    Path features;
  }

  @Option(names = "--regime", paramLabel = "R", defaultValue = "soft",
      description = "Label regime (default: ${DEFAULT-VALUE}): soft, onehot, smooth:EPS,"
          + " temper:T, sample, votes, type-soft (the last two need --corpus).")
  String regime;

  @Option(names = "--out", paramLabel = "MODEL", required = true,
      description = "Model file to write (a local path or Hadoop URI).")
  String out;

  @Option(names = "--lambda", paramLabel = "L|auto",
      description = "L2 penalty λ on the weights (default: the trainer's, 1e-4), or 'auto':"
          + " chosen as 'entdist train' chooses it, by cross-validation over whole sentences"
          + " (rows with --features). The search's fits run on the driver, only the final fit"
          + " on Spark, so use it where the rows fit in the driver's memory.")
  String lambda;

  @Option(names = "--max-iter", paramLabel = "N",
      description = "L-BFGS iteration cap (default: 500).")
  Integer maxIter;

  @Option(names = "--tol", paramLabel = "T",
      description = "L-BFGS stops when max |∂L/∂θ| <= T (default: 1e-6).")
  Double tol;

  @Option(names = "--inventory", paramLabel = "restrict[:δ]|none", defaultValue = "none",
      description = "none (default) or restrict[:δ], as in 'entdist train' (needs --corpus).")
  String inventory;

  @Option(names = "--hash-bits", paramLabel = "B",
      description = "--corpus: text features hash into 2^B buckets (default: 18).")
  Integer hashBits;

  @Option(names = "--window", paramLabel = "W",
      description = "--corpus: words on each side the window features look at (default: 1).")
  Integer window;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the sample regime (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object with the fit statistics.")
  boolean json;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    TrainingRegime r = regime();
    TrainerConfig config = config();
    SparkSession spark = sparkOptions.session("train");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = sparkOptions.partitions(sc);
    SparkFitter fitter = new SparkFitter(sc, partitions);
    TrainedModel outcome;
    String checksum;
    if (source.corpus != null) {
      FeatureConfig features = featureConfig();
      LoadedCorpus loaded = CorpusFiles.load(source.corpus, ReadOptions.defaults());
      Corpus corpus = loaded.corpus();
      if (corpus.size() == 0) {
        throw new UserException("corpus " + corpus.source() + " has no occurrences to train on");
      }
      Training.requireWhatRegimeNeeds(r, corpus);
      checksum = loaded.checksum();
      TrainSettings settings = new TrainSettings(r, config, lambdaAuto(), features);
      outcome = Training.train(corpus,
          SparkFeatures.byExample(sc, corpus.examples(), features, partitions), settings,
          Monitor.SILENT, fitter);
    } else {
      if (hashBits != null || window != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--hash-bits and --window"
            + " describe text features: they cannot be used with --features");
      }
      if (config.inventory() == TrainerConfig.InventoryMode.RESTRICT) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--inventory restrict"
            + " needs the words of the occurrences, which a feature directory does not carry:"
            + " use --corpus, or --inventory none");
      }
      Path dir = FeatureDirectory.split(source.features, "train");
      PeerFormat.Split split = FeatureDirectory.read(source.features, "train");
      checksum = Checksums.ofFiles(List.of(source.features.resolve("meta.json"),
          dir.resolve("features.svm"), dir.resolve("labels.tsv"), dir.resolve("weights.tsv")));
      outcome = Training.train(split, r.labelRegime().orElseThrow(), config, lambdaAuto(),
          Monitor.SILENT, fitter);
    }
    TextModel model = outcome.model().withSource(checksum, r.name());
    if (source.features != null) {
      // The dimension lets evaluate refuse a feature directory of another dimension.
      model = TextModel.of(model.softmax().withFeatureDimension(
          PeerFormat.readMeta(source.features).nFeatures()));
    }
    save(sc, model);
    if (json) {
      System.out.println(JSON.writeValueAsString(json(outcome, r.name(), partitions, fitter)));
    } else {
      if (outcome.search() != null) {
        System.out.printf(Locale.ROOT, "Chose λ = %.1e by %d-fold cross-validation on the driver"
            + " (%.1f s).%n", outcome.search().chosen(), outcome.search().folds(),
            outcome.search().searchSeconds());
      }
      FitStats s = outcome.stats();
      System.out.printf(Locale.ROOT, "Trained regime %s on %d rows over %d partitions:"
          + " %d iterations, %d evaluations, objective %.9g, max|∂L/∂θ| %.2e%s, %.1f s."
          + " Wrote %s.%n", r.name(), outcome.rows(), partitions, s.iterations(),
          s.evaluations(), s.finalObjective(), s.finalGradientMax(),
          s.converged() ? " (converged)" : " (not converged)", s.fitSeconds(), out);
    }
    return 0;
  }

  private void save(JavaSparkContext sc, TextModel model) throws java.io.IOException {
    if (HadoopFiles.isLocal(out)) {
      Path p = Path.of(out.startsWith("file:") ? java.net.URI.create(out).getPath() : out);
      if (Files.isDirectory(p)) {
        throw new UserException("--out " + out + " is a directory: name a model file");
      }
      model.save(p);
      return;
    }
    Path tmp = Files.createTempFile("entdist-spark-", ".model");
    try {
      model.save(tmp);
      HadoopFiles.upload(sc.hadoopConfiguration(), tmp, out);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private TrainingRegime regime() {
    TrainingRegime r;
    try {
      r = TrainingRegime.parse(regime);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--regime: " + e.getMessage());
    }
    if (source.features != null && (r.needsVotes() || r.needsSurfaceForms()
        || r.labelRegime().isEmpty())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--regime " + r.name()
          + " needs the words or votes of the occurrences, which a feature directory does not"
          + " carry: use --corpus, or one of soft, onehot, smooth:EPS, temper:T, sample");
    }
    return r;
  }

  private boolean lambdaAuto() {
    return "auto".equalsIgnoreCase(lambda);
  }

  private static double parseLambda(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--lambda: expected a number or 'auto', got '" + value
          + "'");
    }
  }

  private TrainerConfig config() {
    TrainerConfig c = TrainerConfig.defaults().withSeed(seed);
    try {
      if (lambda != null && !lambdaAuto()) {
        c = c.withLambda(parseLambda(lambda));
      }
      if (maxIter != null) {
        c = c.withMaxIter(maxIter);
      }
      if (tol != null) {
        c = c.withTol(tol);
      }
      String[] inv = inventory.trim().split(":", 2);
      TrainerConfig.InventoryMode mode = TrainerConfig.InventoryMode.parse(inv[0]);
      c = inv.length == 1 ? c.withInventory(mode)
          : c.withInventory(mode, Double.parseDouble(inv[1]));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return c;
  }

  private FeatureConfig featureConfig() {
    FeatureConfig f = FeatureConfig.defaults();
    try {
      if (hashBits != null) {
        f = f.withHashBits(hashBits);
      }
      if (window != null) {
        f = f.withWindow(window);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return f;
  }

  private static ObjectNode json(TrainedModel o, String regime, int partitions,
      SparkFitter fitter) {
    FitStats s = o.stats();
    ObjectNode n = JSON.createObjectNode();
    n.put("regime", regime);
    n.put("examples", o.rows());
    n.put("features", s.features());
    ArrayNode labels = n.putArray("labels");
    o.model().labels().forEach(labels::add);
    n.put("iterations", s.iterations());
    n.put("evaluations", s.evaluations());
    n.put("final_objective", s.finalObjective());
    n.put("final_gradient_max", s.finalGradientMax());
    n.put("fit_seconds", s.fitSeconds());
    if (o.search() != null) {
      n.put("search_seconds", o.search().searchSeconds());
    }
    n.put("converged", s.converged());
    n.put("optimizer", "lbfgs");
    n.put("lambda", s.lambda());
    if (o.search() != null) {
      n.set("lambda_search", LambdaSearchJson.of(o.search()));
    }
    n.put("occurrences", o.occurrences());
    n.put("partitions", partitions);
    n.put("seconds_per_evaluation", s.fitSeconds() / Math.max(1, fitter.evaluations()));
    return n;
  }
}
