package dev.entdist.serve;

import static dev.entdist.serve.TestServers.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One shared model under 16 concurrent clients answers every query exactly as it answers the
 * same query alone: the per-thread analysers never leak state between requests.
 */
class ConcurrentAnswersTest {

  private static final int CLIENTS = 16;
  private static final int QUERIES = 60;

  private static final String[] CONTEXTS = {
    TestServers.SENTENCE,
    "The prisoner paced his cell all night.",
    "Under the microscope, the cell membrane looked surprisingly smooth.",
    "She charged her cell before the trip.",
    "Each cell in the block had a narrow window.",
    "The cell divided twice before noon, and the other cell did not.",
  };

  @Test
  void answersUnderLoadEqualAnswersAlone() throws Exception {
    List<NamedModel> models = List.of(new NamedModel("soft", TestServers.soft()),
        new NamedModel("onehot", TestServers.onehot()));
    try (ModelServer server = TestServers.start(models)) {
      List<String> bodies = new ArrayList<>();
      for (String context : CONTEXTS) {
        for (String model : new String[] {"soft", "onehot"}) {
          bodies.add("{\"word\": \"cell\", \"context\": " + quote(context) + ", \"model\": \""
              + model + "\"}");
        }
      }
      bodies.add("{\"word\": \"cell\", \"context\": " + quote(CONTEXTS[5])
          + ", \"occurrence\": 2}");
      TestServers.Client alone = new TestServers.Client(server.port());
      List<JsonNode> expected = new ArrayList<>();
      for (String b : bodies) {
        TestServers.Reply r = alone.post("/v1/query", b);
        assertEquals(200, r.status(), r.body());
        expected.add(r.json());
      }

      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          results.add(pool.submit(() -> {
            TestServers.Client http = new TestServers.Client(server.port());
            int checked = 0;
            for (int q = 0; q < QUERIES; q++) {
              int i = (client * 7 + q) % bodies.size();
              TestServers.Reply r = http.post("/v1/query", bodies.get(i));
              assertEquals(200, r.status(), r.body());
              assertEquals(expected.get(i), r.json(), "client " + client + " query " + q);
              checked++;
            }
            return checked;
          }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
          total += f.get(10, TimeUnit.MINUTES);
        }
        assertEquals(CLIENTS * QUERIES, total);
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
      }
    }
  }
}
