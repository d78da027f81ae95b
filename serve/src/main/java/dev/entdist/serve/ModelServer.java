package dev.entdist.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API of {@link Api} and the page, on Javalin (Jetty). One immutable
 * model per name is shared by every request thread ({@link dev.entdist.pipeline.TextModel} is
 * thread-safe). A refused request gets 400, 404, 405 or 413 with {@code {"error": "..."}} and
 * never a stack trace; the server goes on answering.
 *
 * <pre>{@code
 * try (ModelServer s = ModelServer.start(settings)) {
 *   System.out.println("http://127.0.0.1:" + s.port() + "/");
 *   s.awaitStop();
 * }
 * }</pre>
 */
public final class ModelServer implements AutoCloseable {

  /** A route the server answers; {@code /openapi.json} documents each of them. */
  public record Route(String method, String path) {}

  /** Every route, in the order of the OpenAPI document. */
  public static final List<Route> ROUTES = List.of(
      new Route("post", "/v1/query"),
      new Route("post", "/v1/annotate"),
      new Route("get", "/v1/model"),
      new Route("get", "/health"),
      new Route("get", "/metrics"),
      new Route("get", "/openapi.json"),
      new Route("get", "/"),
      new Route("get", "/page/{file}"));

  /** Threads Jetty needs beyond the request threads: acceptors and selectors. */
  private static final int JETTY_THREADS = 4;

  /** After the last request in flight, time for its response to leave the buffers. */
  private static final long LINGER_MILLIS = 200;

  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AtomicInteger inFlight = new AtomicInteger();
  /**
   * Answers computed at once: one a processor. A request thread that reads or writes waits on
   * the network, but computing an answer only uses a processor, and more computations than
   * processors only share them: every answer then takes longer and the slowest much longer.
   * First come, first served: the permits are fair.
   */
  private final Semaphore computing =
      new Semaphore(Math.max(1, Integer.getInteger("entdist.serve.computing",
          Runtime.getRuntime().availableProcessors())), true);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Metrics metrics = new Metrics(inFlight::get);
  private final Page page = new Page();
  private final Api api;
  private final long maxBody;
  private volatile boolean stopping;
  private Javalin app;

  private ModelServer(ServeSettings settings) {
    this.api = new Api(settings.models());
    this.maxBody = settings.maxBody();
  }

