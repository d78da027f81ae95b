package dev.entdist.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
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

  Metrics(IntSupplier inFlight) {
    Gauge.builder("entdist.http.in.flight", inFlight::getAsInt)
        .description("requests being answered")
        .register(registry);
  }

  /** One answered request. */
  void record(String route, String method, int status, long nanos) {
    Timer.builder("entdist.http.requests")
        .description("answered requests and their latency")
        .tags("route", route, "method", method, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (status >= 400) {
      Counter.builder("entdist.http.errors")
          .description("requests answered with an error status")
          .tags("route", route, "status", Integer.toString(status))
          .register(registry)
          .increment();
    }
  }

  /** Every metric, in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }
}
