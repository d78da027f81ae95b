package dev.entdist.spark;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeatureConfig;
import dev.entdist.pipeline.FeatureDirectory;
import dev.entdist.trainer.PeerFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entdist-spark features}: {@code entdist features export} with the OpenNLP analysis on
 * the executors; the driver writes the peer-format directory.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write the context features and label distributions of a corpus in the peer format, as"
          + " 'entdist features export' does, with the analysis on the executors (each JVM"
          + " loads the OpenNLP models once). The driver reads the corpus and writes DIR (local"
          + " paths)."
    })
final class FeaturesCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "FILE", required = true,
      description = "Corpus (JSONL, CoNLL, OpenNLP), or 'bundled'.")
  String corpus;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Directory to write (created; files in it are replaced).")
  Path out;

  @Option(names = "--hash-bits", paramLabel = "B",
      description = "Text features hash into 2^B buckets (default: 18).")
  Integer hashBits;

  @Option(names = "--window", paramLabel = "W",
      description = "Words on each side of the target the window features look at (default: 1).")
  Integer window;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "Hold out this share of sentences in DIR/test (default: no split).")
  Double testFraction;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the split (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--test-fraction must be between 0 and 1, got " + testFraction);
    }
    FeatureConfig config = FeatureConfig.defaults();
    try {
      if (hashBits != null) {
        config = config.withHashBits(hashBits);
      }
      if (window != null) {
        config = config.withWindow(window);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Corpus data = CorpusFiles.read(corpus, ReadOptions.defaults());
    if (data.size() == 0) {
      throw new UserException("corpus " + data.source() + " has no occurrences to export");
    }
    SparkSession spark = sparkOptions.session("features");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<AnnotatedExample, SparseVector> features = SparkFeatures.byExample(sc, data.examples(),
        config, sparkOptions.partitions(sc));
    int dimension = SparkFeatures.dimension(config);
    List<String> labels = data.labels();
    // meta.json carries the feature configuration, as the local export's does.
    PeerFormat.writeMeta(out, dimension, labels, config.toJson());
    if (testFraction == null) {
      FeatureDirectory.writeSplit(out, data.examples(), features, labels);
      System.out.printf(Locale.ROOT, "Wrote %d rows to %s: %,d feature dimensions, %d classes.%n",
          data.size(), out, dimension, labels.size());
    } else {
      CorpusSplit split = CorpusSplit.bySentence(data.examples(), testFraction, seed);
      if (split.train().isEmpty() || split.test().isEmpty()) {
        throw new UserException("the split left " + split.train().size() + " training and "
            + split.test().size() + " held-out occurrences: use a larger corpus or another"
            + " --test-fraction");
      }
      FeatureDirectory.writeSplit(out.resolve("train"), split.train(), features, labels);
      FeatureDirectory.writeSplit(out.resolve("test"), split.test(), features, labels);
      System.out.printf(Locale.ROOT, "Wrote %d training rows to %s and %d held-out rows to %s"
          + " (split by sentence, seed %d): %,d feature dimensions, %d classes.%n",
          split.train().size(), out.resolve("train"), split.test().size(), out.resolve("test"),
          seed, dimension, labels.size());
    }
    return 0;
  }
}
