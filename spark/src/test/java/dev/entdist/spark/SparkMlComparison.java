package dev.entdist.spark;

import dev.entdist.divergence.SparseVector;
import dev.entdist.trainer.ObjectiveShard;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.TrainerConfig;
import dev.entdist.trainer.TrainingData;
import dev.entdist.trainer.TrainingResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * entdist's distributed fit against Spark ML's {@code LogisticRegression} on the same soft-label
 * data, at equal objective. A benchmark main class, not a test (docs/spark.md has the command and
 * the figures).
 *
 * <p>Spark ML refuses soft labels, so each row i is replicated once per label j with y_ij &gt; 0,
 * with label j and weight w_i·y_ij. With {@code family=multinomial}, {@code elasticNetParam=0},
 * {@code standardization=false} and {@code fitIntercept=true} Spark ML minimises
 * (1/Σw) Σ w·(−log p_label) + (regParam/2)·‖W‖², intercepts not penalised (as entdist): on the
 * replicated rows that is entdist's objective plus the constant (1/Σw) Σ_i w_i·H(y_i), so with
 * regParam = λ both have the same minimiser. Spark ML's coefficients are scored with entdist's
 * own kernel ({@link ObjectiveShard}), in float64, and the time entdist's fit took to reach that
 * objective is read off its iteration trace.
 *
 * <pre>
 *   SparkMlComparison DATASET [--master local[2]] [--partitions 2] [--lambda 1e-3]
 *       [--ml-max-iter 100] [--ml-tol 1e-6] [--max-iter 300] [--tol 1e-6]
 * </pre>
 *
 * DATASET is a peer-format directory (its {@code train} split is used when it has one).
 */
public final class SparkMlComparison {

  private SparkMlComparison() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SparkMlComparison DATASET [--master M] [--partitions P]"
          + " [--lambda L] [--ml-max-iter N] [--ml-tol T] [--max-iter N] [--tol T]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    String master = "local[2]";
    int partitions = 2;
    double lambda = 1e-3;
    int mlMaxIter = 100;
    double mlTol = 1e-6;
    int maxIter = 300;
    double tol = 1e-6;
    for (int a = 1; a + 1 < args.length; a += 2) {
      String v = args[a + 1];
      switch (args[a]) {
        case "--master" -> master = v;
        case "--partitions" -> partitions = Integer.parseInt(v);
        case "--lambda" -> lambda = Double.parseDouble(v);
        case "--ml-max-iter" -> mlMaxIter = Integer.parseInt(v);
        case "--ml-tol" -> mlTol = Double.parseDouble(v);
        case "--max-iter" -> maxIter = Integer.parseInt(v);
        case "--tol" -> tol = Double.parseDouble(v);
        default -> throw new IllegalArgumentException("unknown option " + args[a]);
      }
    }
    PeerFormat.Meta meta = PeerFormat.readMeta(dir);
    Path train = Files.isDirectory(dir.resolve("train")) ? dir.resolve("train") : dir;
    TrainingData data = PeerFormat.readSplit(train, meta.nFeatures()).toTrainingData();
    int d = meta.nFeatures();
    int k = data.numLabels();

