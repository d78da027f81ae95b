package dev.entdist.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.divergence.Kernels;
import dev.entdist.divergence.LabelRegime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark entry point (not a test): trains on a peers data set directory with the harness's
 * rules and prints one JSON line with the peers' fields; writes {@code OUT/pred.tsv}.
 *
 * <pre>
 * java -cp CLASSPATH dev.entdist.trainer.PeersBench --data DS --out OUT [--regime soft]
 *     [--optimizer lbfgs|adam] [--lam 1e-3] [--max-iter 300] [--tol 1e-6] [--threads 2]
 *     [--precondition] [--memory 10] [--epochs 10] [--lr 0.01] [--batch-size 1024] [--stream]
 *     [--smile] [--trace FILE.csv]
 * </pre>
 *
 * <p>{@code --smile} runs Smile's L-BFGS instead of the trainer's own; {@code --trace} writes one
 * CSV line per iteration or epoch ({@link TraceListener}).
 *
 * <p>{@code --stream} trains with {@link StreamingAdam} over {@link PeerFormat#stream} (the
 * training split is never held in memory; the optimizer is Adam whatever {@code --optimizer}
 * says); the test split is read only after the fit. {@code fit_peak_heap_mb} is the sum of the
 * heap pools' peak usage up to the end of the fit (an upper bound on the heap used at any one
 * time, since the pools peak at different moments).
 */
public final class PeersBench {

  private PeersBench() {}

