package dev.entdist.spark;

import dev.entdist.pipeline.PipelineException;
import dev.entdist.pipeline.Training;
import dev.entdist.trainer.ObjectiveShard;
import dev.entdist.trainer.ProgressListener;
import dev.entdist.trainer.ShardedObjective;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Fits on a cluster: the training rows are cut into consecutive blocks, one per partition, each
 * executor keeps its block as an {@link ObjectiveShard} (the local trainer's kernel over those
 * rows, features compacted by the whole data's seen ids), and every objective evaluation is one
 * job that broadcasts θ and adds up the partitions' value and gradient sums. The driver runs the
 * local trainer's L-BFGS on those sums ({@link ShardedObjective}) and builds the same model.
 *
 * <p>The sums are added in partition order (directly up to {@value #FLAT_LIMIT} partitions, else
 * in groups of about √P, each group in order), never in the order tasks finish, so a fit is
 * deterministic for a fixed partitioning.
 */
public final class SparkFitter implements Training.Fitter {

  /** Up to this many partitions, the driver adds the partial sums itself. */
  static final int FLAT_LIMIT = 16;

  /** Shards built in this JVM, by run and partition: built once, reused by every evaluation. */
  private static final ConcurrentMap<String, ObjectiveShard> SHARDS = new ConcurrentHashMap<>();

  private final JavaSparkContext sc;
  private final int partitions;
  private long lastEvaluationNanos;
  private int evaluations;

  /** A fitter over {@code partitions} partitions (fewer when there are fewer rows). */
  public SparkFitter(JavaSparkContext sc, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    this.sc = sc;
    this.partitions = partitions;
  }

  /** The partial sums of one partition. */
  private record Partial(int index, double loss, double[] grad) implements Serializable {}

  @Override
  public TrainingResult fit(TrainingData data, TrainerConfig config, ProgressListener listener) {
    if (config.optimizer() != TrainerConfig.Optimizer.LBFGS) {
      throw new PipelineException("training on Spark uses L-BFGS only (--optimizer lbfgs)");
    }
    boolean restrict = config.inventory() == TrainerConfig.InventoryMode.RESTRICT;
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), restrict);
    int p = Math.max(1, Math.min(partitions, data.size()));
    // Each block is the rows as the driver holds them (targets, weights and the whole data's
    // inventories), not rebuilt from parts: the shards' sums are the local trainer's.
    List<TrainingData> blocks = new ArrayList<>(p);
    for (int b = 0; b < p; b++) {
      int from = (int) ((long) b * data.size() / p);
      int to = (int) ((long) (b + 1) * data.size() / p);
      blocks.add(data.subset(IntStream.range(from, to).toArray()));
    }
    String run = UUID.randomUUID().toString();
    Broadcast<ObjectiveShard.Layout> layoutB = sc.broadcast(layout);
    JavaRDD<TrainingData> rows = sc.parallelize(blocks, p).persist(StorageLevel.MEMORY_AND_DISK());
    // Cut the lineage to the driver's list, so tasks no longer carry the rows; build the
    // shards now, so that every evaluation finds them.
    rows.rdd().localCheckpoint();
    rows.mapPartitionsWithIndex((index, it) -> {
      shard(run, index, it, layoutB);
      return List.of(index).iterator();
    }, true).count();
    blocks.clear();
    int dim = layout.parameters();
    try {
      double[] squares = null;
      if (config.precondition()) {
        squares = sum(rows.mapPartitionsWithIndex((index, it) -> {
          ObjectiveShard s = shard(run, index, it, layoutB);
          double[] sq = new double[layout.featureIds().length];
          synchronized (s) {
            s.addSquares(sq);
          }
          return List.of(new Partial(index, 0, sq)).iterator();
        }, true), p, layout.featureIds().length).grad();
      }
      ShardedObjective objective = new ShardedObjective(layout, config.lambda(),
          (theta, grad) -> evaluate(rows, p, run, layoutB, theta, grad, dim),
          squares);
      return objective.fit(config, data, listener);
    } finally {
      rows.foreachPartition(it -> drop(run));
      drop(run);
      rows.unpersist(false);
      layoutB.destroy();
    }
  }

  /** Wall time of the last objective evaluation (one Spark job), in nanoseconds. */
  public long lastEvaluationNanos() {
    return lastEvaluationNanos;
  }

  /** Objective evaluations (Spark jobs) of the last fit. */
  public int evaluations() {
    return evaluations;
  }

  private double evaluate(JavaRDD<TrainingData> rows, int p, String run,
      Broadcast<ObjectiveShard.Layout> layoutB, double[] theta, double[] grad, int dim) {
    long start = System.nanoTime();
    Broadcast<double[]> thetaB = sc.broadcast(theta);
    try {
      Partial total = sum(rows.mapPartitionsWithIndex((index, it) -> {
        ObjectiveShard s = shard(run, index, it, layoutB);
        double[] g = new double[dim];
        double loss;
        synchronized (s) {
          loss = s.addTo(thetaB.value(), g);
        }
        return List.of(new Partial(index, loss, g)).iterator();
      }, true), p, dim);
      System.arraycopy(total.grad(), 0, grad, 0, dim);
      return total.loss();
    } finally {
      thetaB.destroy();
      evaluations++;
      lastEvaluationNanos = System.nanoTime() - start;
    }
  }

  /** The partials added in partition order (grouped into a two-level tree past the limit). */
  private static Partial sum(JavaRDD<Partial> partials, int p, int dim) {
    List<Partial> parts;
    if (p <= FLAT_LIMIT) {
      parts = new ArrayList<>(partials.collect());
    } else {
      int fan = (int) Math.ceil(Math.sqrt(p));
      parts = new ArrayList<>(partials
          .mapToPair(x -> new Tuple2<>(x.index() / fan, x))
          .groupByKey(Math.max(1, (p + fan - 1) / fan))
          .map(group -> {
            List<Partial> members = new ArrayList<>();
            group._2().forEach(members::add);
            return addInOrder(members, dim);
          })
          .collect());
    }
    return addInOrder(parts, dim);
  }

  private static Partial addInOrder(List<Partial> parts, int dim) {
    parts.sort(Comparator.comparingInt(Partial::index));
    double loss = 0;
    double[] g = new double[dim];
    for (Partial x : parts) {
      loss += x.loss();
      for (int j = 0; j < dim; j++) {
        g[j] += x.grad()[j];
      }
    }
    return new Partial(parts.isEmpty() ? 0 : parts.get(0).index(), loss, g);
  }

  private static ObjectiveShard shard(String run, int index,
      java.util.Iterator<TrainingData> it, Broadcast<ObjectiveShard.Layout> layoutB) {
    return SHARDS.computeIfAbsent(run + ":" + index,
        key -> new ObjectiveShard(it.next(), layoutB.value()));
  }

  private static void drop(String run) {
    SHARDS.keySet().removeIf(k -> k.startsWith(run + ":"));
  }
}