    Configurator.setRootLevel(Level.WARN);
    SparkSession spark = SparkSession.builder().appName("entdist vs Spark ML").master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(partitions)).getOrCreate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    System.out.printf(Locale.ROOT, "data: %d rows, %d features (dimension), %d labels;"
        + " master %s, %d partitions, lambda %g%n", data.size(), d, k, master, partitions,
        lambda);

    // entdist: the distributed fit, with its trace (time and CPU since the fit was called).
    List<double[]> trace = new ArrayList<>();
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    TrainerConfig config = TrainerConfig.defaults().withLambda(lambda).withMaxIter(maxIter)
        .withTol(tol);
    TrainingResult fit = new SparkFitter(sc, partitions).fit(data, config,
        (iteration, max, objective, gradientMax, seconds) -> trace.add(new double[] {iteration,
            (System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9, objective}));
    double entdistSeconds = (System.nanoTime() - t0) / 1e9;
    double entdistCpu = (cpuNanos() - c0) / 1e9;
    System.out.printf(Locale.ROOT, "entdist: %d iterations, %d evaluations, objective %.17g,"
        + " converged %s, %.2f s wall, %.2f s CPU (process)%n", fit.stats().iterations(),
        fit.stats().evaluations(), fit.stats().finalObjective(), fit.stats().converged(),
        entdistSeconds, entdistCpu);

    // Spark ML: the rows replicated once per label with mass, weight = target mass x row weight.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      SparseVector x = data.features(i);
      double[] y = data.target(i);
      org.apache.spark.ml.linalg.Vector v = Vectors.sparse(d, x.indices(), x.values());
      for (int j = 0; j < k; j++) {
        if (y[j] > 0) {
          rows.add(RowFactory.create((double) j, data.weight(i) * y[j], v));
        }
      }
    }
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("weight", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(partitions).cache();
    long replicated = df.count();
    rows.clear();
    LogisticRegression lr = new LogisticRegression().setFamily("multinomial")
        .setRegParam(lambda).setElasticNetParam(0).setStandardization(false)
        .setFitIntercept(true).setTol(mlTol).setMaxIter(mlMaxIter).setWeightCol("weight");
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    LogisticRegressionModel model = lr.fit(df);
    double mlSeconds = (System.nanoTime() - t1) / 1e9;
    double mlCpu = (cpuNanos() - c1) / 1e9;
    double mlObjective = entdistObjective(data, model, lambda, d);
    System.out.printf(Locale.ROOT, "Spark ML: %d replicated rows, %d iterations, objective"
        + " (entdist's, float64) %.17g, %.2f s wall, %.2f s CPU (process)%n", replicated,
        model.summary().totalIterations(), mlObjective, mlSeconds, mlCpu);

    double[] reached = null;
    for (double[] point : trace) {
      if (point[3] <= mlObjective) {
        reached = point;
        break;
      }
    }
    if (reached == null) {
      System.out.println("entdist did not reach Spark ML's objective");
    } else {
      System.out.printf(Locale.ROOT, "entdist reached it at iteration %d: %.2f s wall, %.2f s"
          + " CPU; Spark ML / entdist: %.2fx wall, %.2fx CPU%n", (int) reached[0], reached[1],
          reached[2], mlSeconds / reached[1], mlCpu / reached[2]);
    }
    spark.stop();
  }

  /**
   * entdist's objective (its kernel's data term, plus (λ/2)·‖W‖² over every column) at Spark
   * ML's coefficients: W is K × D, the intercepts are entdist's biases.
   */
  static double entdistObjective(TrainingData data, LogisticRegressionModel model,
      double lambda, int d) {
    int k = data.numLabels();
    DenseMatrix w = model.coefficientMatrix().toDense();
    double[] b = model.interceptVector().toArray();
    if (w.numRows() != k || w.numCols() != d || b.length != k) {
      throw new IllegalStateException("Spark ML fitted " + w.numRows() + " x " + w.numCols()
          + " coefficients, expected " + k + " x " + d);
    }
    ObjectiveShard.Layout layout = new ObjectiveShard.Layout(data.labels(),
        ObjectiveShard.featureIds(data), ObjectiveShard.weightTotal(data), false);
    int[] ids = layout.featureIds();
    double[] theta = new double[layout.parameters()];
    for (int c = 0; c < ids.length; c++) {
      for (int j = 0; j < k; j++) {
        theta[c * k + j] = w.apply(j, ids[c]);
      }
    }
    System.arraycopy(b, 0, theta, ids.length * k, k);
    double dataTerm = new ObjectiveShard(data, layout).addTo(theta, new double[theta.length]);
    double squares = 0;
    for (int f = 0; f < d; f++) {
      for (int j = 0; j < k; j++) {
        double v = w.apply(j, f);
        squares += v * v;
      }
    }
    return dataTerm + 0.5 * lambda * squares;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
