package dev.entdist.trainer;

/**
 * What a fit did.
 *
 * @param optimizer the optimiser used
 * @param iterations L-BFGS iterations (Adam: epochs)
 * @param evaluations passes that computed the objective and gradient over the full data (Adam:
 *     minibatch steps)
 * @param finalObjective L(W,b) in the KL form of the design, at the returned parameters
 * @param finalGradientMax max |∂L/∂θ| at the returned parameters
 * @param fitSeconds wall time of the optimisation alone
 * @param converged whether max |∂L/∂θ| ≤ tol at the returned parameters
 * @param examples training rows
 * @param features distinct features seen in training (the model's rows)
 * @param labels number of labels
 * @param lambda the λ used
 */
public record FitStats(
    TrainerConfig.Optimizer optimizer,
    int iterations,
    int evaluations,
    double finalObjective,
    double finalGradientMax,
    double fitSeconds,
    boolean converged,
    int examples,
    int features,
    int labels,
    double lambda) {}
