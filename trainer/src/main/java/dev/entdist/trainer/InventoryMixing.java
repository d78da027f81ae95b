package dev.entdist.trainer;

import dev.entdist.divergence.Kernels;
import dev.entdist.divergence.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Restricted inventories that pay for themselves. A word's inventory holds only the labels seen
 * with it in training, but held-out occurrences do carry others; the δ rule then gives such a
 * label a sliver of mass and its KL explodes. Mixing the inventory's softmax with the softmax
 * over all labels, (1−α)·inventory + α·full, keeps the features' ranking outside the inventory;
 * α is chosen by held-out KL (a golden-section search on log α, the mean KL being convex in α).
 *
 * <p>{@link #choose} goes one step further and decides by held-out KL whether restriction pays
 * at all: it compares the restricted model with its best α against an unrestricted model trained
 * on the same rows and keeps the better, so restriction never scores worse on the held-out rows
 * than not restricting.
 */
public final class InventoryMixing {

  /** The smallest α searched. */
  public static final double MIN_WEIGHT = 1e-6;

  private InventoryMixing() {}

  /**
   * A fitted weight.
   *
   * @param weight the chosen α
   * @param meanKlDeltaRule mean KL on the held-out rows with the δ rule
   * @param meanKlMixed mean KL there with α
   */
  public record Fit(double weight, double meanKlDeltaRule, double meanKlMixed) {}

  /**
   * The outcome of {@link #choose}.
   *
   * @param restrict whether the restricted model won
   * @param weight the α of the restricted model
   * @param meanKlUnrestricted held-out mean KL of the unrestricted model
   * @param meanKlDeltaRule held-out mean KL of the restricted model with the δ rule
   * @param meanKlMixed held-out mean KL of the restricted model with α
   * @param heldOut rows held out
   * @param model the chosen kind of model, trained on every row
   * @param stats statistics of that final fit
   */
  public record Choice(boolean restrict, double weight, double meanKlUnrestricted,
      double meanKlDeltaRule, double meanKlMixed, int heldOut, SoftmaxModel model,
      FitStats stats) {}

  /**
   * Fits α of a restricted {@code model} on held-out rows.
   *
   * @param words each row's lower-cased word (its inventory applies)
   * @throws IllegalArgumentException if the model does not restrict or the shapes differ
   */
  public static Fit fit(SoftmaxModel model, List<SparseVector> xs, List<String> words,
      double[][] references) {
    if (!model.restricted()) {
      throw new IllegalArgumentException("the model does not restrict predictions to inventories");
    }
    int n = xs.size();
    if (n == 0 || words.size() != n || references.length != n) {
      throw new IllegalArgumentException(n + " feature rows, " + words.size() + " words and "
          + references.length + " references: need the same positive number");
    }
    double[][] logits = new double[n][];
    for (int i = 0; i < n; i++) {
      logits[i] = model.logits(xs.get(i));
    }
    DoubleUnaryOperator meanKl = alpha -> {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double[] p = model.distribution(logits[i], words.get(i), model.temperature(), alpha);
        sum += Kernels.klDivergence(references[i], 0, p, 0, p.length);
      }
      return sum / n;
    };
    double best = Math.exp(TemperatureScaling.goldenSection(
        a -> meanKl.applyAsDouble(Math.exp(a)), Math.log(MIN_WEIGHT), 0));
    return new Fit(best, meanKl.applyAsDouble(0), meanKl.applyAsDouble(best));
  }

  /**
   * Holds out a seeded share of the rows, trains a restricted and an unrestricted model on the
   * rest, fits α on the held-out rows and keeps the kind with the lower held-out mean KL; then
   * trains that kind on every row (with the chosen α when restricted).
   *
   * @param config training settings; its inventory mode is ignored, its δ is kept
   * @param heldOutFraction share of rows held out, in (0, 1)
   * @param seed seed of the hold-out draw
   * @throws IllegalArgumentException if fewer than one row would be held out or trained on
   */
  public static Choice choose(TrainingData data, TrainerConfig config, double heldOutFraction,
      long seed) {
    int n = data.size();
    int held = (int) Math.round(n * heldOutFraction);
    if (!(heldOutFraction > 0 && heldOutFraction < 1) || held < 1 || held >= n) {
      throw new IllegalArgumentException("holding out " + heldOutFraction + " of " + n
          + " rows leaves nothing to train or to test on");
    }
    int[] order = Permutations.shuffled(n, new SplittableRandom(seed));
    int[] test = java.util.Arrays.copyOfRange(order, 0, held);
    int[] train = java.util.Arrays.copyOfRange(order, held, n);
    java.util.Arrays.sort(test);
    java.util.Arrays.sort(train);
    return choose(data, config, train, test);
  }

  /**
   * {@link #choose(TrainingData, TrainerConfig, double, long)} holding out whole groups (for
   * example sentences): the rows of the first of {@code folds} seeded folds of groups, as the λ
   * search cuts them ({@link LambdaSearch#assignFolds}).
   *
   * @param groups row i's group
   * @param folds 1 / the share held out (5 holds out a fifth)
   * @throws IllegalArgumentException if there are fewer groups than folds
   */
  public static Choice choose(TrainingData data, TrainerConfig config, int[] groups, int folds,
      long seed) {
    int[] foldOf = LambdaSearch.assignFolds(data.size(), groups, folds, seed);
    int held = 0;
    for (int f : foldOf) {
      held += f == 0 ? 1 : 0;
    }
    int[] test = new int[held];
    int[] train = new int[data.size() - held];
    for (int i = 0, a = 0, b = 0; i < foldOf.length; i++) {
      if (foldOf[i] == 0) {
        test[a++] = i;
      } else {
        train[b++] = i;
      }
    }
    return choose(data, config, train, test);
  }

  private static Choice choose(TrainingData data, TrainerConfig config, int[] train,
      int[] test) {
    TrainingData part = rebuild(data, train);
    List<SparseVector> xs = new ArrayList<>();
    List<String> words = new ArrayList<>();
    double[][] refs = new double[test.length][];
    for (int r = 0; r < test.length; r++) {
      xs.add(data.features(test[r]));
      words.add(data.group(test[r]));
      refs[r] = data.target(test[r]);
    }
    TrainerConfig restricted = config.withInventory(TrainerConfig.InventoryMode.RESTRICT,
        config.delta());
    TrainerConfig unrestricted = config.withInventory(TrainerConfig.InventoryMode.NONE,
        config.delta());
    Fit fit = fit(SoftmaxTrainer.fit(part, restricted).model(), xs, words, refs);
    double plain = Evaluation.evaluate(refs,
        SoftmaxTrainer.fit(part, unrestricted).model().predictAll(xs, words)).meanKl();
    boolean restrict = fit.meanKlMixed() < plain;
    TrainingResult all = SoftmaxTrainer.fit(data, restrict ? restricted : unrestricted);
    SoftmaxModel model = restrict ? all.model().withUnrestrictedWeight(fit.weight())
        : all.model();
    return new Choice(restrict, fit.weight(), plain, fit.meanKlDeltaRule(), fit.meanKlMixed(),
        test.length, model, all.stats());
  }

  /** The rows {@code rows} as new data, so inventories come from those rows alone. */
  private static TrainingData rebuild(TrainingData data, int[] rows) {
    List<SparseVector> xs = new ArrayList<>();
    double[][] targets = new double[rows.length][];
    double[] weights = new double[rows.length];
    List<String> groups = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      xs.add(data.features(rows[r]));
      targets[r] = data.target(rows[r]);
      weights[r] = data.weight(rows[r]);
      groups.add(data.group(rows[r]));
    }
    return TrainingData.of(data.labels(), xs, targets, weights, groups);
  }
}
