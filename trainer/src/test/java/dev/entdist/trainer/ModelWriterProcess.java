package dev.entdist.trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A child process for {@link CrashSafetyTest}: trains small models and writes each to the model
 * file over and over until it is killed. Prints {@code ready} after the first write.
 */
public final class ModelWriterProcess {

  private ModelWriterProcess() {}

  /** Arguments: the model file, a seed. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    SplittableRandom r = new SplittableRandom(Long.parseLong(args[1]));
    List<String> groups = new ArrayList<>();
    int n = 1000;
    for (int i = 0; i < n; i++) {
      groups.add("w" + (i % 50));
    }
    // Thousands of features, so that one model file takes a while to write.
    TrainingData data = TrainingData.of(Fixtures.labels(6), Fixtures.sparseRows(n, 20000, 60, r),
        Fixtures.softTargets(n, 6, r), null, groups);
    SoftmaxModel model = SoftmaxTrainer.fit(data, TrainerConfig.defaults().withThreads(1)
        .withMaxIter(3)).model();
    boolean announced = false;
    while (true) {
      ModelIo.write(model, file);
      if (!announced) {
        System.out.println("ready");
        System.out.flush();
        announced = true;
      }
    }
  }
}
