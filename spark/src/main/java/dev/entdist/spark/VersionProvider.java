package dev.entdist.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code entdist-spark --version}: entdist, the Spark it was built against and the Spark it runs
 * on (on a cluster, spark-submit puts the cluster's own Spark on the class path), and Java.
 */
final class VersionProvider implements IVersionProvider {

  private static final String BUILD = "/dev/entdist/spark/versions.properties";

  @Override
  public String[] getVersion() {
    Properties build = load(BUILD);
    return new String[] {
      "entdist-spark " + build.getProperty("entdist", "unknown"),
      "Apache Spark " + runningSpark() + " (built against " + build.getProperty("spark", "unknown")
          + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
          + ", " + System.getProperty("java.vm.name") + ")"
    };
  }

  /** The version of the Spark on the class path ({@code org.apache.spark.SPARK_VERSION}). */
  static String runningSpark() {
    try {
      // a Scala package object: 'package' is a Java keyword, so it is reached by name
      Class<?> c = Class.forName("org.apache.spark.package$");
      Object module = c.getField("MODULE$").get(null);
      return String.valueOf(c.getMethod("SPARK_VERSION").invoke(module));
    } catch (ReflectiveOperationException | LinkageError e) {
      return "unknown";
    }
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource reads as absent: the caller prints "unknown"
    }
    return p;
  }
}
