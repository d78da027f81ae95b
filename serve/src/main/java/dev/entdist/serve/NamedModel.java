package dev.entdist.serve;

import dev.entdist.pipeline.TextModel;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model with the name requests and answers call it by ({@code "soft"}, {@code "onehot"}).
 *
 * @param name letters, digits, {@code .}, {@code _} or {@code -}
 * @param model a model that reads text
 */
public record NamedModel(String name, TextModel model) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /** Rejects a name that would not read well in JSON, a URL or a page. */
  public NamedModel {
    Objects.requireNonNull(model, "model");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("model name '" + name + "' must be letters, digits,"
          + " '.', '_' or '-'");
    }
  }
}
