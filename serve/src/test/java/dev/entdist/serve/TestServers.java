package dev.entdist.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entdist.corpora.BundledCorpus;
import dev.entdist.pipeline.Monitor;
import dev.entdist.pipeline.TextModel;
import dev.entdist.pipeline.TrainSettings;
import dev.entdist.pipeline.Training;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Models of the bundled "cell" corpus (soft and one-hot labels, trained once per test JVM) and
 * a small HTTP client for servers on a free loopback port.
 */
final class TestServers {

  static final String SENTENCE = "My cell died, so I need a charger for my phone.";

  private static TextModel soft;
  private static TextModel onehot;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestServers() {}

  static synchronized TextModel soft() {
    if (soft == null) {
      soft = Training.train(BundledCorpus.load("cell"), TrainSettings.defaults(), Monitor.SILENT)
          .model();
    }
    return soft;
  }

  static synchronized TextModel onehot() {
    if (onehot == null) {
      onehot = Training.train(BundledCorpus.load("cell"),
          TrainSettings.defaults().withRegime("onehot"), Monitor.SILENT).model();
    }
    return onehot;
  }

  /** A server of {@code models} on a free port of 127.0.0.1. */
  static ModelServer start(List<NamedModel> models) throws IOException {
    return ModelServer.start(new ServeSettings(models, "127.0.0.1", 0, 8, 1 << 20));
  }

  /** A status and a body. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() throws IOException {
      return MAPPER.readTree(body);
    }
  }

  /** An HTTP/1.1 client with bounded timeouts. */
  static final class Client {
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    private final String base;

    Client(int port) {
      this.base = "http://127.0.0.1:" + port;
    }

    Reply get(String path) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
          r.body());
    }
  }

  /** A JSON string literal. */
  static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
