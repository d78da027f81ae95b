package dev.entdist.serve;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How to serve.
 *
 * @param models the models, the first answering requests that name none; names are distinct
 * @param host the address to bind ({@code 127.0.0.1}: this machine only)
 * @param port the port, 0 for any free one
 * @param threads request threads (Jetty adds a few of its own for accepting connections)
 * @param maxBody the largest request body in bytes; a larger one gets 413
 */
public record ServeSettings(List<NamedModel> models, String host, int port, int threads,
    long maxBody) {

  /** Validates every part. */
  public ServeSettings {
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no model to serve");
    }
    Set<String> names = new HashSet<>();
    for (NamedModel m : models) {
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("two models are called '" + m.name() + "': name"
            + " them with --model NAME=FILE");
      }
      if (!m.model().readsText()) {
        throw new IllegalArgumentException("model '" + m.name() + "' was trained on a feature"
            + " directory (--features) and cannot read text: train it with --corpus to serve"
            + " it");
      }
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (maxBody < 1) {
      throw new IllegalArgumentException("the body limit must be >= 1 byte, got " + maxBody);
    }
  }
}
