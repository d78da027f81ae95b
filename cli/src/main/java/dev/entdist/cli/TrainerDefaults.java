package dev.entdist.cli;

import dev.entdist.pipeline.CompareSettings;
import dev.entdist.trainer.TrainerConfig;
import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the trainer options that the CLI leaves to the trainer, read from {@link
 * TrainerConfig#defaults()} so that the help shows the real values ({@code ${DEFAULT-VALUE}})
 * without repeating them; {@code train}'s λ is {@value #LAMBDA_TRAIN} and {@code compare}'s
 * {@link CompareSettings#DEFAULT_LAMBDA}. Options the trainer does not own keep their annotated
 * defaults.
 */
final class TrainerDefaults implements IDefaultValueProvider {

  /**
   * {@code train}'s default λ: the held-out search, because no fixed λ suits every corpus
   * (docs/evaluation.md, "Defaults that generalise").
   */
  static final String LAMBDA_TRAIN = "auto";

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    TrainerConfig d = TrainerConfig.defaults();
    return switch (option.longestName()) {
      case "--lambda" -> switch (option.command().name()) {
        case "train" -> LAMBDA_TRAIN;
        case "compare" -> number(CompareSettings.DEFAULT_LAMBDA);
        default -> number(d.lambda());
      };
      case "--tol" -> number(d.tol());
      case "--max-iter" -> Integer.toString(d.maxIter());
      case "--epochs" -> Integer.toString(d.epochs());
      case "--batch-size" -> Integer.toString(d.batchSize());
      case "--lr" -> number(d.learningRate());
      default -> null;
    };
  }

  /** Java's shortest spelling of {@code v}, without a needless ".0", in lower case: 1e-4, 0.01. */
  static String number(double v) {
    return Numbers.compact(v).toLowerCase(Locale.ROOT);
  }
}
