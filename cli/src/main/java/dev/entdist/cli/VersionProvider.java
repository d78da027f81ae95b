package dev.entdist.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: entdist, Java and the main libraries. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "entdist " + version(Main.class),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
      "Smile " + version(smile.math.MathEx.class),
      "Apache OpenNLP " + version(opennlp.tools.util.Version.class),
      "picocli " + picocli.CommandLine.VERSION,
      "Jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
    };
  }

  private static String version(Class<?> type) {
    String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }
}
