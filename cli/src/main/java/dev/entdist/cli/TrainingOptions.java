package dev.entdist.cli;

import dev.entdist.trainer.TrainerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Trainer options shared by {@code train} and {@code compare}. */
final class TrainingOptions {

  @Option(names = "--lambda", paramLabel = "L", converter = LambdaConverter.class,
      description = "L2 penalty λ on the weights (bias unpenalised); default: the trainer's"
          + " (1e-4). 'train' also accepts 'auto': choose λ by 5-fold cross-validation.")
  Lambda lambda;

  @Option(names = "--max-iter", paramLabel = "N",
      description = "Iteration cap of the optimiser; default: the trainer's.")
  Integer maxIter;

  @Option(names = "--tol", paramLabel = "T",
      description = "Stop when max |∂L/∂θ| <= T; default: the trainer's.")
  Double tol;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for the objective (default: available processors).")
  Integer threads;

  /**
   * A {@code --lambda} value: a number, or {@code auto} for a cross-validated choice.
   *
   * @param value λ (meaningless when {@code auto})
   * @param auto whether to search for λ
   */
  record Lambda(double value, boolean auto) {}

  /** Whether {@code --lambda auto} was given. */
  boolean lambdaAuto() {
    return lambda != null && lambda.auto();
  }

  /**
   * The trainer settings these options describe.
   *
   * @throws UserException for {@code --lambda auto}, which only {@code train} supports
   */
  TrainerConfig config(long seed) {
    if (lambdaAuto()) {
      throw new UserException("--lambda auto is only supported by 'entdist train': give a"
          + " number, e.g. --lambda 1e-4");
    }
    return configWithoutLambdaSearch(seed);
  }

  /** The trainer settings, keeping the trainer's λ when {@code --lambda auto} was given. */
  TrainerConfig configWithoutLambdaSearch(long seed) {
    TrainerConfig c = TrainerConfig.defaults().withSeed(seed);
    if (lambda != null && !lambda.auto()) {
      c = c.withLambda(lambda.value());
    }
    if (maxIter != null) {
      c = c.withMaxIter(maxIter);
    }
    if (tol != null) {
      c = c.withTol(tol);
    }
    if (threads != null) {
      c = c.withThreads(threads);
    }
    return c;
  }

  /** Parses a number ≥ 0 or {@code auto}; anything else is a usage error (exit 2). */
  static final class LambdaConverter implements CommandLine.ITypeConverter<Lambda> {
    @Override
    public Lambda convert(String value) {
      if ("auto".equalsIgnoreCase(value.trim())) {
        return new Lambda(Double.NaN, true);
      }
      double v;
      try {
        v = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is neither a number nor 'auto'");
      }
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new CommandLine.TypeConversionException("λ must be a finite number >= 0, got "
            + value);
      }
      return new Lambda(v, false);
    }
  }
}
