package dev.entdist.serve;

import static dev.entdist.serve.TestServers.SENTENCE;
import static dev.entdist.serve.TestServers.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entdist.pipeline.TextModel;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON API of one served model: answers equal the command line's JSON, refusals are JSON
 * errors with the right status and no stack trace, and the server answers correctly after each.
 */
class ServerApiTest {

  private static ModelServer server;
  private static TestServers.Client client;
  private static TextModel model;

  @BeforeAll
  static void start() throws Exception {
    model = TestServers.soft();
    server = TestServers.start(List.of(new NamedModel("soft", model)));
    client = new TestServers.Client(server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void healthIsOkOnceLoaded() throws Exception {
    TestServers.Reply r = client.get("/health");
    assertEquals(200, r.status());
    assertEquals("ok", r.json().get("status").asText());
    assertEquals("soft", r.json().get("models").get(0).asText());
  }

  @Test
  void aPhoneCellIsADevice() throws Exception {
    TestServers.Reply r = client.post("/v1/query",
        "{\"word\": \"cell\", \"context\": " + quote(SENTENCE) + "}");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    JsonNode a = r.json();
    assertEquals("device", a.get("distribution").fieldNames().next());
    assertEquals("soft", a.get("model").asText());
    for (String key : new String[] {"word", "distribution", "entropy_nats", "entropy",
        "known_word", "context", "occurrence"}) {
      assertTrue(a.has(key), key + " missing from " + a);
    }
    JsonNode expected = JsonAnswers.query(model.query("cell", SENTENCE, 1), null)
        .put("model", "soft");
    assertEquals(expected, a);
  }

  @Test
  void aWordAloneGetsItsTypeLevelDistribution() throws Exception {
    JsonNode a = client.post("/v1/query", "{\"word\": \"cell\", \"top\": 2}").json();
    assertEquals(JsonAnswers.query(model.query("cell"), 2).put("model", "soft"), a);
    assertEquals(2, a.get("distribution").size());
    assertFalse(a.has("context"));
  }

  @Test
  void annotateFindsEveryOccurrence() throws Exception {
    String text = "Cells divide. " + SENTENCE + " The cell was small.";
    TestServers.Reply r = client.post("/v1/annotate", "{\"text\": " + quote(text)
        + ", \"doc\": \"d1\"}");
    assertEquals(200, r.status(), r.body());
    JsonNode occurrences = r.json().get("occurrences");
    assertEquals(3, occurrences.size(), r.body());
    int[] cps = text.codePoints().toArray();
    for (JsonNode o : occurrences) {
      String span = new String(cps, o.get("start").asInt(),
          o.get("end").asInt() - o.get("start").asInt());
      assertEquals(o.get("surface").asText(), span);
      assertEquals("cell", o.get("word").asText());
      assertEquals("d1", o.get("doc").asText());
      for (String key : new String[] {"known_word", "distribution", "entropy"}) {
        assertTrue(o.has(key), key + " missing from " + o);
      }
    }
    assertEquals(JsonAnswers.occurrence("d1", model.annotate(text).get(1), null),
        occurrences.get(1));
  }

  @Test
  void aBatchIsAnsweredInOrderAsSingleRequestsAre() throws Exception {
    String[] bodies = {
      "{\"word\": \"cell\", \"context\": " + quote(SENTENCE) + "}",
      "{\"word\": \"cell\", \"context\": \"The prisoner paced his cell all night.\"}",
      "{\"word\": \"membrane\"}"
    };
    JsonNode batch = client.post("/v1/query", "[" + String.join(",", bodies) + "]").json();
    assertTrue(batch.isArray());
    assertEquals(bodies.length, batch.size());
    for (int i = 0; i < bodies.length; i++) {
      assertEquals(client.post("/v1/query", bodies[i]).json(), batch.get(i));
    }
    JsonNode annotations = client.post("/v1/annotate",
        "[{\"text\": \"A cell.\"}, {\"text\": \"No such word.\"}]").json();
    assertEquals(2, annotations.size());
    assertEquals("2", annotations.get(1).get("doc").asText());
    assertEquals(0, annotations.get(1).get("occurrences").size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      malformed JSON           | /v1/query    | {"word": "cell",                        | malformed JSON
      trailing garbage         | /v1/query    | {"word": "cell"} x                      | malformed JSON
      empty body               | /v1/query    | ''                                      | empty
      no word                  | /v1/query    | {"context": "My cell died."}            | word: missing
      word is a number         | /v1/query    | {"word": 7}                             | word: must be a string
      occurrence is a string   | /v1/query    | {"word": "cell", "context": "A cell.", "occurrence": "1"} | occurrence: must be an integer
      occurrence without context | /v1/query  | {"word": "cell", "occurrence": 2}       | needs a context
      top is zero              | /v1/query    | {"word": "cell", "top": 0}              | top: must be >= 1
      misspelt field           | /v1/query    | {"word": "cell", "contxt": "A cell."}   | contxt: unknown field
      unknown model            | /v1/query    | {"word": "cell", "model": "nope"}       | no model called 'nope'
      word not in context      | /v1/query    | {"word": "cell", "context": "No such word."} | does not occur
      a string body            | /v1/query    | "cell"                                  | JSON object
      batch of numbers         | /v1/query    | [1, 2]                                  | [0]: must be a JSON object
      bad batch element        | /v1/query    | [{"word": "cell"}, {"wrd": "cell"}]     | [1].wrd: unknown field
      no text                  | /v1/annotate | {"words": ["cell"]}                     | text: missing
      words not a list         | /v1/annotate | {"text": "A cell.", "words": "cell"}    | words: must be an array
      """)
  void aBadRequestIsA400AndTheServerAnswersTheNextOne(String what, String path, String body,
      String message) throws Exception {
    TestServers.Reply r = client.post(path, body);
    assertEquals(400, r.status(), what + ": " + r.body());
    assertRefusal(r, message);
    aPhoneCellIsADevice();
  }

  @Test
  void aFiveMegabyteBodyIsA413() throws Exception {
    String big = "{\"text\": \"" + "cell ".repeat(1_000_000) + "\"}";
    TestServers.Reply r = client.post("/v1/annotate", big);
    assertEquals(413, r.status(), r.body());
    assertRefusal(r, "larger than 1048576 bytes");
    // Without a Content-Length (chunked), the limit holds while reading.
    TestServers.Reply chunked = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/v1/annotate"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    assertEquals(413, chunked.status(), chunked.body());
    aPhoneCellIsADevice();
  }

  @Test
  void anUnknownPathIsA404AndAWrongMethodA405() throws Exception {
    TestServers.Reply r = client.get("/v2/nothing");
    assertEquals(404, r.status());
    assertRefusal(r, "no such path");
    TestServers.Reply m = client.get("/v1/query");
    assertEquals(405, m.status());
    assertRefusal(m, "not allowed");
    TestServers.Reply f = client.get("/page/..%2Fopenapi.json");
    assertEquals(404, f.status());
    aPhoneCellIsADevice();
  }

  @Test
  void thePageIsHtmlWithItsScriptAndStyle() throws Exception {
    TestServers.Reply r = client.get("/");
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("text/html"), r.contentType());
    assertTrue(r.body().contains("<textarea"), r.body());
    assertTrue(r.body().contains("/page/app.js"));
    assertEquals(200, client.get("/page/app.js").status());
    assertEquals(200, client.get("/page/style.css").status());
  }

  @Test
  void theModelDescribesItself() throws Exception {
    JsonNode m = client.get("/v1/model").json().get("models").get(0);
    assertEquals("soft", m.get("model").asText());
    assertEquals(model.labels().size(), m.get("labels").size());
    assertEquals("cell", m.get("words").get(0).asText());
    assertTrue(m.get("provenance").has("entdist_version"), m.toString());
  }

  @Test
  void theOpenApiDocumentIsValidJsonAndListsEveryRoute() throws Exception {
    TestServers.Reply r = client.get("/openapi.json");
    assertEquals(200, r.status());
    JsonNode doc = new ObjectMapper().readTree(r.body());
    assertTrue(doc.get("openapi").asText().startsWith("3."));
    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(m -> documented.add(m + " " + path.getKey()));
    }
    Set<String> served = new HashSet<>();
    for (ModelServer.Route route : ModelServer.ROUTES) {
      served.add(route.method() + " " + route.path());
    }
    assertEquals(served, documented);
  }

  @Test
  void metricsCountRequestsInPrometheusFormat() throws Exception {
    client.get("/health");
    client.get("/v2/nothing");
    TestServers.Reply r = client.get("/metrics");
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
    assertTrue(r.body().contains("entdist_http_requests_seconds_bucket{"), r.body());
    assertTrue(r.body().contains("route=\"/health\""), r.body());
    assertTrue(r.body().contains("entdist_http_errors_total{"), r.body());
    assertTrue(r.body().contains("entdist_http_in_flight"), r.body());
  }

  private static void assertRefusal(TestServers.Reply r, String message) throws Exception {
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    JsonNode error = r.json();
    assertEquals(1, error.size(), r.body());
    assertTrue(error.get("error").asText().contains(message), r.body());
    assertFalse(r.body().contains("Exception"), r.body());
    assertFalse(r.body().contains("\tat "), r.body());
  }
}
