package dev.entdist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: entdist, Java and the main libraries. A library's version comes from the
 * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} its jar carries (it survives shading,
 * unlike the jar manifest's Implementation-Version, which the shaded jar replaces with entdist's
 * own); a library whose jar has none (Smile) falls back to the version this build was made with,
 * filtered from the POM into {@code dev/entdist/cli/versions.properties}.
 */
final class VersionProvider implements IVersionProvider {

  private static final String BUILD = "/dev/entdist/cli/versions.properties";

  @Override
  public String[] getVersion() {
    Properties build = load(BUILD);
    return new String[] {
      "entdist " + build.getProperty("entdist", "unknown"),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
          + ", " + System.getProperty("java.vm.name") + ")",
      "Smile " + library("com.github.haifengl", "smile-math", build, "smile"),
      "Apache OpenNLP " + library("org.apache.opennlp", "opennlp-tools", build, "opennlp"),
      "picocli " + picocli.CommandLine.VERSION,
      "Jackson " + library("com.fasterxml.jackson.core", "jackson-databind", build, "jackson")
    };
  }

  /** The version in the library's pom.properties, else the build's, else {@code unknown}. */
  static String library(String group, String artifact, Properties build, String key) {
    Properties pom = load("/META-INF/maven/" + group + "/" + artifact + "/pom.properties");
    String v = pom.getProperty("version");
    if (v != null && !v.isBlank()) {
      return v;
    }
    return build.getProperty(key, "unknown");
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource reads as absent: the caller falls back
    }
    return p;
  }
}
