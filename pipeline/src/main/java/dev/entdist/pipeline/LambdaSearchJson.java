package dev.entdist.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.trainer.LambdaSearch;

/**
 * The {@code lambda_search} object of {@code train --json}, in one place for every runner (the
 * command line, the Spark job): {@code folds}, {@code chosen} and {@code grid}, a list of
 * {@code {"lambda": …, "held_out_kl": …}} where a λ that no fold's path reached has {@code
 * held_out_kl} null.
 */
public final class LambdaSearchJson {

  private LambdaSearchJson() {}

  /** The object for {@code search}. */
  public static ObjectNode of(LambdaSearch.Result search) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("folds", search.folds());
    put(n, "chosen", search.chosen());
    ArrayNode grid = n.putArray("grid");
    for (int i = 0; i < search.grid().size(); i++) {
      ObjectNode row = grid.addObject();
      put(row, "lambda", search.grid().get(i));
      double kl = search.heldOutKl().get(i);
      if (Double.isNaN(kl)) { // a fold's path stopped before this λ: not evaluated
        row.putNull("held_out_kl");
      } else {
        put(row, "held_out_kl", kl);
      }
    }
    return n;
  }

  /** A number, or its name when it is not finite (JSON has no infinities). */
  private static void put(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.put(key, Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
  }
}
