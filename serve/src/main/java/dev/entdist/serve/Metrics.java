package dev.entdist.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The server's counters in Prometheus text format (Micrometer): requests by route, method and
 * status with a latency histogram, errors by status, and requests in flight.
 */
final class Metrics {

  /** The content type of the Prometheus text exposition format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentMap<Key, Meters> meters = new ConcurrentHashMap<>();

  Metrics(IntSupplier inFlight) {
    Gauge.builder("entdist.http.in.flight", inFlight::getAsInt)
        .description("requests being answered")
        .register(registry);
  }

  /** One answered request. */
  void record(String route, String method, int status, long nanos) {
    meters.computeIfAbsent(new Key(route, method, status), this::register)
        .record(nanos);
  }

  /**
   * The meters of one route, method and status, registered once: building and looking up a
   * meter through the registry on every request costs more than recording into it.
   */
  private Meters register(Key key) {
    String status = Integer.toString(key.status());
    Timer timer = Timer.builder("entdist.http.requests")
        .description("answered requests and their latency")
        .tags("route", key.route(), "method", key.method(), "status", status)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    Counter errors = key.status() < 400 ? null : Counter.builder("entdist.http.errors")
        .description("requests answered with an error status")
        .tags("route", key.route(), "status", status)
        .register(registry);
    return new Meters(timer, errors);
  }

  private record Key(String route, String method, int status) {}

  /** The latency timer of a key and, for an error status, its error counter. */
  private record Meters(Timer timer, Counter errors) {
    void record(long nanos) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
      if (errors != null) {
        errors.increment();
      }
    }
  }

  /** Every metric, in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }
}
