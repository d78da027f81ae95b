package dev.entdist.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The versions recorded in a model's provenance. */
class VersionsTest {

  @Test
  void smileVersionIsTheSmileBuiltAgainstNotEntdists() throws Exception {
    // On the test class path Smile is its own jar, whose manifest names its release; the
    // provenance must agree with it without reading it (the shaded jar replaces that manifest).
    String smileJar = smile.math.MathEx.class.getPackage().getImplementationVersion();
    assertNotNull(smileJar, "the Smile jar on the test class path has no manifest version");
    Map<String, String> deps = Versions.dependencies();
    assertEquals(smileJar, deps.get("smile-math"));
    // It comes from the build-time resource, which survives shading.
    Properties build = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream(
        "/dev/entdist/trainer/version.properties")) {
      build.load(in);
    }
    assertEquals(smileJar, build.getProperty("smile-math"));
    assertNotEquals(Versions.entdist(), deps.get("smile-math"));
  }

  @Test
  void jacksonAndJavaAreTheRunningOnes() {
    Map<String, String> deps = Versions.dependencies();
    assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
        deps.get("jackson-databind"));
    assertEquals(System.getProperty("java.version"), deps.get("java"));
  }

  @Test
  void entdistVersionIsFilteredFromThePom() {
    assertTrue(Versions.entdist().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
        Versions.entdist());
  }
}
