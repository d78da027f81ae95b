package dev.entdist.cli;

import dev.entdist.features.FeatureConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The feature options shared by {@code features export} and {@code features explain}. */
final class FeatureOptions {

  @Option(names = "--hash-bits", paramLabel = "B",
      description = "Text features hash into 2^B buckets (default: 18).")
  Integer hashBits;

  @Option(names = "--window", paramLabel = "W",
      description = "Words on each side of the target the window features look at (default: 2).")
  Integer window;

  /** The feature configuration; an out-of-range value is a usage error (exit 2). */
  FeatureConfig config(CommandLine cl) {
    FeatureConfig f = FeatureConfig.defaults();
    try {
      if (hashBits != null) {
        f = f.withHashBits(hashBits);
      }
      if (window != null) {
        f = f.withWindow(window);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
    return f;
  }
}
