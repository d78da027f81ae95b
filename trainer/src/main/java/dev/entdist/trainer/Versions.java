package dev.entdist.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Versions of entdist and of the libraries a model depends on, from jar metadata. */
final class Versions {

  private Versions() {}

  /** The entdist version (filtered into a resource at build time), or {@code unknown}. */
  static String entdist() {
    return property("/dev/entdist/trainer/version.properties", "version");
  }

  /** Smile, Jackson and Java versions. */
  static Map<String, String> dependencies() {
    Map<String, String> m = new TreeMap<>();
    String smile = smile.math.BFGS.class.getPackage().getImplementationVersion();
    m.put("smile-math", smile == null ? "unknown" : smile);
    m.put("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    m.put("java", System.getProperty("java.version", "unknown"));
    return m;
  }

  private static String property(String resource, String key) {
    try (InputStream in = Versions.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(key, "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
