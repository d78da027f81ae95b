package dev.entdist.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Versions of entdist and of the libraries a model depends on. entdist's and Smile's come from
 * {@code version.properties}, filtered from the POM at build time: Smile's jar carries no
 * {@code pom.properties}, and once shaded into the entdist jar its package reports entdist's own
 * manifest version. Jackson's comes from the version class compiled into Jackson itself.
 */
final class Versions {

  private static final String BUILD = "/dev/entdist/trainer/version.properties";

  private Versions() {}

  /** The entdist version (filtered into a resource at build time), or {@code unknown}. */
  static String entdist() {
    return property(BUILD, "version");
  }

  /** Smile, Jackson and Java versions. */
  static Map<String, String> dependencies() {
    Map<String, String> m = new TreeMap<>();
    m.put("smile-math", property(BUILD, "smile-math"));
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
