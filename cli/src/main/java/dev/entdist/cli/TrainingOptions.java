package dev.entdist.cli;

import dev.entdist.trainer.TrainerConfig;
import picocli.CommandLine.Option;

/** Trainer options shared by {@code train} and {@code compare}. */
final class TrainingOptions {

  @Option(names = "--lambda", paramLabel = "L",
      description = "L2 penalty λ on the weights (bias unpenalised); default: the trainer's.")
  Double lambda;

  @Option(names = "--max-iter", paramLabel = "N",
      description = "Iteration cap of the optimiser; default: the trainer's.")
  Integer maxIter;

  @Option(names = "--tol", paramLabel = "T",
      description = "Stop when max |∂L/∂θ| <= T; default: the trainer's.")
  Double tol;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for the objective (default: available processors).")
  Integer threads;

  /** The trainer settings these options describe. */
  TrainerConfig config(long seed) {
    TrainerConfig c = TrainerConfig.defaults().withSeed(seed);
    if (lambda != null) {
      c = c.withLambda(lambda);
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
}
