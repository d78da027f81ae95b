package dev.entdist.cli;

import dev.entdist.pipeline.Training;
import dev.entdist.trainer.TrainerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Trainer options shared by {@code train} and {@code compare}. The commands that mix them in
 * name {@link TrainerDefaults} as their default value provider, so the defaults of {@code
 * --lambda} and {@code --tol} are the trainer's and the help shows them.
 */
final class TrainingOptions {

  @Option(names = "--lambda", paramLabel = "L", converter = LambdaConverter.class,
      description = "L2 penalty λ on the weights, bias unpenalised (default: ${DEFAULT-VALUE})."
          + " 'auto' ('train' only) chooses λ by " + Training.LAMBDA_FOLDS + "-fold"
          + " cross-validation over whole sentences, then fits from the folds' solutions;"
          + " it is train's default with L-BFGS on two or more sentences, else 1e-4.")
  Lambda lambda;

  @Option(names = "--max-iter", paramLabel = "N",
      description = "L-BFGS iteration cap (default: ${DEFAULT-VALUE}).")
  Integer maxIter;

  @Option(names = "--tol", paramLabel = "T",
      description = "L-BFGS stops when max |∂L/∂θ| <= T (default: ${DEFAULT-VALUE}).")
  Double tol;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for the objective (default: available processors).")
  Integer threads;

  @Option(names = "--inventory", paramLabel = "restrict[:δ]|none|auto", defaultValue = "none",
      converter = InventoryConverter.class,
      description = "none (default): every label competes for every word. restrict[:δ]: an"
          + " occurrence's softmax runs over the labels annotated with its word in the training"
          + " data; at prediction the other labels share δ (default 1e-3). 'train' also"
          + " accepts auto: on a held-out fifth of the sentences, keep whichever scores the"
          + " lower mean KL, no restriction or restriction mixed with the full softmax (the"
          + " mixing weight fitted there).")
  Inventory inventory;

  /**
   * A {@code --lambda} value: a number, or {@code auto} for a cross-validated choice.
   *
   * @param value λ (meaningless when {@code auto})
   * @param auto whether to search for λ
   */
  record Lambda(double value, boolean auto) {}

  /**
   * An {@code --inventory} value.
   *
   * @param mode none or restrict
   * @param delta the mass the labels outside an inventory share, or {@code null} for the
   *     trainer's default
   * @param auto whether the inventory is chosen on held-out sentences ({@code mode} is then
   *     none)
   */
  record Inventory(TrainerConfig.InventoryMode mode, Double delta, boolean auto) {}

  /** Whether {@code --inventory auto} was given. */
  boolean inventoryAuto() {
    return inventory != null && inventory.auto();
  }

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
    if (inventory != null) {
      c = inventory.delta() == null ? c.withInventory(inventory.mode())
          : c.withInventory(inventory.mode(), inventory.delta());
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

  /**
   * Parses {@code none}, {@code restrict}, {@code restrict:δ} or {@code auto}; anything else is a
   * usage error.
   */
  static final class InventoryConverter implements CommandLine.ITypeConverter<Inventory> {
    @Override
    public Inventory convert(String value) {
      if ("auto".equalsIgnoreCase(value.trim())) {
        return new Inventory(TrainerConfig.InventoryMode.NONE, null, true);
      }
      String[] parts = value.trim().split(":", 2);
      TrainerConfig.InventoryMode mode;
      try {
        mode = TrainerConfig.InventoryMode.parse(parts[0]);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
      if (parts.length == 1) {
        return new Inventory(mode, null, false);
      }
      if (mode != TrainerConfig.InventoryMode.RESTRICT) {
        throw new CommandLine.TypeConversionException(
            "only restrict takes a δ, as in restrict:0.001");
      }
      double delta;
      try {
        delta = Double.parseDouble(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("δ '" + parts[1] + "' is not a number");
      }
      if (!(delta > 0 && delta < 1)) {
        throw new CommandLine.TypeConversionException("δ must be in (0, 1), got " + parts[1]);
      }
      return new Inventory(mode, delta, false);
    }
  }
}
