/**
 * Softmax regression trained against soft label distributions with the KL loss: training data,
 * configuration, the objective and its optimisers (Smile L-BFGS, minibatch Adam), the immutable
 * model, evaluation metrics, model files and the peer interchange format.
 *
 * <p>The package knows matrices, label names, weights and group names (the lower-cased target
 * word of an example); it never sees corpora or text.
 */
package dev.entdist.trainer;