  /** Runs one benchmark; arguments as in the class comment. */
  public static void main(String[] args) throws Exception {
    Path data = null;
    Path out = null;
    String regime = "soft";
    int profile = 0;
    boolean stream = false;
    boolean smile = false;
    Path tracePath = null;
    TrainerConfig config = TrainerConfig.defaults().withThreads(2).withBatchSize(1024);
    for (int a = 0; a < args.length; a++) {
      String v = a + 1 < args.length ? args[a + 1] : null;
      switch (args[a]) {
        case "--data" -> { data = Path.of(v); a++; }
        case "--out" -> { out = Path.of(v); a++; }
        case "--regime" -> { regime = v; a++; }
        case "--optimizer" -> { config = config.withOptimizer(TrainerConfig.Optimizer.parse(v)); a++; }
        case "--lam" -> { config = config.withLambda(Double.parseDouble(v)); a++; }
        case "--max-iter" -> { config = config.withMaxIter(Integer.parseInt(v)); a++; }
        case "--tol" -> { config = config.withTol(Double.parseDouble(v)); a++; }
        case "--threads" -> { config = config.withThreads(Integer.parseInt(v)); a++; }
        case "--memory" -> { config = config.withLbfgsMemory(Integer.parseInt(v)); a++; }
        case "--epochs" -> { config = config.withEpochs(Integer.parseInt(v)); a++; }
        case "--lr" -> { config = config.withLearningRate(Double.parseDouble(v)); a++; }
        case "--batch-size" -> { config = config.withBatchSize(Integer.parseInt(v)); a++; }
        case "--precondition" -> config = config.withPrecondition(true);
        case "--profile" -> { profile = Integer.parseInt(v); a++; }
        case "--stream" -> stream = true;
        case "--smile" -> smile = true;
        case "--trace" -> { tracePath = Path.of(v); a++; }
        default -> throw new IllegalArgumentException("unknown argument " + args[a]);
      }
    }
    if (data == null || out == null) {
      throw new IllegalArgumentException("--data and --out are required");
    }
    long t0 = System.nanoTime();
    PeerFormat.Meta meta = PeerFormat.readMeta(data);
    LabelRegime r = LabelRegime.parse(regime);
    TrainingResult res;
    TraceListener trace = new TraceListener(ProgressListener.NONE);
    double prep;
    double[] passMs = null;
    if (stream) {
      config = config.withOptimizer(TrainerConfig.Optimizer.ADAM);
      prep = 0;
      res = StreamingAdam.fit(PeerFormat.stream(data.resolve("train"), meta.nFeatures(), r),
          config, trace);
    } else {
      PeerFormat.Split train = PeerFormat.readSplit(data.resolve("train"), meta.nFeatures());
      double[][] targets = new double[train.size()][];
      for (int i = 0; i < targets.length; i++) {
        // file column order, so onehot ties go to the lowest class index as in the peers
        targets[i] = r.target(train.labels()[i], i);
      }
      TrainingData td = TrainingData.of(train.sortedClasses(), train.features(),
          train.inSortedOrder(targets), train.weights(), null);
      prep = (System.nanoTime() - t0) / 1e9;
      passMs = profile > 0 ? profilePasses(td, config, profile) : null;
      // without --trace nothing wants Adam's per-epoch objective, and it skips that pass
      res = SoftmaxTrainer.fit(td, config, tracePath != null ? trace : ProgressListener.NONE,
          smile);
    }
    double totalSeconds = (System.nanoTime() - t0) / 1e9;
    if (tracePath != null) {
      trace.writeCsv(tracePath);
    }
    double fitPeakHeapMb = heapPeakMb();
    List<String> sorted = res.model().labels();
    PeerFormat.Split test = PeerFormat.readSplit(data.resolve("test"), meta.nFeatures());
    double[][] pred = res.model().predictAll(test.features(), null);
    double[][] predFileOrder = PeerFormat.reorder(pred, sorted, test.classes());
    Files.createDirectories(out);
    PeerFormat.writeDistributions(out.resolve("pred.tsv"), test.classes(), predFileOrder);
    Evaluation.Metrics m = Evaluation.evaluate(test.labels(), predFileOrder);
    FitStats s = res.stats();
    ObjectMapper json = new ObjectMapper();
    ObjectNode rec = json.createObjectNode();
    rec.put("peer", "entdist");
    rec.put("regime", regime);
    rec.put("optimizer", config.optimizer().name().toLowerCase() + (config.precondition() ? "+precond" : "")
        + (smile ? "+smile" : ""));
    rec.put("stream", stream);
    rec.put("n_train", res.stats().examples());
    rec.put("d", meta.nFeatures());
    rec.put("k", sorted.size());
    rec.put("lam", config.lambda());
    rec.put("tol", config.tol());
    rec.put("max_iter", config.maxIter());
    rec.put("threads", config.threads());
    rec.put("fit_seconds", Math.round(s.fitSeconds() * 1000) / 1000.0);
    rec.put("prep_seconds", Math.round(prep * 1000) / 1000.0);
    rec.put("train_total_seconds", Math.round(totalSeconds * 1000) / 1000.0);
    rec.put("iterations", s.iterations());
    rec.put("function_evals", s.evaluations());
    rec.put("final_objective", s.finalObjective());
    rec.put("final_grad_maxabs", s.finalGradientMax());
    rec.put("converged", s.converged());
    rec.put("features_seen", s.features());
    rec.put("test_mean_kl", m.meanKl());
    rec.put("test_top1", m.top1());
    if (test.trueDistributions() != null) {
      double kl = 0;
      double top = 0;
      double[][] t = test.trueDistributions();
      int k = t[0].length;
      for (int i = 0; i < t.length; i++) {
        kl += Kernels.klDivergence(t[i], 0, predFileOrder[i], 0, k);
        top += Kernels.argmax(t[i], 0, k) == Kernels.argmax(predFileOrder[i], 0, k) ? 1 : 0;
      }
      rec.put("test_mean_kl_true", kl / t.length);
      rec.put("test_top1_true", top / t.length);
    }
    rec.put("test_mean_js", m.meanJs());
    rec.put("test_ece15", m.ece());
    if (passMs != null) {
      rec.put("profile_row_pass_ms", passMs[0]);
      rec.put("profile_column_pass_ms", passMs[1]);
      // what the fit spent outside the objective: Smile's L-BFGS vector work and line search
      double objectiveSeconds = (s.evaluations() * passMs[0] + (s.iterations() + 1) * passMs[1])
          / 1000;
      rec.put("profile_objective_seconds", objectiveSeconds);
      rec.put("profile_other_seconds", s.fitSeconds() - objectiveSeconds);
    }
    rec.put("fit_peak_heap_mb", fitPeakHeapMb);
    rec.put("peak_rss_mb", peakRssMb());
    rec.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    System.out.println(json.writeValueAsString(rec));
  }

  /** Mean wall milliseconds of a row pass and a column pass, after as many warm-up passes. */
  private static double[] profilePasses(TrainingData td, TrainerConfig config, int passes) {
    CompactProblem p = new CompactProblem(td, false);
    try (KlObjective obj = new KlObjective(p, config.lambda(), config.threads())) {
      double[] theta = new double[p.parameters()];
      double[] grad = new double[theta.length];
      for (int i = 0; i < passes; i++) {
        obj.valueAndGradient(theta, grad);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < passes; i++) {
        obj.value(theta);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < passes; i++) {
        obj.gradientFromResiduals(theta, grad);
      }
      long t2 = System.nanoTime();
      return new double[] {(t1 - t0) / 1e6 / passes, (t2 - t1) / 1e6 / passes};
    }
  }

  /** Sum of the heap pools' peak used sizes so far, MiB. */
  private static double heapPeakMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }

  private static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
        }
      }
    } catch (Exception e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
