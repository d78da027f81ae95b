package dev.entdist.cli;

import dev.entdist.pipeline.RepeatedComparison;
import dev.entdist.trainer.Evaluation.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric of a regime under its JSON key, for the tables and JSON objects that list them
 * all: the mean and the sample standard deviation over the runs of a comparison. Computations
 * read the typed {@link Metrics}; these maps exist only at the output's edge.
 */
final class MetricMaps {

  private MetricMaps() {}

  /** Key → mean over the runs, in the design's order. */
  static Map<String, Double> mean(RepeatedComparison rc, String regime) {
    return stat(rc, regime, true);
  }

  /** Key → sample standard deviation over the runs; NaN with one run or an infinite value. */
  static Map<String, Double> std(RepeatedComparison rc, String regime) {
    return stat(rc, regime, false);
  }

  private static Map<String, Double> stat(RepeatedComparison rc, String regime, boolean mean) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Metrics m : rc.metrics(regime)) {
      m.toMap().forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, mean ? RepeatedComparison.mean(v)
        : RepeatedComparison.std(v)));
    return out;
  }
}
