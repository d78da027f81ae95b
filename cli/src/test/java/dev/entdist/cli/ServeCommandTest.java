package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.Training;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entdist serve} as users start it: its help, its usage errors, and a child JVM that,
 * sent SIGTERM while answering, finishes that answer, refuses new connections and exits. Every
 * wait is bounded and the child never outlives the test.
 */
class ServeCommandTest {

  private static final Pattern LISTENING =
      Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir static Path dir;
  private static Path modelFile;

  @BeforeAll
  static void train() throws IOException {
    modelFile = dir.resolve("cell.model");
    Training.train(BundledCorpus.load("cell"), TrainSettings.defaults(), Monitor.SILENT)
        .model().save(modelFile);
  }

  @Test
  void helpSaysHowToExposeItAndThatThereIsNoAuthentication() {
    CliRun r = CliRun.of("serve", "--help");
    assertEquals(0, r.code(), r.toString());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("binds 127.0.0.1"), help);
    assertTrue(help.contains("no authentication"), help);
    assertTrue(help.contains("reverse proxy"), help);
  }

  @Test
  void badOptionsAreUsageErrorsAndAMissingModelIsBadData() {
    assertEquals(2, CliRun.of("serve", "--model", modelFile.toString(), "--max-body", "1XB")
        .code());
    assertEquals(2, CliRun.of("serve", "--model", modelFile.toString(), "--port", "70000")
        .code());
    assertEquals(2, CliRun.of("serve", "--model", "a=" + modelFile, "--model",
        "a=" + modelFile).code());
    CliRun missing = CliRun.of("serve", "--model", dir.resolve("none.model").toString());
    assertEquals(1, missing.code(), missing.toString());
    assertTrue(missing.err().contains("does not exist"), missing.toString());
  }

  @Test
  void sigtermFinishesTheRequestInFlightAndStops() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("serve.err");
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--model",
        "soft=" + modelFile, "--port", "0"))
        .redirectError(log.toFile())
        .start();
    try {
      int port = port(p, log);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      String base = "http://127.0.0.1:" + port;
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());

      int sentences = 200;
      String text = "My cell died, so I need a charger for my phone. ".repeat(sentences);
      CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
          HttpRequest.newBuilder(URI.create(base + "/v1/annotate"))
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (inFlight(http, base) < 1) {
        if (slow.isDone()) {
          fail("the annotation finished before it was seen in flight: make the text longer");
        }
        if (System.nanoTime() > deadline) {
          fail("the annotation never showed in flight");
        }
        Thread.sleep(5);
      }
      long t0 = System.nanoTime();
      p.destroy(); // SIGTERM
      HttpResponse<String> answer;
      try {
        answer = slow.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        p.waitFor(15, TimeUnit.SECONDS);
        throw new AssertionError("the request in flight was cut off; the server said: "
            + Files.readString(log), e);
      }
      assertEquals(200, answer.statusCode(), answer.body());
      JsonNode occurrences = new ObjectMapper().readTree(answer.body()).get("occurrences");
      assertEquals(sentences, occurrences.size());
      assertTrue(p.waitFor(15, TimeUnit.SECONDS), "still running 15 s after SIGTERM");
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(p.exitValue() == 143 || p.exitValue() == 0, "exit " + p.exitValue() + ": "
          + Files.readString(log));
      assertThrows(ConnectException.class, () -> http.send(
          HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()));
      System.out.printf("stopped %.2f s after SIGTERM%n", seconds);
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The port the child prints once it listens; fails after 120 s or if the child exits. */
  private static int port(Process p, Path log) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    });
    String first = line.get(120, TimeUnit.SECONDS);
    if (first == null) {
      fail("serve exited before listening: " + Files.readString(log));
    }
    Matcher m = LISTENING.matcher(first);
    assertTrue(m.find(), first);
    return Integer.parseInt(m.group(1));
  }

  private static double inFlight(HttpClient http, String base) throws Exception {
    String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^entdist_http_in_flight (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
