package dev.entdist.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusFormat;
import dev.entdist.corpora.TrainingRegime;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TextModel;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.TrainedModel;
import dev.entdist.pipeline.Training;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features and training on Spark equal the local pipeline's. */
class SparkTrainAndFeaturesTest {

  @TempDir Path dir;

  private static int run(String... args) {
    TestSpark.session();
    picocli.CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertEquals(0, code, err.toString());
    return code;
  }

  @Test
  void featuresEqualTheLocalPipelinesAndTheExportWritesTheSameFiles() throws Exception {
    Corpus corpus = SmallModel.corpus();
    FeatureConfig config = FeatureConfig.defaults().withHashBits(16);
    List<SparseVector> local;
    try (FeaturePipeline p = FeaturePipeline.create(config)) {
      local = p.vectorize(corpus.examples(), 1);
    }
    assertEquals(local, SparkFeatures.vectors(TestSpark.context(), corpus.examples(), config, 3));

    // The command on a corpus file against the local files written from the local vectors.
    Path file = dir.resolve("small.jsonl");
    CorpusFiles.write(file, corpus.examples(), CorpusFormat.JSONL, false);
    Path out = dir.resolve("spark-features");
    run("features", "--corpus", file.toString(), "--out", out.toString(), "--hash-bits", "16",
        "--partitions", "3");
    Path expected = dir.resolve("local-features");
    PeerFormat.writeMeta(expected, 1 << 16, corpus.labels(), config.toJson());
    double[][] y = new double[corpus.size()][];
    for (int i = 0; i < y.length; i++) {
      y[i] = corpus.examples().get(i).distributionOver(corpus.labels());
    }
    PeerFormat.writeSplit(expected, corpus.labels(), local, y, null);
    for (String f : List.of("meta.json", "features.svm", "labels.tsv")) {
      assertEquals(Files.readString(expected.resolve(f)), Files.readString(out.resolve(f)), f);
    }
  }

  @Test
  void trainOnFeaturesEqualsTheLocalTrainer() throws Exception {
    Corpus corpus = SmallModel.corpus();
    Path file = dir.resolve("small.jsonl");
    CorpusFiles.write(file, corpus.examples(), CorpusFormat.JSONL, false);
    Path features = dir.resolve("features");
    run("features", "--corpus", file.toString(), "--out", features.toString(), "--hash-bits",
        "14");
    TrainerConfig config = TrainerConfig.defaults().withLambda(1e-2).withMaxIter(200)
        .withThreads(1);
    TrainedModel local = Training.train(
        dev.entdist.pipeline.FeatureDirectory.read(features, "train"),
        TrainingRegime.parse("soft").labelRegime().orElseThrow(), config, false,
        Monitor.SILENT);
    Path model = dir.resolve("spark.model");
    run("train", "--features", features.toString(), "--lambda", "1e-2", "--max-iter", "200",
        "--out", model.toString(), "--partitions", "3", "--json");
    try (TextModel spark = TextModel.load(model)) {
      double a = local.stats().finalObjective();
      double b = spark.provenance().finalObjective();
      assertEquals(a, b, 1e-6 * a, "final objective");
      assertEquals(local.model().labels(), spark.labels());
      assertTrue(local.stats().converged());
    }
  }

  @Test
  void lambdaAutoChoosesWhatTheLocalSearchChooses() throws Exception {
    Corpus corpus = SmallModel.corpus();
    Path file = dir.resolve("small.jsonl");
    CorpusFiles.write(file, corpus.examples(), CorpusFormat.JSONL, false);
    TrainSettings settings = TrainSettings.defaults().withLambdaAuto(true)
        .withTrainer(TrainerConfig.defaults().withMaxIter(200))
        .withFeatures(FeatureConfig.defaults().withHashBits(14));
    TrainedModel local = Training.train(corpus, settings, Monitor.SILENT);
    Path model = dir.resolve("auto.model");
    java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(json, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      run("train", "--corpus", file.toString(), "--lambda", "auto", "--max-iter", "200",
          "--hash-bits", "14", "--out", model.toString(), "--partitions", "2", "--json");
    } finally {
      System.setOut(stdout);
    }
    com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json.toString(java.nio.charset.StandardCharsets.UTF_8));
    // the search runs on the driver over the same rows and folds as the local one
    assertEquals(local.search().chosen(), n.get("lambda_search").get("chosen").asDouble());
    assertEquals(local.search().grid().size(), n.get("lambda_search").get("grid").size());
    assertEquals(local.search().chosen(), n.get("lambda").asDouble());
    assertTrue(n.get("search_seconds").asDouble() >= 0, n.toString());
    try (TextModel spark = TextModel.load(model)) {
      assertEquals(local.search().chosen(), spark.provenance().lambda());
    }
  }

  @Test
  void aLambdaThatIsNeitherANumberNorAutoIsAUsageError() {
    picocli.CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(2, cl.execute("train", "--corpus", "bundled", "--lambda", "often", "--out",
        dir.resolve("x.model").toString()));
    assertTrue(err.toString().contains("expected a number or 'auto'"), err.toString());
  }

  @Test
  void trainOnACorpusEqualsTheLocalTraining() throws Exception {
    Corpus corpus = SmallModel.corpus();
    // The local trainer's L-BFGS is its own, the sharded fit's Smile's: a tight tolerance
    // brings both to the one optimum, where the predictions agree.
    TrainerConfig config = TrainerConfig.defaults().withLambda(1e-2).withMaxIter(1000)
        .withTol(1e-8).withThreads(1).withInventory(TrainerConfig.InventoryMode.RESTRICT);
    TrainSettings settings = TrainSettings.defaults().withTrainer(config)
        .withFeatures(FeatureConfig.defaults().withHashBits(14));
    TrainedModel local = Training.train(corpus, settings, Monitor.SILENT);
    TrainedModel spark = Training.train(corpus, SparkFeatures.byExample(TestSpark.context(),
        corpus.examples(), settings.features(), 2), settings, Monitor.SILENT,
        new SparkFitter(TestSpark.context(), 3));
    double a = local.stats().finalObjective();
    assertEquals(a, spark.stats().finalObjective(), 1e-6 * a, "final objective");
    assertTrue(local.stats().converged() && spark.stats().converged());
    String context = "The bank raised its interest rates.";
    assertArrayEquals(local.model().query("bank", context).distribution().toArray(),
        spark.model().query("bank", context).distribution().toArray(), 1e-4);
    assertArrayEquals(local.model().query("cell").distribution().toArray(),
        spark.model().query("cell").distribution().toArray(), 1e-4);
  }
}
