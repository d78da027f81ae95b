/**
 * Information measures over discrete probability distributions: entropy, cross-entropy, KL
 * divergence in both directions, Jensen–Shannon, stable softmax, row-major batch kernels, the
 * distribution-level label regimes, and {@link dev.entdist.divergence.ScoreDifference}, which
 * explains KL as a weighted score difference. Every edge case (0·log 0 = 0, KL = +∞ where the
 * model gives zero mass to a possible outcome) is defined in the Javadoc and tested; this module
 * has no runtime dependencies.
 */
package dev.entdist.divergence;
