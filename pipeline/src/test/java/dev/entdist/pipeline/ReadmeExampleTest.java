package dev.entdist.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use from Java" section is a contract: its dependency names this module at the
 * project's version, and its program compiles against the library and runs (in a child JVM, as
 * a user would run it), printing what the section says it prints.
 */
class ReadmeExampleTest {

  private static final Path README = Path.of("..", "README.md");

  private static String section() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf("## Use from Java");
    assertTrue(from >= 0, "README.md has no 'Use from Java' section");
    int to = readme.indexOf("\n## ", from + 1);
    return readme.substring(from, to < 0 ? readme.length() : to);
  }

  private static String block(String text, String language) {
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertTrue(m.find(), "no ```" + language + " block");
    return m.group(1);
  }

  @Test
  void theDependencyNamesThisModuleAtTheProjectVersion() throws Exception {
    String xml = block(section(), "xml");
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    Matcher version = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
        .matcher(pom);
    assertTrue(version.find());
    assertTrue(xml.contains("<groupId>dev.entdist</groupId>"), xml);
    assertTrue(xml.contains("<artifactId>pipeline</artifactId>"), xml);
    assertTrue(xml.contains("<version>" + version.group(1) + "</version>"), xml);
  }

  @Test
  void theProgramCompilesAndRuns(@TempDir Path dir) throws Exception {
    String source = block(section(), "java");
    Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
    assertTrue(name.find(), "the program has no public class");
    Path file = dir.resolve(name.group(1) + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", dir.toString(), "-cp", classpath,
        "--release", "17", file.toString());
    assertEquals(0, compiled, "the README's program does not compile");

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = dir.resolve("out.txt");
    Process p = new ProcessBuilder(java.toString(), "-cp",
        dir + File.pathSeparator + classpath, name.group(1))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the program did not finish in 300 s");
    } finally {
      p.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join("\n", lines));
    List<String> answers = lines.stream().filter(l -> l.contains("(entropy")).toList();
    assertEquals(3, answers.size(), String.join("\n", lines));
    assertTrue(answers.get(0).contains(" device "), answers.get(0));
    assertTrue(answers.get(1).contains(" biology "), answers.get(1));
    List<String> found = lines.stream().filter(l -> l.contains(" -> ")).toList();
    assertEquals(3, found.size(), String.join("\n", lines));
    assertTrue(found.get(0).contains("Banks  -> bank"), found.get(0));
    assertTrue(found.get(1).contains("bank   -> bank"), found.get(1));
    assertTrue(found.get(2).contains("cells  -> cell "), found.get(2));
  }
}
