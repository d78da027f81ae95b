package dev.entdist.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.corpora.Corpus;
import dev.entdist.features.FeatureConfig;
import dev.entdist.features.FeaturePipeline;
import dev.entdist.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist compare}: several label regimes trained on one split, side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train several label regimes on the same split and show, word by word, the type-level"
          + " distribution each one learned next to the reference, with the evaluation metrics.",
      "",
      "The type-level distribution of a word is the mean prediction over its held-out"
          + " occurrences; its reference is the mean annotated distribution over the same"
          + " occurrences. The split groups occurrences by sentence."
    })
final class CompareCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "FILE", defaultValue = "bundled",
      description = "Corpus file, or 'bundled' (default) for the corpus inside the jar.")
  String corpus;

  @Option(names = "--regimes", paramLabel = "R,R...", split = ",",
      defaultValue = "soft,onehot",
      description = "Label regimes to compare (default: ${DEFAULT-VALUE}): soft, onehot,"
          + " smooth:EPS, temper:T, votes, sample, type-soft.")
  List<String> regimes;

  @Option(names = "--words", paramLabel = "W,W...", split = ",",
      description = "Words to show (default: every word with at least 5 held-out occurrences,"
          + " at most 12, most frequent first).")
  List<String> words;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of sentences held out for evaluation (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the split and of seeded regimes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin TrainingOptions training;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--test-fraction must be between 0 and 1, got " + testFraction);
    }
    PrintWriter out = spec.commandLine().getOut();
    Corpus data = CorpusArgument.read(corpus);
    TrainerConfig config = training.config(seed);
    Comparison.Result result;
    try (FeaturePipeline pipeline = FeaturePipeline.create(FeatureConfig.defaults())) {
      result = Comparison.run(data, pipeline, regimes, words, testFraction, seed, config,
          line -> Progress.note(spec, line));
    }
    if (json) {
      ObjectNode o = CompareReport.json(result);
      Json.println(out, o);
    } else {
      CompareReport.print(out, data, result);
    }
    return 0;
  }
}
