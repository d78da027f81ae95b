package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFiles;
import dev.entdist.corpora.CorpusSplit;
import dev.entdist.divergence.SparseVector;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.pipeline.FeatureDirectory;
import dev.entdist.trainer.PeerFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist features export}: a corpus's features and labels in the peer format. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write the context features and label distributions of a corpus in the peer"
          + " interchange format (svmlight features.svm, labels.tsv, meta.json with n_features"
          + " = 2^hash-bits), for training other libraries on exactly the same inputs.",
      "",
      "Without --test-fraction DIR itself is one split; with it DIR/train and DIR/test, split"
          + " by sentence so one sentence never straddles the two."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist features export --corpus bundled --out feats",
      "  entdist features export --corpus bundled --out feats \\",
      "      --test-fraction 0.2 --seed 1"})
final class FeaturesExportCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "FILE", required = true,
      description = "Corpus to export (JSONL, CoNLL, OpenNLP), or 'bundled'.")
  String corpus;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Directory to write (created; files in it are replaced).")
  Path out;

  @Mixin FeatureOptions featureOptions;

  @Mixin CorpusInputOptions corpusInput;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "Hold out this share of sentences in DIR/test (default: no split).")
  Double testFraction;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the split (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for computing features (default: available processors).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--test-fraction must be between 0 and 1, got " + testFraction);
    }
    if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
      throw new UserException("--out " + out + " is not a directory: features export writes a"
          + " directory (meta.json, features.svm, labels.tsv)");
    }
    // The output location is checked before the features are computed, not after.
    Outputs.checked(out.resolve("meta.json").toString(), corpus);
    Corpus data = CorpusFiles.read(corpus, corpusInput.options());
    if (data.size() == 0) {
      throw new UserException("corpus " + data.source() + " has no occurrences to export");
    }
    List<String> labels = data.labels();
    Map<AnnotatedExample, SparseVector> features = new IdentityHashMap<>();
    int dimension;
    String configJson;
    try (FeaturePipeline pipeline =
        FeaturePipeline.create(featureOptions.config(spec.commandLine()))) {
      Progress.note(spec, "computing features of " + data.size() + " occurrences");
      List<SparseVector> vectors = pipeline.vectorize(data.examples(),
          threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors()));
      for (int i = 0; i < vectors.size(); i++) {
        features.put(data.examples().get(i), vectors.get(i));
      }
      dimension = pipeline.dimension();
      configJson = pipeline.config().toJson();
    }
    PrintWriter stdout = spec.commandLine().getOut();
    // meta.json carries the feature configuration, so that evaluating a model on these files
    // can check that it was trained on the same features.
    PeerFormat.writeMeta(out, dimension, labels, configJson);
    if (testFraction == null) {
      FeatureDirectory.writeSplit(out, data.examples(), features, labels);
      stdout.printf(Locale.ROOT, "Wrote %d rows to %s: %,d feature dimensions, %d classes.%n",
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
      stdout.printf(Locale.ROOT, "Wrote %d training rows to %s and %d held-out rows to %s"
          + " (split by sentence, seed %d): %,d feature dimensions, %d classes.%n",
          split.train().size(), out.resolve("train"), split.test().size(), out.resolve("test"),
          seed, dimension, labels.size());
    }
    stdout.flush();
    return 0;
  }
}
