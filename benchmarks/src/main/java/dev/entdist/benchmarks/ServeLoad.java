package dev.entdist.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for {@code entdist serve}: C concurrent clients (one connection each) send
 * single-sentence {@code POST /v1/query} requests over several words and contexts for a fixed
 * time, after a warm-up, and it reports queries per second and latency percentiles. It also
 * checks that every answer to the same body is byte-identical.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.entdist.benchmarks.ServeLoad \
 *     --url http://127.0.0.1:8080 --clients 16 --warmup 10 --seconds 30
 * </pre>
 *
 * <p>{@code --wrk-script FILE} writes the same queries as a script for {@code wrk} instead.
 */
public final class ServeLoad {

  /** Target word and a sentence containing it; written for this benchmark. */
  private static final String[][] QUERIES = {
    {"cell", "My cell died, so I need a charger for my phone."},
    {"cell", "The prisoner paced his cell all night."},
    {"cell", "Under the microscope the cell divided into two."},
    {"bank", "We had a picnic on the bank of the river."},
    {"bank", "The bank raised its interest rates again."},
    {"bass", "He tuned the bass before the concert started."},
    {"bass", "They caught a large bass in the lake this morning."},
    {"jaguar", "A jaguar crept silently through the rainforest."},
    {"jaguar", "He parked his new Jaguar outside the office."},
    {"java", "The service is written in Java and runs on the JVM."},
    {"java", "We drank strong coffee on our trip to Java."},
    {"python", "The python swallowed the rabbit whole."},
    {"python", "She wrote the script in Python over the weekend."},
    {"mercury", "Mercury is the closest planet to the sun."},
    {"mercury", "The old thermometer was filled with mercury."},
    {"mouse", "The mouse ran under the kitchen table."},
    {"mouse", "Click the left button of the mouse twice."},
    {"apple", "She ate an apple after lunch."},
    {"apple", "Apple announced a new phone yesterday."},
    {"washington", "Washington crossed the Delaware in the winter."},
  };

  private ServeLoad() {}

  /** Runs the load; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8080";
    int clients = 16;
    double warmup = 10;
    double seconds = 30;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--url" -> url = args[i + 1];
        case "--clients" -> clients = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
        case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
        case "--wrk-script" -> {
          writeWrkScript(java.nio.file.Path.of(args[i + 1]));
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<String> bodies = new ArrayList<>();
    for (String[] q : QUERIES) {
      bodies.add("{\"word\": \"" + q[0] + "\", \"context\": \"" + q[1] + "\"}");
    }
    URI query = URI.create(url + "/v1/query");
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (seconds * 1e9);
    ConcurrentHashMap<Integer, String> firstAnswer = new ConcurrentHashMap<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong mismatches = new AtomicLong();
    long[][] latencies = new long[clients][];
    int[] counts = new int[clients];
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        long[] mine = new long[1 << 16];
        int n = 0;
        int i = client;
        try {
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
              break;
            }
            int b = i++ % bodies.size();
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(query)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(bodies.get(b))).build(),
                  HttpResponse.BodyHandlers.ofString());
              long t1 = System.nanoTime();
              if (r.statusCode() != 200) {
                errors.incrementAndGet();
              } else if (!firstAnswer.computeIfAbsent(b, k -> r.body()).equals(r.body())) {
                mismatches.incrementAndGet();
              }
              if (t0 >= measureFrom) {
                if (n == mine.length) {
                  mine = Arrays.copyOf(mine, 2 * n);
                }
                mine[n++] = t1 - t0;
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
        } finally {
          latencies[client] = mine;
          counts[client] = n;
          done.countDown();
        }
      }, "client-" + c);
      t.start();
    }
    done.await();
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(latencies[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    System.out.printf(Locale.ROOT, "%d clients, %.0f s measured after %.0f s warm-up: %d queries,"
        + " %.1f queries/s%n", clients, seconds, warmup, total, total / seconds);
    System.out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
        pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 1.0));
    System.out.printf(Locale.ROOT, "errors %d, answers differing from the first answer to the"
        + " same query %d%n", errors.get(), mismatches.get());
  }

  /**
   * Writes a Lua script with which {@code wrk} (a load generator in C, far lighter on the CPU
   * than this Java client) sends the same 20 query bodies in turn: {@code wrk -t2 -c16 -d30s
   * --latency -s FILE URL}. wrk does not compare the answers; this class does.
   */
  private static void writeWrkScript(java.nio.file.Path file) throws java.io.IOException {
    StringBuilder lua = new StringBuilder("-- written by ServeLoad --wrk-script\n")
        .append("local bodies = {\n");
    for (String[] q : QUERIES) {
      lua.append("  [[{\"word\": \"").append(q[0]).append("\", \"context\": \"")
          .append(q[1]).append("\"}]],\n");
    }
    lua.append("}\nlocal i = 0\nrequest = function()\n  i = i + 1\n")
        .append("  return wrk.format(\"POST\", \"/v1/query\",")
        .append(" {[\"Content-Type\"] = \"application/json\"}, bodies[(i % #bodies) + 1])\n")
        .append("end\n");
    java.nio.file.Files.writeString(file, lua);
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
