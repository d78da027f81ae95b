package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.divergence.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fits and models the trainer refuses instead of failing late or answering wrongly: a fit larger
 * than the heap, an Adam run that ends far above where it started, a model applied to features
 * of another dimension or configuration.
 */
class TrainerRefusalsTest {

  @TempDir Path dir;

  private static TrainingData data(int n, int d, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return TrainingData.of(Fixtures.labels(k), Fixtures.sparseRows(n, d, 4, r),
        Fixtures.softTargets(n, k, r), null, null);
  }

  @Test
  void aFitLargerThanTheHeapIsRefusedBeforeItStartsNamingTheWaysOut() {
    TrainingData data = data(40, 30, 3, 1);
    InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
        () -> SoftmaxTrainer.fit(data, TrainerConfig.defaults(), ProgressListener.NONE, 1024));
    String m = e.getMessage();
    assertTrue(m.startsWith("lbfgs on 40 rows x 3 labels x "), m);
    assertTrue(m.contains("needs about") && m.contains("--optimizer adam")
        && m.contains("ENTDIST_JAVA_OPTS=-Xmx"), m);
    assertTrue(e.neededBytes() > e.availableBytes());
    InsufficientMemoryException adam = assertThrows(InsufficientMemoryException.class,
        () -> SoftmaxTrainer.fit(data, TrainerConfig.defaults()
            .withOptimizer(TrainerConfig.Optimizer.ADAM), ProgressListener.NONE, 1024));
    assertFalse(adam.getMessage().contains("--optimizer adam"), adam.getMessage());
  }

  @Test
  void tenThousandOneHotLabelsNeedGigabytesWithLbfgsAndLessWithAdam() {
    long lbfgs = MemoryEstimate.bytes(10_000, 10_000, 20_000, TrainerConfig.Optimizer.LBFGS, 10,
        2);
    long adam = MemoryEstimate.bytes(10_000, 10_000, 20_000, TrainerConfig.Optimizer.ADAM, 10, 2);
    // 2·10⁸ parameters: 29 vectors of them for L-BFGS, 6 for Adam, 8 bytes each.
    assertTrue(lbfgs > 29L * 8 * 200_000_000L, MemoryEstimate.size(lbfgs));
    assertTrue(adam < lbfgs / 4, MemoryEstimate.size(adam));
    assertTrue(MemoryEstimate.bytes(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
        TrainerConfig.Optimizer.LBFGS, 10, 2) == Long.MAX_VALUE, "no overflow");
  }

  @Test
  void adamWithAHugeLearningRateProducesNoModel() {
    TrainingData data = data(200, 40, 3, 2);
    TrainerConfig config = TrainerConfig.defaults().withOptimizer(TrainerConfig.Optimizer.ADAM)
        .withLearningRate(1e10).withEpochs(3).withThreads(1);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> SoftmaxTrainer.fit(data, config));
    assertTrue(e.getMessage().contains("learning rate (now 1.0E10)"), e.getMessage());
    SoftmaxTrainer.fit(data, config.withLearningRate(0.01));
  }

  @Test
  void aModelIsCheckedAgainstTheFeaturesItIsAppliedTo() throws Exception {
    SoftmaxModel model = SoftmaxTrainer.fit(data(30, 1 << 10, 2, 3),
        TrainerConfig.defaults().withMaxIter(5)).model();
    int[] ids = model.featureIds();
    int top = ids[ids.length - 1];
    PeerFormatException past = assertThrows(PeerFormatException.class,
        () -> FeatureCompatibility.requireCompatible(model, dir,
            new PeerFormat.Meta(top, List.of())));
    assertTrue(past.getMessage().startsWith(dir.resolve("meta.json").toString()),
        past.getMessage());
    assertTrue(past.getMessage().contains("feature " + top), past.getMessage());

    SoftmaxModel sized = model.withFeatureDimension(1 << 10);
    PeerFormatException dimension = assertThrows(PeerFormatException.class,
        () -> FeatureCompatibility.requireCompatible(sized, dir,
            new PeerFormat.Meta(1 << 18, List.of())));
    assertTrue(dimension.getMessage().contains("n_features is 262144, but the model was trained"
        + " on 1024 features"), dimension.getMessage());

    SoftmaxModel configured = sized.withFeatureConfigJson("{\"hashBits\":10,\"window\":2}");
    PeerFormatException config = assertThrows(PeerFormatException.class,
        () -> FeatureCompatibility.requireCompatible(configured, dir,
            new PeerFormat.Meta(1 << 10, List.of(), "{\"hashBits\":10,\"window\":3}")));
    assertTrue(config.getMessage().contains("feature_config"), config.getMessage());

    FeatureCompatibility.requireCompatible(configured, dir,
        new PeerFormat.Meta(1 << 10, List.of(), "{ \"window\":2, \"hashBits\":10 }"));
    FeatureCompatibility.requireCompatible(model, dir, new PeerFormat.Meta(1 << 10, List.of()));
  }

  @Test
  void metaJsonCarriesTheFeatureConfiguration() throws Exception {
    PeerFormat.writeMeta(dir, 64, List.of("a", "b"), "{\"hashBits\":6}");
    PeerFormat.Meta meta = PeerFormat.readMeta(dir);
    assertTrue(meta.featureConfigJson().contains("hashBits"));
    List<SparseVector> none = new ArrayList<>();
    assertTrue(none.isEmpty());
  }
}
