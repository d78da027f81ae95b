package dev.entdist.trainer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A child process for {@link CrashSafetyTest}: trains a small model, writes it a few times and
 * prints {@code ready W}, where W is the median time in nanoseconds of a {@link ModelIo#write}.
 * It then waits for a line on stdin and rewrites the model file over and over until it is
 * killed, printing {@code writing} just before each write.
 */
public final class ModelWriterProcess {

  private static final int TIMINGS = 7;

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
    long[] write = new long[TIMINGS];
    for (int i = 0; i < TIMINGS; i++) {
      long t0 = System.nanoTime();
      ModelIo.write(model, file);
      write[i] = System.nanoTime() - t0;
    }
    Arrays.sort(write);
    System.out.println("ready " + write[TIMINGS / 2]);
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    while (true) {
      System.out.println("writing");
      System.out.flush();
      ModelIo.write(model, file);
    }
  }
}
