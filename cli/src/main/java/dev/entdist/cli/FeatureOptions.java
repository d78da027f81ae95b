package dev.entdist.cli;

import dev.entdist.features.FeatureConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The feature options shared by every command that computes features from text: {@code train},
 * {@code compare}, {@code features export} and {@code features explain}.
 */
final class FeatureOptions {

  @Option(names = "--hash-bits", paramLabel = "B",
      description = "Text features hash into 2^B buckets (default: 18).")
  Integer hashBits;

  @Option(names = "--window", paramLabel = "W",
      description = "Words on each side of the target the window features look at (default: 1).")
  Integer window;

  @Option(names = "--opennlp-models", paramLabel = "DIR",
      description = "Use your own OpenNLP model files from DIR (one .bin file each whose name"
          + " contains 'sentence', 'token', 'pos' and, for lemma features, 'lemma'), e.g. for"
          + " another language (default: the English UD-EWT models inside the jar).")
  java.nio.file.Path openNlpModels;

  /** Whether any option here was given. */
  boolean given() {
    return hashBits != null || window != null || openNlpModels != null;
  }

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
      if (openNlpModels != null) {
        if (!java.nio.file.Files.isDirectory(openNlpModels)) {
          throw new UserException("--opennlp-models " + openNlpModels
              + " is not a directory of OpenNLP model files");
        }
        f = f.withModelDirectory(openNlpModels.toAbsolutePath().normalize());
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
    return f;
  }
}
