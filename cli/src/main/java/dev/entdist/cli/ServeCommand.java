package dev.entdist.cli;

import dev.entdist.pipeline.TextModel;
import dev.entdist.serve.ModelServer;
import dev.entdist.serve.NamedModel;
import dev.entdist.serve.ServeSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entdist serve}: models over HTTP, and a page to look at their distributions. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve models over HTTP: a JSON API, and a page to look at their distributions.",
      "",
      "The API: POST /v1/query, POST /v1/annotate, GET /v1/model, /health, /metrics and"
          + " /openapi.json, which describes them. The page at / highlights"
          + " every occurrence of a model word in a text you type, coloured by its most probable"
          + " label, with bars for its distribution. With two models (say the soft and the"
          + " one-hot model of 'compare') the page shows both side by side.",
      "",
      "Exposure: the server binds 127.0.0.1, so only this machine can reach it. It has no"
          + " authentication and no TLS: anyone who can reach the port can use it. To serve"
          + " others, keep it on 127.0.0.1 behind a reverse proxy (nginx, Caddy) that adds TLS"
          + " and authentication; --host 0.0.0.0 exposes it to every network of the machine"
          + " as it is.",
      "",
      "It prints 'listening on http://HOST:PORT/' on stdout once the models are loaded."
          + " SIGTERM or Ctrl-C stops it: it stops accepting connections, finishes the requests"
          + " in flight (up to 8 s) and exits."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist serve --model cell.model",
      "      the page at http://127.0.0.1:8080/",
      "  entdist serve --model soft=soft.model --model onehot=onehot.model --port 9000",
      "      two models side by side; a request picks one with \"model\": \"onehot\"",
      "  curl -s localhost:8080/v1/query -d '{\"word\": \"cell\"}'",
      "      the distribution of cell as JSON (the keys of 'entdist query --json')",
      "",
      "Exit codes: 0 stopped, 1 a model cannot be loaded or the port cannot be bound,"
          + " 2 usage error; stopped by SIGTERM, the shell reports 143."
    })
final class ServeCommand implements Callable<Integer> {

  private static final Pattern SIZE = Pattern.compile(
      "(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB|K|M|G|k|m|g)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Duration GRACE = Duration.ofSeconds(8);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "[NAME=]FILE", required = true,
      description = "A model file written by 'entdist train --corpus', optionally named"
          + " (default name: the file name without its extension). Repeat for more models;"
          + " the first answers requests that name none.")
  List<String> models;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0"
          + " is every network, without authentication).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--threads", paramLabel = "N",
      description = "Request threads (default: 4 per processor, at least 8).")
  Integer threads;

  @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1MiB",
      description = "Largest request body; a larger one is refused with 413 (default:"
          + " ${DEFAULT-VALUE}; units B, KiB, MiB, GiB or KB, MB, GB).")
  String maxBody;

  @Override
  public Integer call() throws Exception {
    long limit = size(maxBody);
    if (port < 0 || port > 65535) {
      throw usage("--port must be in 0..65535, got " + port);
    }
    if (threads != null && threads < 1) {
      throw usage("--threads must be >= 1, got " + threads);
    }
    int t = threads != null ? threads
        : Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    // The OpenNLP models load on other threads while the model files are read.
    TextModel.preloadBundledAnalysis();
    List<NamedModel> served = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String m : models) {
      String[] nameAndFile = nameAndFile(m);
      if (!names.add(nameAndFile[0])) {
        throw usage("two models are called '" + nameAndFile[0] + "': name them with --model"
            + " NAME=FILE");
      }
      TextModel model = TextModel.load(Path.of(nameAndFile[1]));
      if (!model.readsText()) {
        throw new UserException("model " + nameAndFile[1] + " was trained on a feature directory"
            + " (--features) and cannot read text: train it with --corpus to serve it");
      }
      served.add(new NamedModel(nameAndFile[0], model));
    }
    ModelServer server = ModelServer.start(new ServeSettings(served, host, port, t, limit));
    Thread hook = new Thread(() -> server.stop(GRACE), "entdist-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    String shown = host.contains(":") ? "[" + host + "]" : host;
    out.println("listening on http://" + shown + ":" + server.port() + "/ (models: "
        + String.join(", ", names(served)) + ")");
    out.flush();
    if (!isLoopback(host)) {
      Progress.note(spec, "warning: bound to " + host + " without authentication: anyone who"
          + " can reach this port can use the server");
    }
    server.awaitStop();
    return 0;
  }

  private static List<String> names(List<NamedModel> served) {
    return served.stream().map(NamedModel::name).toList();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /** {@code NAME=FILE}, or {@code FILE} named by its file name without the extension. */
  private String[] nameAndFile(String arg) {
    int eq = arg.indexOf('=');
    if (eq > 0 && NAME.matcher(arg.substring(0, eq)).matches()
        && !Files.exists(Path.of(arg))) {
      return new String[] {arg.substring(0, eq), arg.substring(eq + 1)};
    }
    String file = Path.of(arg).getFileName() == null ? arg
        : Path.of(arg).getFileName().toString();
    int dot = file.lastIndexOf('.');
    String name = (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
    return new String[] {name, arg};
  }

  private long size(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw usage("--max-body must be a size such as 1MiB, 512KiB or 100000, got '" + text
          + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor = switch (unit.toUpperCase(Locale.ROOT)) {
      case "B" -> 1;
      case "KIB", "K" -> 1L << 10;
      case "MIB", "M" -> 1L << 20;
      case "GIB", "G" -> 1L << 30;
      case "KB" -> 1_000;
      case "MB" -> 1_000_000;
      default -> 1_000_000_000;
    };
    if (n < 1 || n > (Integer.MAX_VALUE - 8) / factor) {
      throw usage("--max-body must be between 1 byte and 2 GiB, got '" + text + "'");
    }
    return n * factor;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