  /**
   * Loads what the models need to read text and listens; returns when both are done, and /health
   * answers 200 from then on. The first sentence is analysed in the background after that, so
   * that the first requests do not pay for loading classes and compiling code.
   *
   * @throws IOException when the address cannot be bound (the port is taken, the host unknown)
   */
  public static ModelServer start(ServeSettings settings) throws IOException {
    ModelServer s = new ModelServer(settings);
    // The analysers load while Jetty starts: both take a while, on different cores.
    CompletableFuture<Void> warm = CompletableFuture.runAsync(s.api::prepare);
    s.app = s.create(settings);
    try {
      s.app.start(settings.host(), settings.port());
      warm.join();
    } catch (CompletionException e) {
      s.app.stop();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } catch (RuntimeException e) {
      warm.exceptionally(x -> null).join();
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof IOException)) {
        cause = cause.getCause();
      }
      throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
          + cause.getMessage(), e);
    }
    CompletableFuture.runAsync(s.api::warmUp).exceptionally(e -> {
      LOG.warn("warming up the analysers failed", e);
      return null;
    });
    return s;
  }

  /** The port the server listens on (the one chosen when the settings asked for 0). */
  public int port() {
    return app.port();
  }

  /**
   * Stops gracefully: closes the listening socket (new connections are refused), waits up to
   * {@code grace} for the requests in flight to be answered, then stops the server. Safe to call
   * more than once and from a shutdown hook.
   */
  public void stop(Duration grace) {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    try {
      for (Connector c : app.jettyServer().server().getConnectors()) {
        if (c instanceof NetworkConnector n) {
          n.close();
        }
      }
      long deadline = System.nanoTime() + grace.toNanos();
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      if (inFlight.get() > 0) {
        LOG.warn("stopping with {} request(s) still in flight after {} s", inFlight.get(),
            grace.toSeconds());
      } else {
        Thread.sleep(LINGER_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      app.stop();
      stopped.countDown();
    }
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Blocks until {@link #stop} has finished or the timeout passed; true if stopped. */
  public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }

  /** Stops with a grace of 10 s. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  private Javalin create(ServeSettings settings) {
    QueuedThreadPool pool = new QueuedThreadPool(settings.threads() + JETTY_THREADS,
        Math.min(settings.threads() + JETTY_THREADS, 8));
    pool.setName("entdist-http");
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = settings.maxBody();
      config.http.prefer405over404 = true;
      config.jetty.threadPool = pool;
      config.routes.before(ctx -> {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        if (stopping) {
          ctx.header("Connection", "close");
        }
      });
      config.routes.post("/v1/query", tracked("/v1/query", ctx -> {
        byte[] body = body(ctx);
        json(ctx, 200, computed(() -> api.query(body)));
      }));
      config.routes.post("/v1/annotate", tracked("/v1/annotate", ctx -> {
        byte[] body = body(ctx);
        json(ctx, 200, computed(() -> api.annotate(body)));
      }));
      config.routes.get("/v1/model", tracked("/v1/model", ctx -> json(ctx, 200,
          api.describe())));
      config.routes.get("/health", tracked("/health", ctx -> json(ctx, 200, api.health())));
      config.routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE)
          .result(metrics.scrape()));
      config.routes.get("/openapi.json", tracked("/openapi.json", ctx -> file(ctx,
          "openapi.json")));
      config.routes.get("/", tracked("/", ctx -> file(ctx, "index.html")));
      config.routes.get("/page/{file}", tracked("/page", ctx -> file(ctx, ctx.pathParam("file"))));
      config.routes.error(404, ctx -> refused(ctx, 404, "no such path: " + ctx.method() + " "
          + ctx.path() + " (the API is described at /openapi.json)"));
      config.routes.error(405, ctx -> refused(ctx, 405, "method " + ctx.method() + " is not"
          + " allowed on " + ctx.path() + " (the API is described at /openapi.json)"));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "), logged by the"
            + " server");
      });
    });
  }

  /** Counts, times and guards one route: a refusal becomes its JSON error, a bug a 500. */
  private Handler tracked(String route, Handler h) {
    return ctx -> {
      long t0 = System.nanoTime();
      inFlight.incrementAndGet();
      try {
        h.handle(ctx);
      } catch (BadRequest e) {
        error(ctx, e.status(), e.getMessage());
      } catch (Exception e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "), logged by the"
            + " server");
      } finally {
        metrics.record(route, ctx.method().name(), ctx.statusCode(), System.nanoTime() - t0);
        inFlight.decrementAndGet();
      }
    };
  }

  /** An answer computed under one of the {@link #computing} permits. */
  private JsonNode computed(java.util.function.Supplier<JsonNode> answer)
      throws InterruptedException {
    computing.acquire();
    try {
      return answer.get();
    } finally {
      computing.release();
    }
  }

  private byte[] body(Context ctx) throws IOException {
    byte[] b = Requests.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(),
        maxBody);
    return b;
  }

  private void file(Context ctx, String name) {
    Page.File f = page.get(name);
    if (f == null) {
      throw new BadRequest(404, "no such file: " + ctx.path());
    }
    ctx.status(200).contentType(f.contentType()).header("Cache-Control", "no-cache")
        .result(f.bytes());
  }

  private void refused(Context ctx, int status, String message) {
    metrics.record("unmatched", ctx.method().name(), status, 0);
    error(ctx, status, message);
  }

  private static void error(Context ctx, int status, String message) {
    if (status == 413) {
      ctx.header("Connection", "close");
    }
    json(ctx, status, JsonAnswers.object().put("error", message));
  }

  private static void json(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
