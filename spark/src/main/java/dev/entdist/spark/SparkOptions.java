package dev.entdist.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every job shares: where Spark runs and how finely the data is cut. */
final class SparkOptions {

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's --master, else local[*]).")
  String master;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the data (default: Spark's default parallelism, the cores"
          + " of the executors).")
  Integer partitions;

  @Option(names = "--spark-log", paramLabel = "LEVEL", defaultValue = "WARN",
      description = "Level of Spark's own log on stderr (default: ${DEFAULT-VALUE}).")
  String sparkLog;

  /** A session for job {@code name} (an existing one when spark-submit made it). */
  SparkSession session(String name) {
    Configurator.setRootLevel(Level.toLevel(sparkLog, Level.WARN));
    SparkSession.Builder b = SparkSession.builder().appName("entdist " + name);
    String m = master != null ? master : System.getProperty("spark.master");
    if (m == null) {
      m = "local[*]";
    }
    b.master(m);
    if (m.startsWith("local")) {
      b.config("spark.ui.enabled", "false");
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel(Level.toLevel(sparkLog, Level.WARN).name());
    return s;
  }

  /** The partitions to cut into. */
  int partitions(JavaSparkContext sc) {
    if (partitions != null && partitions < 1) {
      throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
    }
    return partitions != null ? partitions : sc.defaultParallelism();
  }
}
