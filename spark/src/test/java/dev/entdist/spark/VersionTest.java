package dev.entdist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void versionNamesEntdistSparkAndJava() {
    picocli.CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--version"));
    String text = out.toString();
    // the filtered build versions and the Spark on the test class path, none of them unknown
    assertTrue(text.matches("(?s)entdist-spark \\d+\\.\\d+\\.\\d+.*"), text);
    assertTrue(text.contains("Apache Spark 3.5."), text);
    assertTrue(text.contains("(built against 3.5."), text);
    assertTrue(text.contains("Java " + System.getProperty("java.version")), text);
    assertTrue(!text.contains("unknown"), text);
  }
}
